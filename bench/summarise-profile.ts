/**
 * Prints where a `node --cpu-prof` profile spent its time: self time by function and by
 * source file, heaviest first (issue 8: profile before optimising).
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/build-once.ts --root DIR --clean
 *   node --import tsx bench/summarise-profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable } from './format-table.ts';

/** The parts of V8's `.cpuprofile` format this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per key, from the samples and their time deltas. */
export function selfTimes(profile: CpuProfile, key: (frame: CpuProfile['nodes'][number]['callFrame']) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const k = key(node.callFrame);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  return nm >= 0 ? p.slice(nm + 'node_modules/'.length) : path.relative(process.cwd(), p);
}

function top(totals: Map<string, number>, count: number, all: number): string[][] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, ms]) => [k.length > 100 ? `${k.slice(0, 99)}…` : k, `${Math.round(ms)} ms`, `${((100 * ms) / all).toFixed(1)} %`]);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const count = Number(values.top);
  for (const file of positionals) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    const all = (profile.endTime - profile.startTime) / 1000;
    process.stdout.write(`${file}: ${Math.round(all)} ms sampled\n\n`);
    const byFunction = selfTimes(profile, (f) => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`);
    process.stdout.write(`${formatTable(['self time by function', 'ms', 'share'], top(byFunction, count, all))}\n\n`);
    const byFile = selfTimes(profile, (f) => shortUrl(f.url).replace(/^([^/]+\/[^/]+|[^/]+)\/.*$/, (m, pkg: string) => (m.startsWith('src/') || m.startsWith('bench/') ? m : pkg)));
    process.stdout.write(`${formatTable(['self time by file or package', 'ms', 'share'], top(byFile, count, all))}\n\n`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
