import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedCachePaths } from '../../src/articles/feed-cache.ts';
import { loadArticles, type LoadArticlesOptions } from '../../src/articles/load-articles.ts';
import { silentLogger, type Logger } from '../../src/logger.ts';
import { rssFeed, startFeedServer, type FeedServer } from './feed-server.ts';

let server: FeedServer;
let root: string;

beforeEach(async () => {
  server = await startFeedServer();
  root = await mkdtemp(path.join(tmpdir(), 'shownotes-articles-'));
});

afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const GOOD = rssFeed('TV Wire', ['Casino Night at 20', 'The kitchen kiss']);

function options(extra: Partial<LoadArticlesOptions> = {}): LoadArticlesOptions {
  return { root, offline: false, refreshSeconds: 0, logger: silentLogger, ...extra };
}

function serveGood(pathName: string, headers: Record<string, string> = {}): void {
  server.route(pathName, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...headers });
    response.end(GOOD);
  });
}

describe('conditional requests', () => {
  it('stores a 200 with its ETag, then sends If-None-Match and reuses the cache on 304', async () => {
    server.route('/feed', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { ETag: '"v1"' });
        response.end();
        return;
      }
      response.writeHead(200, { ETag: '"v1"', 'Content-Type': 'application/rss+xml' });
      response.end(GOOD);
    });
    const url = server.url('/feed');
    const first = await loadArticles([{ location: url }], options());
    expect(first.feeds[0]).toMatchObject({ status: 'updated', articles: 2, name: 'TV Wire', source: url });
    expect(first.articles.map((a) => a.title)).toEqual(['Casino Night at 20', 'The kitchen kiss']);
    const meta = JSON.parse(await readFile(feedCachePaths(root, url).meta, 'utf8')) as Record<string, string>;
    expect(meta).toMatchObject({ url, etag: '"v1"', contentType: 'application/rss+xml' });
    expect(await readFile(feedCachePaths(root, url).body, 'utf8')).toBe(GOOD);

    const second = await loadArticles([{ location: url }], options());
    expect(server.lastHeaders.get('/feed')?.['if-none-match']).toBe('"v1"');
    expect(second.feeds[0]).toMatchObject({ status: 'not-modified', articles: 2 });
    expect(second.articles.map((a) => a.url)).toEqual(['https://news.example/1', 'https://news.example/2']);
    expect(second.warnings).toEqual([]);
    expect(server.hits.get('/feed')).toBe(2);
  });

  it('sends If-Modified-Since with the stored Last-Modified', async () => {
    const stamp = 'Sun, 02 Mar 2025 10:00:00 GMT';
    server.route('/lm', (request, response) => {
      if (request.headers['if-modified-since'] === stamp) {
        response.writeHead(304);
        response.end();
        return;
      }
      response.writeHead(200, { 'Last-Modified': stamp });
      response.end(GOOD);
    });
    const url = server.url('/lm');
    await loadArticles([{ location: url }], options());
    expect(server.lastHeaders.get('/lm')?.['if-modified-since']).toBeUndefined();
    const second = await loadArticles([{ location: url }], options());
    expect(server.lastHeaders.get('/lm')?.['if-modified-since']).toBe(stamp);
    expect(second.feeds[0]?.status).toBe('not-modified');
    expect(second.articles).toHaveLength(2);
  });

  it('announces itself with a User-Agent naming the version', async () => {
    serveGood('/ua');
    await loadArticles([{ location: server.url('/ua') }], options());
    expect(server.lastHeaders.get('/ua')?.['user-agent']).toMatch(/^shownotes\/0\.1\.0 \(\+https:\/\/github\.com\/[^)]+\)$/);
  });
});

