import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../articles/feed-server.ts';
import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';

const run = promisify(execFile);

/** Runs the real binary without blocking this process, so the test server can answer it. */
async function shownotes(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, 'bin/shownotes.js'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Remote TV</title><link>https://remote.example/</link>
<item><title>One</title><link>https://remote.example/one</link><description>First.</description></item>
<item><title>Two</title><link>https://remote.example/two</link><description>Second.</description></item>
</channel></rss>`;

describe('shownotes fetch', () => {
  let server: FeedServer;
  let root: string;
  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/tv.xml', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304);
        response.end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"v1"' });
      response.end(FEED);
    });
    root = await copyShow('mini-show');
    const config = path.join(root, 'shownotes.config.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}articles:\n  feeds:\n    - url: ${server.url('/tv.xml')}\n      name: Remote TV\n    - url: ${server.url('/gone.xml')}\n      name: Gone TV\n`);
  });
  afterAll(() => server.close());

  it('prints per feed its status and article count, then uses a conditional request', async () => {
    const first = await shownotes(['fetch', '--root', root]);
    expect(first.code).toBe(0);
    const rows = first.stdout.split('\n');
    expect(rows[0]).toMatch(/^status\s+articles\s+time\s+feed$/);
    expect(rows.find((r) => r.includes('Remote TV'))).toMatch(/^updated\s+2\s+[\d.]+ m?s\s+Remote TV/);
    expect(rows.find((r) => r.includes('Gone TV'))).toMatch(/^failed\s+0\s+[\d.]+ m?s\s+Gone TV .*HTTP 404/);
    expect(first.stdout).toContain('2 articles from 2 feeds');
    expect(first.stderr).toMatch(/gone\.xml warning articles\.feeds\[1\]: feed "Gone TV": .*404/);

    const second = await shownotes(['fetch', '--root', root]);
    expect(second.stdout.split('\n').find((r) => r.includes('Remote TV'))).toMatch(/^not modified\s+2\s/);
    expect(server.lastHeaders.get('/tv.xml')!['if-none-match']).toBe('"v1"');
  });

  it('build --offline then reads the cached copy without a request', async () => {
    const before = server.hits.get('/tv.xml') ?? 0;
    const build = await shownotes(['build', '--root', root, '--offline']);
    expect(build.code).toBe(0);
    expect(server.hits.get('/tv.xml') ?? 0).toBe(before);
  });
});
