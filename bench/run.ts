/**
 * `npm run bench`: the benchmark of issue 8. Generates shows, builds each cold in a child
 * process (medians over `--runs`), prints the stage table, the growth tables, a one-episode
 * incremental rebuild and, with `--vs-eleventy`, Eleventy 3 on the same episode files.
 *
 *   npm run bench -- [--episodes 4000] [--articles 20000] [--runs 3] [--seed 1]
 *                    [--vs-eleventy] [--eleventy-only] [--skip-growth] [--floor] [--quick]
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eleventyArgs, eleventyVersion, ensureEleventy, writeEleventyProject } from './eleventy-project.ts';
import { bundleBuildOnce } from './bundle-build-once.ts';
import { waitForDisk } from './disk-settle.ts';
import { floorTable, measureFloor } from './floor.ts';
import { formatMs, formatTable, median } from './format-table.ts';
import { benchPodcast, makeEpisode } from './make-episode.ts';
import { emptyTrash, measureBuild, measureEleventy, type BuildMeasure } from './measure-build.ts';
import { invalidateShow, prepareShow, revalidateShow } from './prepare-show.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(repoRoot, '.cache', 'bench');
/** The compiled `build-once.ts` every measured build runs; made at the start of a bench run. */
let buildOnce = '';

/** The options of one bench run, after defaults. */
export interface BenchOptions {
  episodes: number;
  articles: number;
  runs: number;
  seed: number;
  vsEleventy: boolean;
  eleventyOnly: boolean;
  growth: boolean;
  /** Also measure the least any build must do (`floor.ts`). */
  floor: boolean;
  /** Wait first for the disk to settle after the last run's deletions (`disk-settle.ts`). */
  settle: boolean;
}

const usage = `usage: npm run bench -- [--episodes N] [--articles M] [--runs R] [--seed S]
                     [--vs-eleventy] [--eleventy-only] [--skip-growth] [--floor] [--quick] [--no-settle]
defaults: 4000 episodes, 20000 articles, 3 runs; --quick: 12 episodes, 1500 articles, 1 run
--no-settle: start at once even within minutes of the last run's deletions (slower disk)`;