describe('freshness and offline', () => {
  it('uses a copy younger than refresh without a request', async () => {
    serveGood('/fresh');
    const url = server.url('/fresh');
    await loadArticles([{ location: url }], options({ refreshSeconds: 3600 }));
    const again = await loadArticles([{ location: url }], options({ refreshSeconds: 3600 }));
    expect(again.feeds[0]).toMatchObject({ status: 'fresh', articles: 2 });
    expect(server.hits.get('/fresh')).toBe(1);
  });

  it('asks again when forced, even with a fresh copy', async () => {
    serveGood('/force');
    const url = server.url('/force');
    await loadArticles([{ location: url }], options({ refreshSeconds: 3600 }));
    const forced = await loadArticles([{ location: url }], options({ refreshSeconds: 3600, force: true }));
    expect(forced.feeds[0]?.status).toBe('updated');
    expect(server.hits.get('/force')).toBe(2);
  });

  it('offline uses only the cache and makes no request', async () => {
    serveGood('/off');
    const url = server.url('/off');
    await loadArticles([{ location: url }], options());
    const offline = await loadArticles([{ location: url }], options({ offline: true }));
    expect(offline.feeds[0]).toMatchObject({ status: 'offline', articles: 2 });
    expect(offline.warnings).toEqual([]);
    expect(server.hits.get('/off')).toBe(1);
  });

  it('offline without a cached copy warns and leaves the feed out', async () => {
    const url = server.url('/never');
    const result = await loadArticles([{ location: url, name: 'Example TV News', line: 12 }], options({ offline: true }));
    expect(result.articles).toEqual([]);
    expect(result.warnings).toEqual([
      {
        severity: 'warning',
        file: url,
        field: 'articles.feeds[0]',
        message: 'feed "Example TV News": offline and there is no cached copy; the feed is left out',
      },
    ]);
    expect(result.feeds[0]).toMatchObject({ status: 'offline', articles: 0, cause: 'offline and no cached copy' });
    expect(server.hits.get('/never')).toBeUndefined();
  });
});

