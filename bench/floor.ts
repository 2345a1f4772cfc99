/**
 * `npm run bench -- --floor`: the least that any build of the show must do, part by part, each
 * alone in a process of its own (`floor-part.ts`): making the folders and files SPEC §5 asks for
 * (the sizes of the last cold build's `out/`), parsing the article feeds with rss-parser,
 * reading the episodes with gray-matter and markdown-it, and rendering the pages and quote cards
 * with Handlebars and the default theme. Beside them, the same for Eleventy's
 * `_site/`. What these parts cost together on the machine's cores is a bound no build of ours can
 * go under, whatever else it does; the table sets it beside the two cold builds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloorPartResult } from './floor-part.ts';
import { formatMs, formatTable, median } from './format-table.ts';
import { trashDir } from './measure-build.ts';
import { timeProcess } from './time-process.ts';

const partScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor-part.ts');

/**
 * What a part is: one of the floor's (counted in the bound: work any build of ours must do, by
 * the libraries it is built on and SPEC §5's files), our matcher (shown beside the bound), or
 * Eleventy's (only shown).
 */
export type FloorKind = 'floor' | 'matcher' | 'eleventy';

/** One part's runs. */
export interface FloorRow {
  label: string;
  runs: FloorPartResult[];
  kind: FloorKind;
}

/** Runs one part in a child process and returns what it measured of itself. */
export async function measureFloorPart(args: readonly string[], cwd: string): Promise<FloorPartResult> {
  const timing = await timeProcess(['--import', 'tsx', partScript, ...args], cwd);
  return JSON.parse(timing.stdout.trim().split('\n').pop() ?? '') as FloorPartResult;
}

/**
 * Measures the parts `runs` times, alternating. The trees are made in the bench's trash folder
 * (emptied after the last timed run, see `trashDir`): deleting them now would slow the next
 * files made on this disk.
 */
export async function measureFloor(
  repoRoot: string,
  benchDir: string,
  showDir: string,
  eleventySite: string | undefined,
  runs: number,
  progress: (line: string) => void,
): Promise<FloorRow[]> {
  const trash = trashDir(benchDir);
  await mkdir(trash, { recursive: true });
  const fresh = (): string => path.join(trash, `floor-${randomBytes(6).toString('hex')}`);
  const parts: { kind: FloorKind; args: () => string[]; label: (first: FloorPartResult) => string }[] = [
    { kind: 'floor', args: () => ['tree', path.join(showDir, 'out'), fresh()], label: (r) => `make out/: ${r.count} files in ${r.folders} folders` },
    ...(eleventySite
      ? [{ kind: 'eleventy' as const, args: () => ['tree', path.join(eleventySite, '_site'), fresh()], label: (r: FloorPartResult) => `make Eleventy's _site/: ${r.count} files in ${r.folders} folders` }]
      : []),
    { kind: 'floor', args: () => ['feeds', showDir], label: (r) => `rss-parser alone: ${r.count} feed items` },
    { kind: 'floor', args: () => ['episodes', showDir], label: (r) => `gray-matter + markdown-it alone: ${r.count} episodes` },
    { kind: 'floor', args: () => ['templates', showDir], label: (r) => `Handlebars alone: ${r.count} pages and cards` },
    { kind: 'matcher', args: () => ['matcher', showDir], label: (r) => `our matcher alone: ${r.count} episodes, ${r.articles} articles` },
  ];
  const results = parts.map(() => [] as FloorPartResult[]);
  for (let r = 1; r <= runs; r++) {
    for (const [i, part] of parts.entries()) results[i]!.push(await measureFloorPart(part.args(), repoRoot));
    progress(`floor ${r}/${runs} measured`);
  }
  return parts.map((part, i) => ({ label: part.label(results[i]![0]!), runs: results[i]!, kind: part.kind }));
}

/**
 * The floor table: each part's medians, then the bound (the floor's parts, their CPU spread over
 * every core, and never less than the longest one alone) beside the cold builds, and the same
 * bound with our matcher's part added, when it was measured.
 */
export function floorTable(rows: readonly FloorRow[], cold: { ours: number; eleventy?: number }, cores = os.availableParallelism()): string {
  const med = (row: FloorRow, key: 'wallMs' | 'cpuMs' | 'systemMs'): number => median(row.runs.map((r) => r[key]));
  const lines = rows.map((row) => [row.label + (row.kind === 'eleventy' ? ' (not ours)' : ''), formatMs(med(row, 'wallMs')), formatMs(med(row, 'cpuMs')), formatMs(med(row, 'systemMs'))]);
  const boundOf = (counted: readonly FloorRow[]) => {
    const cpu = counted.reduce((sum, row) => sum + med(row, 'cpuMs'), 0);
    return { cpu, bound: Math.max(cpu / cores, ...counted.map((row) => med(row, 'wallMs'))) };
  };
  const floor = rows.filter((r) => r.kind === 'floor');
  const matcher = rows.filter((r) => r.kind === 'matcher');
  const { cpu, bound } = boundOf(floor);
  const withMatcher = matcher.length ? boundOf([...floor, ...matcher]) : undefined;
  const ofEleventy = (ms: number) => (cold.eleventy === undefined ? '' : ` = ${(ms / cold.eleventy).toFixed(2)} of Eleventy`);
  const out = [
    formatTable(['part', 'wall', 'CPU', 'kernel'], lines),
    `bound for ours: ${formatMs(bound)} (the CPU of the parts ours must do, ${formatMs(cpu)}, on ${cores} cores)`,
    `cold build, median: ours ${formatMs(cold.ours)}${cold.eleventy === undefined ? '' : `, Eleventy ${formatMs(cold.eleventy)}; bound / Eleventy ${(bound / cold.eleventy).toFixed(2)}`}`,
  ];
  if (withMatcher) out.push(`bound with our matcher: ${formatMs(withMatcher.bound)} (${formatMs(withMatcher.cpu)} of CPU on ${cores} cores)${ofEleventy(withMatcher.bound)}`);
  return out.join('\n');
}
