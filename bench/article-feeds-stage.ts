/**
 * Times the article feeds stage alone on a show: reading and parsing every feed (on worker
 * threads, or on this thread with `--threads 0`), with or without the parse cache, then
 * unpacking the corpus on the main thread. Prints one JSON line. CPU figures are the whole
 * process (workers included) except `unpackCpuMs`, measured after the workers stopped.
 *
 *   node --import tsx bench/article-feeds-stage.ts --root DIR [--threads N] [--cache none|cold|warm] [--cache-dir DIR]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startLoadingArticles } from '../src/articles/start-loading-articles.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { silentLogger } from '../src/logger.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    threads: { type: 'string', default: '2' },
    cache: { type: 'string', default: 'none' },
    'cache-dir': { type: 'string' },
  },
});
if (!values.root) throw new Error('usage: article-feeds-stage.ts --root DIR [--threads N] [--cache none|cold|warm]');
const root = path.resolve(values.root);
const { config } = await loadConfig(root);
if (!config) throw new Error(`no usable config in ${root}`);
const cacheDir = values['cache-dir'] ?? path.join(root, '.cache', 'bench-parsed-feeds');
const cpu = () => {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
};
const cpuStart = cpu();
const started = performance.now();
const idle = performance.eventLoopUtilization();
const loading = startLoadingArticles(config.articles.feeds, {
  root,
  offline: true,
  refreshSeconds: config.articles.refreshSeconds,
  logger: silentLogger,
  threads: Number(values.threads),
  ...(values.cache === 'none' ? {} : { parseCache: { dir: cacheDir, tool: 'bench', read: values.cache === 'warm' } }),
});
const corpus = await loading.done;
const doneMs = performance.now() - started;
const mainActiveMs = performance.eventLoopUtilization(idle).active;
await corpus.settled;
const settledMs = performance.now() - started;
const unpackStart = cpu();
const articles = corpus.articles();
const unpackCpuMs = cpu() - unpackStart;
const round = (n: number) => Math.round(n);
process.stdout.write(
  `${JSON.stringify({
    threads: Number(values.threads),
    cache: values.cache,
    articles: articles.length,
    feedsParsed: corpus.parsed,
    doneWallMs: round(doneMs),
    settledWallMs: round(settledMs),
    mainThreadActiveMs: round(mainActiveMs),
    unpackCpuMs: round(unpackCpuMs),
    processCpuMs: round(cpu() - cpuStart),
  })}\n`,
);
