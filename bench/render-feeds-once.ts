/**
 * CPU time of rendering the two feeds alone, on a show that was built once (its parsed
 * episodes and related lists are read from `.cache/build/`): a cold render, then a render
 * after one episode's notes changed, reusing the items of the first: kept in memory (as a
 * long-running process could) and read back from the written feeds (as a build does).
 *
 *   node --import tsx bench/render-feeds-once.ts --root DIR [--runs 3]
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.ts';
import type { Episode } from '../src/episodes/episode.ts';
import { buildCacheDir } from '../src/incremental/build-cache-file.ts';
import { contentHash } from '../src/incremental/content-hash.ts';
import { episodeKey } from '../src/incremental/episode-key.ts';
import { wholeData } from '../src/output/file-pieces.ts';
import { memoryFeedFragments, openFeedFragmentCache } from '../src/incremental/feed-fragment-cache.ts';
import { loadEpisodesCached } from '../src/incremental/load-episodes-cached.ts';
import { toolVersion } from '../src/incremental/tool-version.ts';
import { sortNewestFirst } from '../src/load-show.ts';
import type { RelatedArticle } from '../src/matching/related.ts';
import { loadTheme } from '../src/render/load-theme.ts';
import { renderFeedDocuments } from '../src/render/render-feeds.ts';
import type { SiteKeys } from '../src/render/render-site.ts';
import { siteView } from '../src/render/site-view.ts';

function cpuMs(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { root: { type: 'string' }, runs: { type: 'string', default: '3' } } });
  const root = path.resolve(values.root ?? '.');
  const tool = await toolVersion();
  const cacheDir = buildCacheDir(root);
  const config = (await loadConfig(root)).config!;
  const loaded = await loadEpisodesCached(root, config.timezone, { cacheDir, tool, clean: false, fileExists: existsSync });
  const episodes = sortNewestFirst(loaded.episodes.filter((e) => !e.draft));
  // The matcher's cache is read as stored: its stamp is the tool version, which any source edit changes.
  const stored = JSON.parse(readFileSync(path.join(cacheDir, 'related.json'), 'utf8')) as { data: { related: [string, RelatedArticle[]][] } };
  const related = new Map(stored.data.related);
  const theme = (await loadTheme(root, { timezone: config.timezone })).theme!;
  const site = siteView(config, episodes);
  const keys: SiteKeys = { site: contentHash(tool, theme.hash, JSON.stringify(config), JSON.stringify(site)), episode: episodeKey };

  const runs = Number(values.runs);
  for (let run = 0; run < runs; run++) {
    const fragments = memoryFeedFragments();
    let start = cpuMs();
    const cold = renderFeedDocuments({ config, site, episodes, related }, theme, { keys, fragments });
    const coldMs = cpuMs() - start;

    const edited: Episode[] = episodes.map((e, i) => (i === 17 ? { ...e, html: e.html.replace('</p>', ` edited ${run}</p>`) } : e));
    const nextFragments = memoryFeedFragments(fragments.latest());
    start = cpuMs();
    const warm = renderFeedDocuments({ config, site, episodes: edited, related }, theme, { keys, fragments: nextFragments });
    const oneMs = cpuMs() - start;

    // The same edit as a build sees it: the cold feeds written to a folder, the layout stored,
    // the kept items read back from the files.
    const out = await mkdtemp(path.join(tmpdir(), 'feeds-bench-'));
    for (const file of cold.files) await writeFile(path.join(out, file.path), wholeData(file.data));
    const coldCache = await openFeedFragmentCache({ cacheDir: out, out, tool, clean: false });
    coldCache.rendered({ xml: cold.files[0]!.data as Uint8Array, json: cold.files[1]!.data as Uint8Array }, fragments.latest()!.layout, fragments.counts);
    await coldCache.save();
    const diskCache = await openFeedFragmentCache({ cacheDir: out, out, tool, clean: false });
    start = cpuMs();
    const fromDisk = renderFeedDocuments({ config, site, episodes: edited, related }, theme, { keys, fragments: diskCache });
    const oneFromDiskMs = cpuMs() - start;
    const sameAsMemory = fromDisk.files.every((f, i) => Buffer.from(wholeData(f.data)).equals(Buffer.from(wholeData(warm.files[i]!.data))));
    await rm(out, { recursive: true, force: true });
    const bytes = cold.files.map((f) => (typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength));
    process.stdout.write(
      `${JSON.stringify({ run, coldMs: Math.round(coldMs), oneEpisodeMs: Math.round(oneMs), oneEpisodeFromDiskMs: Math.round(oneFromDiskMs), items: diskCache.counts, sameAsMemory, bytes, changed: warm.files.map((f, i) => !Buffer.from(wholeData(f.data)).equals(Buffer.from(wholeData(cold.files[i]!.data)))) })}\n`,
    );
  }
}

await main(process.argv.slice(2));
