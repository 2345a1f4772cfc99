import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles, type ArticleLoadResult } from '../../src/articles/load-articles.ts';
import type { FileStamp } from '../../src/incremental/file-stamp.ts';
import { parseFeedPacked } from '../../src/articles/parse-feed-packed.ts';
import { contentHash } from '../../src/incremental/content-hash.ts';
import { startLoadingArticles, type LoadedCorpus } from '../../src/articles/start-loading-articles.ts';
import { silentLogger } from '../../src/logger.ts';
import { sharedDir } from '../shared-dir.ts';
import { rssFeed, startFeedServer } from './feed-server.ts';
import { tempDir } from '../temp-show.ts';

/** The real-world corpus: every file, broken ones included, as local feeds (as real-feeds.test.ts). */
const corpus = path.join(sharedDir, 'fixtures', 'real-feeds');
const sources = ['news', 'podcasts', 'broken']
  .flatMap((folder) => readdirSync(path.join(corpus, folder)).sort().map((file) => `${folder}/${file}`))
  .map((location) => ({ location }));
/** Two that are not there and not readable as a feed: warnings made in the worker. */
const missing = [{ location: 'news/no-such-feed.xml', name: 'Gone' }, { location: '../outside.xml' }];

const options = { root: corpus, offline: true, refreshSeconds: 3600, logger: silentLogger };

/** Every field, the lazily sanitized `html` read, in key order. */
function fields(article: Article): [string, unknown][] {
  return Object.entries({ ...article }).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]);
}

/** Reports without their wall time, the one field that differs from run to run. */
function reports(feeds: ArticleLoadResult['feeds']) {
  return feeds.map(({ ms: _ms, ...rest }) => rest);
}

let reference: ArticleLoadResult;

beforeAll(async () => {
  reference = await loadArticles([...sources, ...missing], options);
});

describe('startLoadingArticles', () => {
  it.each([
    ['two worker threads', 2],
    ['one worker thread', 1],
    ['this thread', 0],
  ])('on %s gives what loadArticles gives: articles field for field, warnings, reports', async (_name, threads) => {
    const loaded = await startLoadingArticles([...sources, ...missing], { ...options, threads }).done;
    expect(loaded.warnings).toEqual(reference.warnings);
    expect(reports(loaded.feeds)).toEqual(reports(reference.feeds));
    const articles = loaded.articles();
    expect(articles.length).toBe(reference.articles.length);
    expect(articles.map(fields)).toEqual(reference.articles.map(fields));
    // Every feed that gave a parse was parsed: there is no cache here.
    expect(loaded.parsed).toBe(reference.feeds.filter((f) => f.status === 'local').length);
  });

  it('carries the warnings of feeds that fail in the worker, exactly', async () => {
    const loaded = await startLoadingArticles([sources.find((s) => s.location.endsWith('node-feedparser_compressed.xml'))!, ...missing], {
      ...options,
      threads: 1,
    }).done;
    expect(loaded.warnings).toEqual([
      {
        severity: 'warning',
        file: 'broken/node-feedparser_compressed.xml',
        field: 'articles.feeds[0]',
        message: 'the body is gzip-compressed data, not XML; the feed is left out',
      },
      { severity: 'warning', file: 'news/no-such-feed.xml', field: 'articles.feeds[1]', message: 'feed "Gone": file not found; the feed is left out' },
      { severity: 'warning', file: '../outside.xml', field: 'articles.feeds[2]', message: 'the path leads outside the show folder; the feed is left out' },
    ]);
    expect(loaded.feeds.map((f) => [f.status, f.articles])).toEqual([['failed', 0], ['failed', 0], ['failed', 0]]);
    expect(loaded.articles()).toEqual([]);
  });
});