/** Reads the command line; a string is a usage error. */
export function parseBenchArgs(argv: string[]): BenchOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        episodes: { type: 'string' },
        articles: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string', default: '1' },
        'vs-eleventy': { type: 'boolean', default: false },
        'eleventy-only': { type: 'boolean', default: false },
        'skip-growth': { type: 'boolean', default: false },
        floor: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        'no-settle': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n${usage}`;
  }
  if (values.help) return usage;
  const quick = values.quick;
  const count = (text: string | undefined, fallback: number, min: number): number | undefined => {
    const n = text === undefined ? fallback : Number(text);
    return Number.isInteger(n) && n >= min ? n : undefined;
  };
  const episodes = count(values.episodes, quick ? 12 : 4000, 4);
  const articles = count(values.articles, quick ? 1500 : 20_000, 4);
  const runs = count(values.runs, quick ? 1 : 3, 1);
  const seed = count(values.seed, 1, 0);
  if (episodes === undefined) return `--episodes must be an integer ≥ 4\n${usage}`;
  if (articles === undefined) return `--articles must be an integer ≥ 4\n${usage}`;
  if (runs === undefined) return `--runs must be an integer ≥ 1\n${usage}`;
  if (seed === undefined) return `--seed must be an integer ≥ 0\n${usage}`;
  return {
    episodes,
    articles,
    runs,
    seed,
    vsEleventy: values['vs-eleventy'],
    eleventyOnly: values['eleventy-only'],
    growth: !values['skip-growth'],
    floor: values.floor,
    settle: !values['no-settle'],
  };
}

const say = (line = ''): void => void process.stdout.write(`${line}\n`);
const progress = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const mb = (n: number): string => `${Math.round(n)} MB`;

async function show(episodes: number, articles: number, seed: number): Promise<string> {
  return prepareShow(path.join(cacheDir, 'shows'), { episodes, articles, seed }, progress);
}

async function eleventySite(showDir: string, options: BenchOptions): Promise<{ dir: string; args: string[] }> {
  const cmd = await ensureEleventy(path.join(cacheDir, 'eleventy'), progress);
  const dir = path.join(cacheDir, 'eleventy-sites', path.basename(showDir));
  await writeEleventyProject(showDir, dir, {
    title: benchPodcast.title,
    url: benchPodcast.url,
    description: `${options.episodes} generated episodes`,
    language: 'en',
  });
  progress(`Eleventy ${await eleventyVersion(cmd)} site over ${options.episodes} episodes in ${dir}`);
  return { dir, args: eleventyArgs(cmd) };
}

/** Cold builds of one size; the label names them in progress lines. */
async function coldRuns(showDir: string, runs: number, label: string): Promise<BuildMeasure[]> {
  const results: BuildMeasure[] = [];
  for (let r = 1; r <= runs; r++) {
    const m = await measureBuild(repoRoot, buildOnce, showDir, true, cacheDir);
    progress(`${label} cold ${r}/${runs}: ${formatMs(m.processMs)}`);
    results.push(m);
  }
  return results;
}

/** Stage names in the order the first run reported them. */
function stageNames(results: readonly BuildMeasure[]): string[] {
  const names: string[] = [];
  for (const r of results) for (const s of r.stages) if (!names.includes(s.name)) names.push(s.name);
  return names;
}

function stageMs(m: BuildMeasure, name: string): number {
  return m.stages.filter((s) => s.name === name).reduce((sum, s) => sum + s.ms, 0);
}

/** The per-run table: one row per stage, then wall, CPU, memory and files; medians last. */
function stageTable(results: readonly BuildMeasure[]): string {
  const header = ['', ...results.map((_, i) => `run ${i + 1}`), 'median'];
  const row = (label: string, pick: (m: BuildMeasure) => number, format: (n: number) => string): string[] => [
    label,
    ...results.map((m) => format(pick(m))),
    format(median(results.map(pick))),
  ];
  const rows = stageNames(results).map((name) => row(`stage: ${name}`, (m) => stageMs(m, name), formatMs));
  rows.push(
    row('build wall (in process)', (m) => m.wallMs, formatMs),
    row('total wall (process)', (m) => m.processMs, formatMs),
    row('CPU time', (m) => m.cpuMs, formatMs),
    row('  of which start-up', (m) => m.startupCpuMs, formatMs),
    row('peak RSS', (m) => m.maxRssMb, mb),
    row('files written', (m) => m.files, String),
    row('warnings', (m) => m.warnings, String),
  );
  return formatTable(header, rows);
}

interface SizeResult {
  episodes: number;
  articles: number;
  runs: BuildMeasure[];
}

/**
 * One growth table: a row per size with medians. "× prev" compares the build's own wall time
 * (inside `runBuild`) with the row above, so Node's constant start-up does not hide growth;
 * "CPU × prev" does the same for CPU time after start-up.
 */
function growthTable(sizes: readonly SizeResult[]): string {
  const names = stageNames(sizes.flatMap((s) => s.runs));
  const header = ['episodes', 'articles', 'total wall', 'build wall', '× prev', 'CPU', 'CPU × prev', 'peak RSS', 'files', ...names];
  let previous: { build: number; cpu: number } | undefined;
  const rows = sizes.map((s) => {
    const build = median(s.runs.map((m) => m.wallMs));
    // CPU time minus start-up: on a busy machine it shows growth better than wall time.
    const cpu = median(s.runs.map((m) => m.cpuMs - m.startupCpuMs));
    const ratio = (now: number, before: number | undefined): string =>
      before === undefined ? '' : `${(now / before).toFixed(2)}×`;
    const row = [
      String(s.episodes),
      String(s.articles),
      formatMs(median(s.runs.map((m) => m.processMs))),
      formatMs(build),
      ratio(build, previous?.build),
      formatMs(median(s.runs.map((m) => m.cpuMs))),
      ratio(cpu, previous?.cpu),
      mb(median(s.runs.map((m) => m.maxRssMb))),
      String(median(s.runs.map((m) => m.files))),
      ...names.map((n) => formatMs(median(s.runs.map((m) => stageMs(m, n))))),
    ];
    previous = { build, cpu };
    return row;
  });
  return formatTable(header, rows);
}

/** Measures, at every size of one growth series, reusing the runs already made. */
async function growthSeries(
  sizes: readonly [number, number][],
  known: SizeResult,
  options: BenchOptions,
): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const [episodes, articles] of sizes) {
    if (episodes === known.episodes && articles === known.articles) {
      results.push(known);
      continue;
    }
    const dir = await show(episodes, articles, options.seed);
    results.push({ episodes, articles, runs: await coldRuns(dir, options.runs, `N=${episodes} M=${articles}`) });
  }
  return results;
}

/**
 * Edits one episode's body and rebuilds without `--clean`, once per run; the show's last
 * build must be a finished one. The episode file is restored afterwards.
 */
async function incrementalRuns(showDir: string, options: BenchOptions): Promise<BuildMeasure[]> {
  const middle = makeEpisode(options.seed, Math.floor(options.episodes / 2));
  const file = path.join(showDir, 'episodes', `${middle.slug}.md`);
  const original = await readFile(file, 'utf8');
  const results: BuildMeasure[] = [];
  await invalidateShow(showDir);
  try {
    for (let r = 1; r <= options.runs; r++) {
      await writeFile(file, `${original}\nEdited for the benchmark, run ${r}.\n`);
      const m = await measureBuild(repoRoot, buildOnce, showDir, false, cacheDir);
      progress(`one-episode rebuild ${r}/${options.runs}: ${formatMs(m.processMs)} (${m.files} files)`);
      results.push(m);
    }
  } finally {
    await writeFile(file, original);
    await revalidateShow(showDir, options);
  }
  return results;
}

function header(options: BenchOptions, argv: readonly string[]): void {
  const cpus = os.cpus();
  say(`shownotes bench · ${new Date().toISOString()}`);
  say(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`);
  say(`command: npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`);
  say(`show: ${options.episodes} episodes, ${options.articles} articles, seed ${options.seed}; medians of ${options.runs} run${options.runs === 1 ? '' : 's'}; images off`);
  say();
}

