// Save → reload latency of `shownotes dev` (issue 7: "the dev server shows the change in the
// browser within 1 second of the save").
//
//   node --import tsx bench/dev-reload-latency.ts SHOW_DIR [--runs N]
//
// Copies the show to a temp folder, starts the dev server in this process on a free port,
// connects to its event stream like a page does, then N times rewrites one episode's title and
// times (a) the save until the first reload event arrives (the edited page alone, previewed from
// the last build, when it can be), (b) the save until the page served has the new title (what
// a browser shows after reloading) and (c) the save until the whole site is rebuilt. Each edit
// waits for the previous rebuild to end.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EVENTS_PATH } from '../src/dev/inject-client.ts';
import { runDevServer } from '../src/dev/run-dev-server.ts';
import { memoryLogger } from '../src/logger.ts';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '10' } }, allowPositionals: true });
const show = positionals[0];
if (!show) {
  process.stderr.write('usage: node --import tsx bench/dev-reload-latency.ts SHOW_DIR [--runs N]\n');
  process.exit(2);
}
const runs = Number(values.runs);

const root = await mkdtemp(path.join(tmpdir(), 'shownotes-dev-bench-'));
await cp(path.resolve(show), root, { recursive: true, filter: (src) => !/[/\\](out|\.cache|node_modules|\.git)$/.test(src) });
const episodes = (await readdir(path.join(root, 'episodes'))).filter((f) => f.endsWith('.md')).sort();
const target = path.join(root, 'episodes', episodes[0]!);
const slug = episodes[0]!.replace(/\.md$/, '');
const original = await readFile(target, 'utf8');
const titleLine = /^title:.*$/m.exec(original)?.[0];
if (!titleLine) throw new Error(`${target} has no title line`);

const logger = memoryLogger();
const startedAt = performance.now();
const server = await runDevServer({ root, port: 0, logger });
const firstBuildMs = performance.now() - startedAt;

const reloads: (() => void)[] = [];
let lastEventAt = 0;
await new Promise<void>((resolve, reject) => {
  http
    .get(new URL(EVENTS_PATH, server.url), (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (chunk.includes("event: reload")) {
          lastEventAt = performance.now();
          reloads.splice(0).forEach((reloaded) => reloaded());
        }
        if (chunk.includes('event: build-error')) {
          process.stderr.write(`the build failed:\n${logger.warnings.join('\n')}\n`);
          process.exit(1);
        }
      });
      resolve();
    })
    .on('error', reject);
});

/**
 * Resolves once no reload event has arrived for a while: the rebuild's own reload (after a
 * preview) is sent just before its log line and may still be on its way, and must not be taken
 * for the next edit's.
 */
async function settled(): Promise<void> {
  const since = performance.now();
  while (performance.now() - Math.max(lastEventAt, since) < 300) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Resolves once the server has logged one more finished rebuild than `before`. */
async function rebuilt(before: number): Promise<void> {
  while (logger.infos.filter((m) => m.includes('rebuilt in')).length <= before) await new Promise((resolve) => setTimeout(resolve, 10));
}

const toEvent: number[] = [];
const toPage: number[] = [];
const toRebuilt: number[] = [];
for (let i = 1; i <= runs; i++) {
  const title = `Latency run ${i}`;
  const builds = logger.infos.filter((m) => m.includes('rebuilt in')).length;
  const reloaded = new Promise<void>((resolve) => reloads.push(resolve));
  const saved = performance.now();
  await writeFile(target, original.replace(titleLine, `title: "${title}"`));
  await reloaded;
  toEvent.push(performance.now() - saved);
  const html = await (await fetch(new URL(`episodes/${slug}/`, server.url))).text();
  if (!html.includes(title)) throw new Error(`run ${i}: the page does not show "${title}"`);
  toPage.push(performance.now() - saved);
  await rebuilt(builds);
  toRebuilt.push(performance.now() - saved);
  await settled();
}
await server.close();
await rm(root, { recursive: true, force: true });

const stats = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${(at(0.5) / 1000).toFixed(3)} s, min ${(sorted[0]! / 1000).toFixed(3)} s, max ${(sorted.at(-1)! / 1000).toFixed(3)} s`;
};
process.stdout.write(
  [
    `show: ${path.resolve(show)} (${episodes.length} episodes), ${runs} edits of episodes/${episodes[0]}`,
    `first build and server start: ${(firstBuildMs / 1000).toFixed(2)} s`,
    `save → reload event: ${stats(toEvent)}`,
    `save → page with the change served: ${stats(toPage)}`,
    `save → whole site rebuilt: ${stats(toRebuilt)}`,
    `server's own figures: ${logger.infos.filter((m) => m.includes('rebuilt in')).map((m) => m.replace(/^.*rebuilt in /, '')).join(', ')}`,
    '',
  ].join('\n'),
);