describe('the parse cache', () => {
  const feed = (title: string) =>
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>` +
    `<item><title>${title}</title><link>https://wire.example/a</link><description>&lt;p&gt;Casino night &amp;amp; more&lt;/p&gt;</description>` +
    `<pubDate>Sun, 02 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

  async function setUp() {
    const root = await tempDir('shownotes-parse-cache-');
    await writeFile(path.join(root, 'a.xml'), feed('Casino Night at 20'));
    await writeFile(path.join(root, 'b.xml'), feed('The kitchen kiss').replace(/wire\.example\/a/g, 'wire.example/b'));
    const dir = path.join(root, 'cache');
    const run = async (read: boolean, threads = 1, index = false): Promise<LoadedCorpus> => {
      const loaded = await startLoadingArticles([{ location: 'a.xml' }, { location: 'b.xml' }], {
        ...options,
        root,
        threads,
        index,
        parseCache: { dir, tool: 'test', read, stamps: path.join(root, 'stamps') },
      }).done;
      await loaded.settled;
      return loaded;
    };
    return { root, dir, run };
  }

  it('reuses the parse of a feed whose bytes are equal, and parses again one whose byte changed', async () => {
    const { root, dir, run } = await setUp();
    const first = await run(true);
    expect(first.parsed).toBe(2);
    expect(await readdir(dir)).toHaveLength(2);
    const second = await run(true);
    expect(second.parsed).toBe(0);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.articles().map(fields)).toEqual(first.articles().map(fields));
    expect(second.articles()[0]?.html).toBe('<p>Casino night &amp; more</p>');

    // One byte: "20" becomes "21".
    await writeFile(path.join(root, 'a.xml'), feed('Casino Night at 21'));
    const third = await run(true, 2);
    expect(third.parsed).toBe(1);
    expect(third.fingerprint).not.toBe(first.fingerprint);
    expect(third.articles().map((a) => a.title)).toEqual(['Casino Night at 21', 'The kitchen kiss']);
  });

  it('is written by a run that builds the index on the feeds thread (after posting it), and read by the next', async () => {
    const { dir, run } = await setUp();
    const first = await run(true, 1, true);
    expect(first.parsed).toBe(2);
    // `settled` waits for the entries the worker wrote after the index.
    expect((await readdir(dir)).filter((name) => name.endsWith('.bin'))).toHaveLength(2);
    const indexed = await first.index!;
    const second = await run(true);
    expect(second.parsed).toBe(0);
    expect(second.fingerprint).toBe(first.fingerprint);
    const plain = (a: Article) => [a.url, a.title, a.source, a.text, a.excerpt, a.published?.toISOString()];
    expect(second.articles().map(plain)).toEqual(indexed.articles.map(plain));
    expect(second.articles()[0]?.html).toBe('<p>Casino night &amp; more</p>');
  });

  it('finds the parse of an unchanged local file by its stamp, without reading the file', async () => {
    const { root, dir, run } = await setUp();
    const first = await run(true);
    const file = path.join(root, 'a.xml');
    const stats = await stat(file);
    const stamp: FileStamp = [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
    // The file is gone: what is found comes from the stamp's record and the parse cache alone.
    await rename(file, path.join(root, 'elsewhere.xml'));
    const stamped = parseFeedPacked({ dir, tool: 'test', read: true, stamps: path.join(root, 'stamps') }).byStamp!;
    const found = await stamped.find(file, stamp, { fallbackName: 'a.xml' });
    expect(found).toMatchObject({ cached: true, skipped: 0 });
    expect(contentHash('corpus', found!.key, first.keys[1]!)).toBe(first.fingerprint);
    // Another size, another inode, other parse settings or a clean run: not found.
    expect(await stamped.find(file, [stamp[0] + 1, stamp[1], stamp[2], stamp[3]], { fallbackName: 'a.xml' })).toBeUndefined();
    expect(await stamped.find(file, [stamp[0], stamp[1], stamp[2], stamp[3] + 1], { fallbackName: 'a.xml' })).toBeUndefined();
    expect(await stamped.find(file, stamp, { name: 'Wire', fallbackName: 'a.xml' })).toBeUndefined();
    const clean = parseFeedPacked({ dir, tool: 'test', read: false, stamps: path.join(root, 'stamps') }).byStamp!;
    expect(await clean.find(file, stamp, { fallbackName: 'a.xml' })).toBeUndefined();
  });

  it('is not read by a clean run, which parses every feed and writes the cache anew', async () => {
    const { run } = await setUp();
    await run(true);
    const clean = await run(false);
    expect(clean.parsed).toBe(2);
    expect(clean.articles().map((a) => a.title)).toEqual(['Casino Night at 20', 'The kitchen kiss']);
  });

  it('parses again a feed whose cache entry is damaged', async () => {
    const { dir, run } = await setUp();
    await run(true);
    const [entry] = await readdir(dir);
    const bytes = await readFile(path.join(dir, entry!));
    await writeFile(path.join(dir, entry!), bytes.subarray(0, 6));
    const again = await run(true);
    expect(again.parsed).toBe(1);
    expect(again.articles().map((a) => a.title)).toEqual(['Casino Night at 20', 'The kitchen kiss']);
  });
});

describe('remote feeds on a worker', () => {
  it('are fetched, stored, then served from the cached copy with the parse reused', async () => {
    const server = await startFeedServer();
    try {
      server.route('/feed', (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
        response.end(rssFeed('TV Wire', ['Casino Night at 20', 'The kitchen kiss']));
      });
      server.route('/broken', (_request, response) => {
        response.writeHead(500);
        response.end('oops');
      });
      const root = await tempDir('shownotes-remote-worker-');
      const feeds = [{ location: server.url('/feed') }, { location: server.url('/broken'), name: 'Broken' }];
      const parseCache = { dir: path.join(root, 'parsed'), tool: 'test', read: true };
      const first = await startLoadingArticles(feeds, { root, offline: false, refreshSeconds: 3600, logger: silentLogger, threads: 2, parseCache }).done;
      await first.settled;
      expect(first.feeds.map((f) => [f.status, f.articles])).toEqual([['updated', 2], ['failed', 0]]);
      expect(first.warnings.map((w) => w.message)).toEqual(['feed "Broken": HTTP 500 Internal Server Error; the feed is left out']);
      expect(first.articles().map((a) => a.title)).toEqual(['Casino Night at 20', 'The kitchen kiss']);

      const second = await startLoadingArticles(feeds, { root, offline: false, refreshSeconds: 3600, logger: silentLogger, threads: 2, parseCache }).done;
      expect(second.feeds.map((f) => [f.status, f.articles])).toEqual([['fresh', 2], ['failed', 0]]);
      expect(second.parsed).toBe(0);
      expect(second.fingerprint).toBe(first.fingerprint);
      expect(server.hits.get('/feed')).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('the feeds worker while the main thread is busy', () => {
  it('reads every feed although the main thread never yields (a build parses episodes meanwhile)', async () => {
    const root = await tempDir('shownotes-busy-main-');
    const names = Array.from({ length: 7 }, (_, i) => `feed-${i}.xml`);
    for (const [i, name] of names.entries()) await writeFile(path.join(root, name), rssFeed(`Wire ${i}`, [`Story ${i}`]));
    const dir = path.join(root, 'parsed');
    const loading = startLoadingArticles(
      names.map((location) => ({ location })),
      { root, offline: true, refreshSeconds: 3600, logger: silentLogger, threads: 1, parseCache: { dir, tool: 'test', read: false } },
    );
    // Blocks this thread as a long synchronous parse does, watching the worker's cache entries
    // (written before each feed is posted back). A worker fed one batch at a time by this thread
    // stops after its first batch (4 feeds) until this thread yields.
    const entries = () => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')).length : 0);
    const deadline = Date.now() + 30_000;
    while (entries() < names.length && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    expect(entries()).toBe(names.length);
    const loaded = await loading.done;
    expect(loaded.feeds.map((f) => [f.name, f.articles])).toEqual(names.map((_, i) => [`Wire ${i}`, 1]));
  });
});
