import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-show.ts';
import { parseRange, serveStatic, type StaticServer } from './serve-static.ts';
import { silentWavRoute, wavHeader } from './silent-wav.ts';

describe('the test server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'episodes/a'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>home</title>');
    await writeFile(path.join(root, 'episodes/a/index.html'), '<!doctype html><title>a</title>');
    await writeFile(path.join(root, 'style.css'), 'body{}');
    server = await serveStatic(root, { '/audio/': silentWavRoute((name) => (name === 'ten.wav' ? 10 : undefined)) });
  });
  afterAll(() => server.close());

  it('serves a folder’s index.html as HTML and files with their content type', async () => {
    const page = await fetch(`${server.url}episodes/a/`);
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>a</title>']);
    const css = await fetch(`${server.url}style.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('answers 404 for a missing file and for a path out of the folder, and redirects a folder without slash', async () => {
    expect((await fetch(`${server.url}nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    const folder = await fetch(`${server.url}episodes/a`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/episodes/a/']);
    expect(server.requests.filter((r) => r.status === 404).map((r) => r.path)).toEqual(['/nope.html', '/../../etc/passwd']);
  });

  it('serves a byte range with 206, and 416 for a range past the end', async () => {
    const part = await fetch(`${server.url}style.css`, { headers: { range: 'bytes=2-3' } });
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, 'bytes 2-3/6', 'dy']);
    expect((await fetch(`${server.url}style.css`, { headers: { range: 'bytes=9-' } })).status).toBe(416);
  });

  it('serves a silent WAV of the asked length, any range of it, and 404 for an unknown name', async () => {
    const head = await fetch(`${server.url}audio/ten.wav`, { headers: { range: 'bytes=0-43' } });
    expect(head.headers.get('content-range')).toBe('bytes 0-43/80044');
    expect(Buffer.from(await head.arrayBuffer())).toEqual(wavHeader(10));
    const tail = await fetch(`${server.url}audio/ten.wav`, { headers: { range: 'bytes=-4' } });
    expect([...Buffer.from(await tail.arrayBuffer())]).toEqual([0x80, 0x80, 0x80, 0x80]);
    expect((await fetch(`${server.url}audio/other.wav`)).status).toBe(404);
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=5-2', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, undefined],
    ['items=0-1', 100, undefined],
    [undefined, 100, undefined],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