describe('failures are warnings', () => {
  async function failure(pathName: string, extra: Partial<LoadArticlesOptions> = {}) {
    const url = server.url(pathName);
    const result = await loadArticles([{ location: 'feeds/local-missing.xml' }, { location: url, name: 'Wire' }], options(extra));
    expect(result.feeds[1]?.status).toBe('failed');
    expect(result.articles).toEqual([]);
    return { url, result, warning: result.warnings.find((w) => w.file === url) };
  }

  it('reports a slow server as a time-out', async () => {
    server.route('/slow', () => {
      // Never answers: the client must give up on its own.
    });
    const { warning, result } = await failure('/slow', { timeoutMs: 200 });
    expect(warning?.message).toBe('feed "Wire": timed out after 0.2 s; the feed is left out');
    expect(result.feeds[1]?.cause).toBe('timed out after 0.2 s');
  });

  it('reports a server that stalls in the middle of the body as a time-out', async () => {
    server.route('/stall', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>');
    });
    const { warning } = await failure('/stall', { timeoutMs: 300 });
    expect(warning?.message).toBe('feed "Wire": timed out after 0.3 s; the feed is left out');
  });

  it('stops reading an endless body at the size cap', async () => {
    let written = 0;
    server.route('/endless', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length;
        if (!response.destroyed) response.once('drain', pump);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    });
    const { warning } = await failure('/endless', { maxBytes: 100 * 1024 });
    expect(warning?.message).toBe('feed "Wire": larger than the 100 KB size cap: stopped reading; the feed is left out');
    // The client hung up: the server did not get to write megabytes.
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a body whose declared length is over the cap before reading it', async () => {
    server.route('/big', (_request, response) => {
      response.writeHead(200, { 'Content-Length': String(5 * 1024 * 1024) });
      response.end(Buffer.alloc(5 * 1024 * 1024, ' '));
    });
    const { warning } = await failure('/big', { maxBytes: 1024 * 1024 });
    expect(warning?.message).toBe('feed "Wire": larger than the 1 MB size cap: stopped reading; the feed is left out');
  });

  it('detects a redirect loop', async () => {
    server.route('/a', (_request, response) => {
      response.writeHead(302, { Location: '/b' });
      response.end();
    });
    server.route('/b', (_request, response) => {
      response.writeHead(301, { Location: server.url('/a') });
      response.end();
    });
    const { warning, url } = await failure('/a');
    expect(warning?.message).toBe(`feed "Wire": redirect loop at ${url}; the feed is left out`);
  });

  it('follows at most 5 redirects', async () => {
    for (let i = 0; i < 7; i++) {
      server.route(`/r${i}`, (_request, response) => {
        response.writeHead(307, { Location: `/r${i + 1}` });
        response.end();
      });
    }
    const { warning } = await failure('/r0');
    expect(warning?.message).toBe(`feed "Wire": more than 5 redirects (last to ${server.url('/r6')}); the feed is left out`);
    expect(server.hits.get('/r5')).toBe(1);
    expect(server.hits.get('/r6')).toBeUndefined();
  });

  it('follows 5 redirects and resolves links against the final feed', async () => {
    for (let i = 0; i < 5; i++) {
      server.route(`/hop${i}`, (_request, response) => {
        response.writeHead(302, { Location: `/hop${i + 1}` });
        response.end();
      });
    }
    server.route('/hop5', (_request, response) => {
      response.writeHead(200);
      response.end('<rss version="2.0"><channel><title>Hops</title><item><title>Rel</title><link>/story?utm_source=rss</link></item></channel></rss>');
    });
    const result = await loadArticles([{ location: server.url('/hop0') }], options());
    expect(result.feeds[0]?.status).toBe('updated');
    expect(result.articles.map((a) => a.url)).toEqual([server.url('/story')]);
  });

  it('names the HTTP status of a 404 and a 500', async () => {
    server.route('/boom', (_request, response) => {
      response.writeHead(500);
      response.end('oops');
    });
    expect((await failure('/missing')).warning?.message).toBe('feed "Wire": HTTP 404 Not Found; the feed is left out');
    expect((await failure('/boom')).warning?.message).toBe('feed "Wire": HTTP 500 Internal Server Error; the feed is left out');
  });

  it('names the XML error of an invalid feed', async () => {
    server.route('/bad', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      response.end('<rss version="2.0"><channel><title>Broken</title><item></channel></rss>');
    });
    const { warning } = await failure('/bad');
    expect(warning?.message).toBe('feed "Wire": not well-formed XML: Unexpected close tag (line 1, column 65); the feed is left out');
  });

  it('reports a refused connection', async () => {
    const url = server.url('/gone');
    await server.close();
    server = await startFeedServer();
    const result = await loadArticles([{ location: url }], options());
    expect(result.feeds[0]?.status).toBe('failed');
    expect(result.feeds[0]?.cause).toMatch(/^cannot connect: ECONNREFUSED/);
  });

  it('also warns for the local feed of the same run, and goes on', async () => {
    serveGood('/ok');
    const result = await loadArticles([{ location: 'feeds/missing.xml' }, { location: server.url('/ok') }], options());
    expect(result.warnings).toEqual([
      { severity: 'warning', file: 'feeds/missing.xml', field: 'articles.feeds[0]', message: 'file not found; the feed is left out' },
    ]);
    expect(result.articles).toHaveLength(2);
  });
});

describe('the last good copy', () => {
  it('is kept and used when a later fetch fails or the feed breaks', async () => {
    let mode: 'good' | 'broken' | 'down' = 'good';
    server.route('/flaky', (_request, response) => {
      if (mode === 'down') {
        response.writeHead(503);
        response.end();
        return;
      }
      response.writeHead(200, { ETag: mode === 'good' ? '"good"' : '"broken"' });
      response.end(mode === 'good' ? GOOD : '<html><body>Maintenance</body></html>');
    });
    const url = server.url('/flaky');
    const source = { location: url, name: 'TV Wire' };
    await loadArticles([source], options());
    const meta = JSON.parse(await readFile(feedCachePaths(root, url).meta, 'utf8')) as { fetchedAt: string };

    mode = 'broken';
    const broken = await loadArticles([source], options());
    expect(broken.feeds[0]).toMatchObject({ status: 'failed', articles: 2, cause: 'not a feed: an HTML page' });
    expect(broken.warnings.map((w) => w.message)).toEqual([
      `feed "TV Wire": not a feed: an HTML page; using the copy cached at ${meta.fetchedAt}`,
    ]);
    expect(await readFile(feedCachePaths(root, url).body, 'utf8')).toBe(GOOD);
    const metaAfter = JSON.parse(await readFile(feedCachePaths(root, url).meta, 'utf8')) as { etag: string };
    expect(metaAfter.etag).toBe('"good"');

    mode = 'down';
    const down = await loadArticles([source], options());
    expect(down.feeds[0]).toMatchObject({ status: 'failed', articles: 2, cause: 'HTTP 503 Service Unavailable' });
    expect(down.articles.map((a) => a.title)).toEqual(['Casino Night at 20', 'The kitchen kiss']);
    expect(await readdir(path.dirname(feedCachePaths(root, url).body))).toHaveLength(2);
  });
});

