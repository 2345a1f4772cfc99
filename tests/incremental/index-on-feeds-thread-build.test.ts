import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { buildCacheDir } from '../../src/incremental/build-cache-file.ts';
import { loadArticlesCached } from '../../src/incremental/load-articles-cached.ts';
import { matchEpisodesCached, needsFreshIndex } from '../../src/incremental/match-episodes-cached.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { renderRelatedJson } from '../../src/matching/render-related-json.ts';
import { sharedDir } from '../shared-dir.ts';
import { copyShow, tempDir } from '../temp-show.ts';

// Issue 5 item 5: a clean build takes its corpus index from the feeds' thread; what it finds
// must be what it found when it built the index itself.

/** Matches the show on a corpus read with or without the index built on the feeds' thread; returns related.json and the cached index file. */
async function matchWith(root: string, index: boolean): Promise<{ json: string; indexFile: Buffer }> {
  const show = await loadShow(root);
  const config = show.config!;
  const episodes = show.episodes.filter((e) => !e.draft);
  const cacheDir = await tempDir('index-on-feeds-');
  const common = { cacheDir, tool: 'test-tool', clean: true };
  const corpus = await loadArticlesCached(config.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger, ...common, index });
  const matches = await matchEpisodesCached(episodes, corpus, { maxRelated: config.articles.maxRelated, minScore: config.articles.minScore, ...common });
  await Promise.all([corpus.save(), matches.save()]);
  return { json: renderRelatedJson(episodes, matches.related), indexFile: await readFile(path.join(cacheDir, 'corpus-index.bin')) };
}

describe('a clean build with the corpus index from the feeds thread', () => {
  it("writes the related.json and corpus index file of an index built on the build's thread", async () => {
    const root = await copyShow(path.join(sharedDir, 'fixtures', 'matching-dev'));
    const onFeedsThread = await matchWith(root, true);
    const onThisThread = await matchWith(root, false);
    expect(onFeedsThread.json).toBe(onThisThread.json);
    expect(onFeedsThread.indexFile.equals(onThisThread.indexFile)).toBe(true);
    expect(Object.values(JSON.parse(onThisThread.json) as Record<string, unknown[]>).flat().length).toBeGreaterThan(10);

    // And the build itself (clean, so the feeds' thread indexes).
    await runBuild({ root, clean: true, logger: silentLogger });
    expect(await readFile(path.join(root, 'out', 'related.json'), 'utf8')).toBe(onThisThread.json);
  });

  it('is asked for only when the build will need a fresh index', async () => {
    const root = await copyShow(path.join(sharedDir, 'fixtures', 'matching-dev'));
    const cacheDir = buildCacheDir(root);
    expect(needsFreshIndex(cacheDir, false)).toBe(true);
    await runBuild({ root, logger: silentLogger });
    // The last build's matching state and index are there: a rebuild reuses them.
    expect(needsFreshIndex(cacheDir, false)).toBe(false);
    expect(needsFreshIndex(cacheDir, true)).toBe(true);
  });
});
