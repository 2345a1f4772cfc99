/**
 * The matcher alone on a real show folder (issue 5 item 5): reads the episodes and the article
 * feeds once (kept in a v8 file with `--cache`, so repeated runs skip the reading), then times a
 * cold `matchIncrementally` (what a clean build runs) and prints CPU, wall and peak RSS. With
 * `--out FILE`, writes `related.json` as a build would, to compare runs byte for byte.
 *
 *   node --expose-gc --import tsx bench/match-show.ts --root DIR [--cache FILE] [--out FILE] [--episodes-api] [--from-feeds] [--profile FILE]
 *
 * `--profile FILE` writes a CPU profile (`.cpuprofile`) of the matching alone, without the
 * reading of the show before it (see `bench/summarise-profile.ts`).
 *
 * The cold run is timed in two parts, as a clean build runs them: the episodes alone
 * (`prepareShow`, which a build does while the feeds' thread is still parsing), then the
 * matching with the corpus (index included).
 *
 * `--episodes-api` times `matchEpisodes` (what `shownotes match` and `bench/match-scale.ts` call)
 * instead. `--from-feeds` takes the articles as a clean build does: the feeds are parsed and packed
 * first (not timed, on this thread), and the unpacking and merging are timed with the matching,
 * as in the build's matching stage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import type { Article } from '../src/articles/article.ts';
import { startLoadingArticles } from '../src/articles/start-loading-articles.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { episodeKey } from '../src/incremental/episode-key.ts';
import { silentLogger } from '../src/logger.ts';
import { matchEpisodes } from '../src/matching/match-episodes.ts';
import { renderRelatedJson } from '../src/matching/render-related-json.ts';
import { cpuMs, matchCold, readShowForMatching, type ShowData } from './match-cold.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      cache: { type: 'string' },
      out: { type: 'string' },
      'episodes-api': { type: 'boolean', default: false },
      profile: { type: 'string' },
      'from-feeds': { type: 'boolean', default: false },
    },
  });
  if (!values.root) throw new Error('usage: match-show.ts --root DIR [--cache FILE] [--out FILE] [--episodes-api] [--from-feeds] [--profile FILE]');
  const root = path.resolve(values.root);
  let data: ShowData;
  if (values.cache && existsSync(values.cache)) data = v8.deserialize(readFileSync(values.cache)) as ShowData;
  else {
    data = await readShowForMatching(root, { plainArticles: true });
    if (values.cache) writeFileSync(values.cache, v8.serialize(data));
  }
  const { episodes } = data;
  // A build knows each episode's key from parsing (and a v8 copy has lost the ones made when read).
  for (const episode of episodes) episodeKey(episode);
  let articles = (): Article[] => data.articles;
  if (values['from-feeds']) {
    const { config } = await loadConfig(root);
    if (!config) throw new Error(`no valid config in ${root}`);
    const loading = startLoadingArticles(config.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger, threads: 0 });
    const corpus = await loading.done;
    articles = corpus.articles;
  }
  const options = { maxRelated: data.maxRelated, minScore: data.minScore };
  // With --expose-gc, the cache file's bytes (hundreds of MB) are let go now, not during matching,
  // so that the peak RSS printed is matching's own.
  (globalThis as { gc?: () => void }).gc?.();
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  const faults0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const c0 = cpuMs();
  let related;
  let split = '';
  if (values['episodes-api']) related = matchEpisodes(episodes, articles(), options);
  else {
    const cold = matchCold(data, articles);
    related = cold.related;
    const part = (t: { wallMs: number; cpuMs: number }) => `wall ${t.wallMs.toFixed(0)} ms cpu ${t.cpuMs.toFixed(0)} ms`;
    split = `  (episodes alone: ${part(cold.episodesPart)}; with the corpus: ${part(cold.corpusPart)})`;
  }
  const wall = performance.now() - t0;
  const used = cpuMs() - c0;
  // Each minor page fault is a fresh 4 KB page: on the bench VM, about 8 ms of kernel time per MB.
  const freshMb = ((process.resourceUsage().minorPageFault - faults0) * 4) / 1024;
  if (session && values.profile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(values.profile, JSON.stringify(profile));
    session.disconnect();
  }
  let links = 0;
  for (const list of related.values()) links += list.length;
  console.log(
    `${values['episodes-api'] ? 'matchEpisodes' : 'matchIncrementally (cold)'}${values['from-feeds'] ? ' from feeds' : ''}: episodes ${episodes.length}  articles ${articles().length}  ` +
      `wall ${wall.toFixed(0)} ms  cpu ${used.toFixed(0)} ms  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB  fresh pages ${freshMb.toFixed(0)} MB  related links ${links}${split}`,
  );
  if (values.out) writeFileSync(values.out, renderRelatedJson(episodes, related));
}

await main();
