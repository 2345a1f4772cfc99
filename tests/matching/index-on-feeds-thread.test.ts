import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { startLoadingArticles } from '../../src/articles/start-loading-articles.ts';
import type { ArticleFeedSource } from '../../src/config/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex, type CorpusIndex } from '../../src/matching/corpus-index.ts';
import { encodeCorpusIndex } from '../../src/matching/store-corpus-index.ts';
import { sharedDir } from '../shared-dir.ts';

// Issue 5 item 5: a clean build has the feeds' thread build the corpus index after its last
// feed; it must be the very index the build's own thread would make.

const devRoot = path.join(sharedDir, 'fixtures', 'matching-dev');
const devSources: ArticleFeedSource[] = readdirSync(path.join(devRoot, 'feeds'))
  .sort()
  .map((file) => ({ location: `feeds/${file}` }));
const realRoot = path.join(sharedDir, 'fixtures', 'real-feeds');
// Broken feeds too: a feed with no articles leaves a hole among those the worker keeps.
const realSources: ArticleFeedSource[] = ['news', 'podcasts', 'broken'].flatMap((folder) =>
  readdirSync(path.join(realRoot, folder))
    .sort()
    .map((file) => ({ location: `${folder}/${file}` })),
);

const ARRAYS = ['tokens', 'caps', 'docStart', 'bodyStart', 'df', 'postStart', 'postDoc', 'postTf', 'published'] as const;
const FIELDS = ['url', 'title', 'source', 'text', 'excerpt', 'author', 'image'] as const;

/** Every field matching and the pages read, dates as numbers. */
function fields(article: Article): unknown[] {
  return [...FIELDS.map((field) => article[field]), article.published?.getTime()];
}

const optionsFor = (root: string) => ({ root, offline: true, refreshSeconds: 0, logger: silentLogger });

describe('the corpus index built on the feeds thread', () => {
  it.each([
    ['the dev set', devRoot, devSources],
    ['the real-world feeds, broken ones included', realRoot, realSources],
  ])('equals buildCorpusIndex of the merged articles, array for array: %s', async (_name, root, sources) => {
    const reference = await loadArticles(sources, optionsFor(root));
    const expected = buildCorpusIndex(reference.articles);
    const loaded = await startLoadingArticles(sources, { ...optionsFor(root), index: true }).done;
    expect(loaded.warnings).toEqual(reference.warnings);
    expect(loaded.index).toBeDefined();
    const index: CorpusIndex = await loaded.index!;
    expect(expected.size).toBeGreaterThan(20);
    expect(index.size).toBe(expected.size);
    expect(index.avgLength).toBe(expected.avgLength);
    for (const name of ARRAYS) {
      expect(index[name].constructor).toBe(expected[name].constructor);
      expect(index[name]).toEqual(expected[name]);
    }
    expect(index.words).toEqual(expected.words);
    expect(index.vocab.size).toBe(expected.vocab.size);
    expect(expected.words.every((word, id) => index.vocab.get(word) === id)).toBe(true);
    expect(index.articles.map(fields)).toEqual(expected.articles.map(fields));
    // The cache file the build writes from it is the same, byte for byte.
    expect(Buffer.concat(encodeCorpusIndex(index, 'm'))).toEqual(Buffer.concat(encodeCorpusIndex(expected, 'm')));
    await loaded.settled;
  });

  it('gives its articles through the index only: they have no HTML, and articles() says why', async () => {
    const loaded = await startLoadingArticles(devSources, { ...optionsFor(devRoot), index: true }).done;
    const index = await loaded.index!;
    expect(() => index.articles[0]!.html).toThrow('internal error: an article of a stored corpus index has no HTML; build with --clean');
    expect(() => loaded.articles()).toThrow('internal error: the articles of a corpus indexed on the feeds thread are read from its index');
  });

  it.each([
    ['two worker threads', 2],
    ['this thread', 0],
  ])('is not built on %s: the articles come as before', async (_name, threads) => {
    const reference = await loadArticles(devSources, optionsFor(devRoot));
    const loaded = await startLoadingArticles(devSources, { ...optionsFor(devRoot), threads, index: true }).done;
    expect(loaded.index).toBeUndefined();
    expect(loaded.articles().map(fields)).toEqual(reference.articles.map(fields));
  });

  it('is not built unless asked for', async () => {
    const loaded = await startLoadingArticles(devSources, optionsFor(devRoot)).done;
    expect(loaded.index).toBeUndefined();
    expect(loaded.articles().length).toBe((await loadArticles(devSources, optionsFor(devRoot))).articles.length);
  });
});