describe('a damaged cache', () => {
  it('asks for the whole feed when the cached body no longer parses', async () => {
    server.route('/etag', (request, response) => {
      if (request.headers['if-none-match'] === '"e"') {
        response.writeHead(304);
        response.end();
        return;
      }
      response.writeHead(200, { ETag: '"e"' });
      response.end(GOOD);
    });
    const url = server.url('/etag');
    await loadArticles([{ location: url }], options());
    await writeFile(feedCachePaths(root, url).body, 'truncated <rss');
    const result = await loadArticles([{ location: url }], options());
    expect(result.feeds[0]).toMatchObject({ status: 'updated', articles: 2 });
    expect(result.warnings).toEqual([]);
    expect(server.hits.get('/etag')).toBe(3);
    expect(await readFile(feedCachePaths(root, url).body, 'utf8')).toBe(GOOD);
  });

  it('ignores a meta file that is not ours', async () => {
    serveGood('/meta');
    const url = server.url('/meta');
    await loadArticles([{ location: url }], options({ refreshSeconds: 3600 }));
    await writeFile(feedCachePaths(root, url).meta, '{"url": "https://other.example/"}');
    const result = await loadArticles([{ location: url }], options({ refreshSeconds: 3600 }));
    expect(result.feeds[0]?.status).toBe('updated');
    expect(server.hits.get('/meta')).toBe(2);
  });
});

describe('many feeds', () => {
  it('reads feeds in parallel, reports progress and merges duplicates by clean URL', async () => {
    const feeds = ['one', 'two', 'three', 'four', 'five', 'six'];
    for (const name of feeds) {
      server.route(`/${name}`, (_request, response) => {
        response.writeHead(200);
        response.end(
          `<rss version="2.0"><channel><title>${name}</title><item><title>Shared story</title>` +
            `<link>https://news.example/shared?utm_source=${name}&amp;id=7</link></item>` +
            `<item><title>Only in ${name}</title><link>https://news.example/${name}</link></item></channel></rss>`,
        );
      });
    }
    const progress: string[] = [];
    const logger: Logger = { ...silentLogger, progress: (label, done, total) => void progress.push(`${label} ${done}/${total}`) };
    const result = await loadArticles(feeds.map((name) => ({ location: server.url(`/${name}`) })), options({ logger }));
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `Reading article feeds ${n}/6`));
    expect(result.feeds.map((f) => f.name)).toEqual(feeds);
    expect(result.articles.map((a) => a.url)).toEqual([
      'https://news.example/five',
      'https://news.example/four',
      'https://news.example/one',
      'https://news.example/shared?id=7',
      'https://news.example/six',
      'https://news.example/three',
      'https://news.example/two',
    ]);
    expect(result.articles.find((a) => a.url.includes('shared'))?.source).toBe('one');
  });

  it('decodes by the HTTP charset when the feed declares none', async () => {
    server.route('/cp1251', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=windows-1251' });
      const title = Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]); // "Новости"
      response.end(Buffer.concat([
        Buffer.from('<rss version="2.0"><channel><title>'),
        title,
        Buffer.from('</title><item><title>x</title><link>https://news.example/ru</link></item></channel></rss>'),
      ]));
    });
    const result = await loadArticles([{ location: server.url('/cp1251') }], options());
    expect(result.feeds[0]?.name).toBe('Новости');
  });
});
