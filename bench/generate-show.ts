/**
 * Writes a synthetic show folder for the benchmark (issue 8): N episodes like a rewatch
 * podcast's, and M news articles in RSS files, some of which quote the episodes.
 *
 *   node --import tsx bench/generate-show.ts DIR --episodes 4000 --articles 20000 [--seed 1]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ARTICLES_PER_FEED, feedFileName, makeArticleFeed } from './make-article-feed.ts';
import { benchPodcast, episodeMarkdown, makeEpisode } from './make-episode.ts';

/** Options of one generated show; `seed` defaults to 1. */
export interface GenerateOptions {
  episodes: number;
  articles: number;
  seed?: number;
}

/** Files written at most at once, so big shows do not exhaust file handles. */
const PARALLEL_WRITES = 64;

async function writeAll(files: readonly (readonly [string, () => string])[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const [file, content] = files[next++] as readonly [string, () => string];
      await writeFile(file, content());
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, files.length) }, worker));
}

/** The show's `shownotes.config.yaml` (SPEC §3), listing the generated feeds. */
function configYaml(feeds: readonly string[]): string {
  return [
    `title: ${benchPodcast.title}`,
    `url: ${benchPodcast.url}`,
    'description: Two friends rewatch old sitcoms, one episode at a time, with the people who made them.',
    `author: ${benchPodcast.author}`,
    // Owner e-mail and artwork keep the podcast feed free of Apple Podcasts warnings.
    'email: show@rerun-club.example',
    `image: ${benchPodcast.url}cover.jpg`,
    'language: en',
    'timezone: America/Chicago',
    'articles:',
    '  feeds:',
    ...feeds.map((f) => `    - feeds/${f}`),
    'images: false',
    '',
  ].join('\n');
}

/**
 * Writes the show into `dir` (its `episodes/` and `feeds/` are replaced; other files are
 * left alone). The same options give byte-identical files.
 */
export async function generateShow(dir: string, options: GenerateOptions): Promise<{ files: number }> {
  const seed = options.seed ?? 1;
  const episodes = Array.from({ length: options.episodes }, (_, i) => makeEpisode(seed, i));
  const feedCount = Math.ceil(options.articles / ARTICLES_PER_FEED);
  const feedNames = Array.from({ length: feedCount }, (_, k) => feedFileName(k, feedCount));

  await rm(path.join(dir, 'episodes'), { recursive: true, force: true });
  await rm(path.join(dir, 'feeds'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'episodes'), { recursive: true });
  await mkdir(path.join(dir, 'feeds'), { recursive: true });

  const files: [string, () => string][] = [
    [path.join(dir, 'shownotes.config.yaml'), () => configYaml(feedNames)],
    ...episodes.map((ep): [string, () => string] => [
      path.join(dir, 'episodes', `${ep.slug}.md`),
      () => episodeMarkdown(ep),
    ]),
    ...feedNames.map((name, k): [string, () => string] => [
      path.join(dir, 'feeds', name),
      () => makeArticleFeed(seed, k, options.articles, episodes),
    ]),
  ];
  await writeAll(files);
  return { files: files.length };
}

/** The command line: `generate-show.ts DIR --episodes N --articles M [--seed S]`. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      episodes: { type: 'string', default: '4000' },
      articles: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const counts = [values.episodes, values.articles, values.seed].map(Number);
  const [episodes, articles, seed] = counts as [number, number, number];
  if (positionals.length !== 1 || counts.some((n) => !Number.isInteger(n) || n < 0)) {
    process.stderr.write('usage: generate-show.ts DIR --episodes N --articles M [--seed S]\n');
    return 2;
  }
  const dir = path.resolve(positionals[0] as string);
  const started = performance.now();
  const { files } = await generateShow(dir, { episodes, articles, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${dir}: ${files} files (${episodes} episodes, ${articles} articles) in ${seconds} s\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