async function eleventyOnly(showDir: string, options: BenchOptions): Promise<void> {
  const site = await eleventySite(showDir, options);
  const runs = [];
  for (let r = 1; r <= options.runs; r++) {
    const m = await measureEleventy(site.dir, site.args, cacheDir);
    progress(`eleventy ${r}/${options.runs}: ${formatMs(m.processMs)}`);
    runs.push(m);
  }
  say(`Eleventy alone, ${options.episodes} episodes`);
  say(
    formatTable(
      ['', ...runs.map((_, i) => `run ${i + 1}`), 'median'],
      [
        ['total wall (process)', ...runs.map((m) => formatMs(m.processMs)), formatMs(median(runs.map((m) => m.processMs)))],
        ['CPU time', ...runs.map((m) => formatMs(m.cpuMs)), formatMs(median(runs.map((m) => m.cpuMs)))],
        ['peak RSS', ...runs.map((m) => mb(m.maxRssMb)), mb(median(runs.map((m) => m.maxRssMb)))],
      ],
    ),
  );
}

/** Runs the whole benchmark and prints its tables; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return argv.includes('--help') ? 0 : 2;
  }
  header(options, argv);
  if (options.settle) await waitForDisk(cacheDir, progress);
  buildOnce = await bundleBuildOnce(repoRoot, path.join(cacheDir, 'bundle'));
  try {
    await benchmark(options);
  } finally {
    // Outputs of the cold runs were set aside, not deleted, while timings ran (see trashDir).
    await emptyTrash(cacheDir);
  }
  return 0;
}

/** The runs and tables of `main`. */
async function benchmark(options: BenchOptions): Promise<void> {
  const mainShow = await show(options.episodes, options.articles, options.seed);
  if (options.eleventyOnly) {
    await eleventyOnly(mainShow, options);
    return;
  }

  // Cold builds at the main size; with --vs-eleventy they alternate with Eleventy's.
  const ours: BuildMeasure[] = [];
  const pairs: { ours: number; eleventy: number }[] = [];
  const site = options.vsEleventy ? await eleventySite(mainShow, options) : undefined;
  for (let r = 1; r <= options.runs; r++) {
    const m = await measureBuild(repoRoot, buildOnce, mainShow, true, cacheDir);
    progress(`ours cold ${r}/${options.runs}: ${formatMs(m.processMs)}`);
    ours.push(m);
    if (site) {
      const e = await measureEleventy(site.dir, site.args, cacheDir);
      progress(`eleventy ${r}/${options.runs}: ${formatMs(e.processMs)}`);
      pairs.push({ ours: m.processMs, eleventy: e.processMs });
    }
  }
  say(`Cold build, ${options.episodes} episodes, ${options.articles} articles`);
  say(stageTable(ours));
  say();

  if (site) {
    say(`Side by side with Eleventy (alternating runs, process wall time)`);
    const ratios = pairs.map((p) => p.ours / p.eleventy);
    say(
      formatTable(
        ['pair', 'ours', 'Eleventy', 'ours / Eleventy'],
        pairs.map((p, i) => [String(i + 1), formatMs(p.ours), formatMs(p.eleventy), (ratios[i] as number).toFixed(2)]),
      ),
    );
    say(`median ratio ours / Eleventy: ${median(ratios).toFixed(2)}`);
    say();
  }

  if (options.floor) {
    // Right after the cold runs: the show's out/ and Eleventy's _site/ are their last outputs.
    const rows = await measureFloor(repoRoot, cacheDir, mainShow, site?.dir, options.runs, progress);
    say(`Floor: the least any build of this show must do, each part alone in a process (medians of ${options.runs})`);
    say(floorTable(rows, { ours: median(ours.map((m) => m.processMs)), eleventy: pairs.length ? median(pairs.map((p) => p.eleventy)) : undefined }));
    say();
  }

  const known = { episodes: options.episodes, articles: options.articles, runs: ours };
  // The incremental runs go before the growth series: the main show's last build is cold.
  const incremental = await incrementalRuns(mainShow, options);
  if (options.growth) {
    const half = (n: number, d: number): number => Math.max(1, Math.round(n / d));
    const byEpisodes = await growthSeries(
      [4, 2, 1].map((d): [number, number] => [half(options.episodes, d), options.articles]),
      known,
      options,
    );
    const byArticles = await growthSeries(
      [4, 2, 1].map((d): [number, number] => [options.episodes, half(options.articles, d)]),
      known,
      options,
    );
    say(`Growth in episodes (articles fixed at ${options.articles})`);
    say(growthTable(byEpisodes));
    say();
    say(`Growth in articles (episodes fixed at ${options.episodes})`);
    say(growthTable(byArticles));
    say();
  }

  say(`One-episode rebuild (one body edited, no --clean)`);
  say(stageTable(incremental));
  const ratio = (pick: (m: BuildMeasure) => number): string => {
    const cold = median(ours.map(pick));
    const warm = median(incremental.map(pick));
    return `${formatMs(warm)} / ${formatMs(cold)} = ${((100 * warm) / cold).toFixed(1)} %`;
  };
  say(`rebuild / cold, total wall: ${ratio((m) => m.processMs)}`);
  say(`rebuild / cold, build wall: ${ratio((m) => m.wallMs)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
