import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_PATH, CLIENT_TAG, EVENTS_PATH } from '../../src/dev/inject-client.ts';
import type { BuildOptions } from '../../src/build.ts';
import { fullRebuild, type MakeRebuild } from '../../src/dev/rebuild.ts';
import { ListenError, runDevServer, type DevServer } from '../../src/dev/run-dev-server.ts';
import { formatDiagnostic, ShowError } from '../../src/diagnostics.ts';
import { memoryLogger } from '../../src/logger.ts';
import { copyShow } from '../temp-show.ts';
import { openEventStream, type EventStream } from './event-stream.ts';

/** Replaces text; throws when it is not there, so an edit can never silently do nothing. */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${JSON.stringify(from)} to replace`);
  return text.replace(from, to);
}

/** Rewrites part of a file in one write. */
async function edit(file: string, from: string, to: string): Promise<void> {
  await writeFile(file, swap(await readFile(file, 'utf8'), from, to));
}

const heading = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, h1: parseHTML(await res.text()).document.querySelector('h1')?.textContent };
};

describe('shownotes dev on the mini show', () => {
  let root: string;
  let server: DevServer;
  let events: EventStream;
  const logger = memoryLogger();

  beforeAll(async () => {
    root = await copyShow('mini-show');
    server = await runDevServer({ root, port: 0, logger });
    events = await openEventStream(new URL(EVENTS_PATH, server.url).href);
  });
  afterAll(async () => {
    events?.close();
    await server?.close();
  });

  it('serves the built site on 127.0.0.1 with local links, and prints the URL', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(logger.infos).toContain(`Serving ${server.url}`);
    expect(logger.infos[0]).toMatch(/^Built the site in \d+\.\d\d s$/);
    const res = await fetch(new URL('episodes/casino-night/', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const { document } = parseHTML(await res.text());
    expect(document.querySelector('h1')!.textContent).toBe('Casino Night');
    expect(document.querySelector('link[rel=canonical]')!.getAttribute('href')).toBe(`${server.url}episodes/casino-night/`);
    expect(document.querySelector('a[rel=prev]')!.getAttribute('href')).toBe('/episodes/booze-cruise/');
  });

  it('adds the reload script to pages it serves, never to the files of the site, and never builds out/', async () => {
    const served = await (await fetch(server.url)).text();
    expect(served).toContain(`${CLIENT_TAG}\n</body>`);
    expect(served.split(CLIENT_TAG).length).toBe(2);
    expect(server.out).toBe(path.join(root, '.cache/dev-site'));
    const onDisk = await readFile(path.join(server.out, 'index.html'), 'utf8');
    expect(onDisk).not.toContain('__shownotes');
    expect(served).toBe(onDisk.replace('</body>', `${CLIENT_TAG}\n</body>`));
    expect(existsSync(path.join(root, 'out'))).toBe(false);

    const script = await fetch(new URL(CLIENT_PATH, server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("new EventSource('/__shownotes/events')");
  });

  it('sends other files as they are, redirects a folder without its slash, and answers 404 with the 404 page', async () => {
    const css = await fetch(new URL('assets/style.css', server.url));
    expect(css.headers.get('content-type')).toBe('text/css');
    expect(Buffer.from(await css.arrayBuffer()).equals(await readFile(path.join(server.out, 'assets/style.css')))).toBe(true);
    const vtt = await fetch(new URL('episodes/casino-night/transcript.vtt', server.url));
    expect(await vtt.text()).toMatch(/^WEBVTT\n/);

    const bare = await fetch(new URL('episodes/casino-night?t=1', server.url), { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/episodes/casino-night/?t=1');

    const missing = await fetch(new URL('episodes/no-such-episode/', server.url));
    expect(missing.status).toBe(404);
    const page = await missing.text();
    expect(parseHTML(page).document.querySelector('h1')!.textContent).toBe('Page not found');
    expect(page).toContain(CLIENT_TAG);
  });

  it('refuses paths that climb out of the site, and methods other than GET and HEAD', async () => {
    for (const climb of ['/%2e%2e/%2e%2e/episodes/casino-night.md', '/assets/..%2f..%2f..%2fshownotes.config.yaml', '/..%5c..%5cshownotes.config.yaml']) {
      const res = await fetch(server.url.slice(0, -1) + climb);
      expect([400, 404], climb).toContain(res.status);
      expect(await res.text(), climb).not.toContain('title:');
    }
    const post = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('rebuilds an edited episode, sends reload, and serves the new title', async () => {
    await edit(path.join(root, 'episodes/casino-night.md'), 'title: "Casino Night"', `title: "Casino Night (Director's Cut)"`);
    // First the edited page alone, rendered from the last build (the preview)…
    const preview = await events.next();
    expect(preview).toMatchObject({ type: 'reload', data: { changed: ['episodes/casino-night.md'], preview: ['episodes/casino-night/index.html'] } });
    expect(await heading(new URL('episodes/casino-night/', server.url).href)).toEqual({ status: 200, h1: "Casino Night (Director's Cut)" });
    // …then the rebuild, which changed more (the neighbours' links, the index, the feeds).
    const built = await events.next();
    expect(built.type).toBe('reload');
    expect(built.data).toMatchObject({ changed: ['episodes/casino-night.md'] });
    expect(built.data).not.toHaveProperty('preview');
    expect(logger.infos).toContainEqual(expect.stringMatching(/^episodes\/casino-night\.md changed: rebuilt in \d+\.\d\d s$/));
    const { document } = parseHTML(await (await fetch(server.url)).text());
    expect(document.body.textContent).toContain("Casino Night (Director's Cut)");
  });

  it('keeps serving the last good site after a broken edit, reports the error in the terminal and to pages, and clears it once fixed', async () => {
    const file = path.join(root, 'episodes/booze-cruise.md');
    const good = await readFile(file, 'utf8');
    const retitled = swap(good, 'title: Booze Cruise', 'title: Booze Cruise, Take Two');
    await writeFile(file, swap(retitled, 'date: 2020-10-07T09:30:00-07:00', 'date: 2021-02-29'));
    const failed = await events.next();
    const diagnostic = 'episodes/booze-cruise.md:3:1 error date: "2021-02-29" is not a real date';
    expect(failed).toEqual({ type: 'build-error', data: { summary: '1 error', diagnostics: [diagnostic] } });
    expect(logger.warnings.slice(-3)).toEqual(['episodes/booze-cruise.md changed:', diagnostic, '1 error; still serving the last good site']);
    expect(await heading(new URL('episodes/booze-cruise/', server.url).href)).toEqual({ status: 200, h1: 'Booze Cruise' });

    // A page opened while the show is broken gets the error at once.
    const late = await openEventStream(new URL(EVENTS_PATH, server.url).href);
    expect(await late.next()).toEqual(failed);

    await edit(file, 'date: 2021-02-29', 'date: 2020-10-07T09:30:00-07:00');
    // The fixed episode is previewed (its date is the last good build's), then rebuilt.
    const fixed = await events.next();
    expect(fixed).toMatchObject({ type: 'reload', data: { changed: ['episodes/booze-cruise.md'], preview: ['episodes/booze-cruise/index.html'] } });
    expect(await late.next()).toEqual(fixed);
    expect(await events.next()).toMatchObject({ type: 'reload', data: { changed: ['episodes/booze-cruise.md'] } });
    expect(await late.next()).toMatchObject({ type: 'reload', data: { changed: ['episodes/booze-cruise.md'] } });
    late.close();
    expect(await heading(new URL('episodes/booze-cruise/', server.url).href)).toEqual({ status: 200, h1: 'Booze Cruise, Take Two' });

    // Once fixed, a newly opened page gets no stale error: its first event is the next reload.
    const after = await openEventStream(new URL(EVENTS_PATH, server.url).href);
    await writeFile(file, good);
    expect(await after.next()).toMatchObject({ type: 'reload', data: { changed: ['episodes/booze-cruise.md'] } });
    expect(await events.next()).toMatchObject({ type: 'reload' });
    expect(await events.next()).toMatchObject({ type: 'reload' });
    after.close();
  });

  it('watches a templates/ folder made after the start, and ignores out/, .cache/ and other files', async () => {
    await mkdir(path.join(root, 'out'), { recursive: true });
    await writeFile(path.join(root, 'out/stray.html'), '<p>not a source</p>');
    await writeFile(path.join(root, 'notes.txt'), 'not a source either');
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await writeFile(path.join(root, 'templates/partials/quote-card.hbs'), '<p class="my-quote">{{speaker}}: {{text}}</p>\n');
    // The new folders and the file may come as one batch or several; had out/ or notes.txt been
    // seen, a reload naming them would come among them.
    const changed: string[] = [];
    while (!changed.includes('templates/partials/quote-card.hbs')) {
      const event = await events.next();
      expect(event.type).toBe('reload');
      changed.push(...(event.data as { changed: string[] }).changed);
    }
    expect(changed.filter((f) => !f.startsWith('templates'))).toEqual([]);
    const page = await (await fetch(new URL('episodes/casino-night/', server.url))).text();
    expect(parseHTML(page).document.querySelector('.my-quote')!.textContent).toBe(
      "Jenna Fischer: Don't leave until you're called. Don't speak to John. And just be alone.",
    );
  });

  it('rebuilds after a config change', async () => {
    const config = path.join(root, 'shownotes.config.yaml');
    await edit(config, 'title: Mini Rewatch', 'title: Mini Rewatch Live');
    expect(await events.next()).toMatchObject({ type: 'reload', data: { changed: ['shownotes.config.yaml'] } });
    const { document } = parseHTML(await (await fetch(server.url)).text());
    expect(document.querySelector('.site-title')!.textContent).toBe('Mini Rewatch Live');
  });
});

describe('starting and stopping', () => {
  it('takes the next port when the asked one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const root = await copyShow('mini-show');
    const logger = memoryLogger();
    const server = await runDevServer({ root, port: taken, logger });
    try {
      expect(server.port).toBeGreaterThan(taken);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
      expect(logger.infos).toContain(`Port ${taken} is in use; using ${server.port}.`);
      expect((await fetch(server.url)).status).toBe(200);
    } finally {
      await server.close();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('fails with a ListenError naming the address when it cannot listen there', async () => {
    const root = await copyShow('mini-show');
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    await expect(runDevServer({ root, host: '192.0.2.1', port: 0, logger: memoryLogger() })).rejects.toThrow(
      new ListenError('cannot listen on 192.0.2.1:0 (EADDRNOTAVAIL)'),
    );
    expect(existsSync(path.join(root, '.cache'))).toBe(false);
  });

  it('refuses a folder that is no show, before listening', async () => {
    const root = path.join(await copyShow('mini-show'), 'episodes');
    const error = await runDevServer({ root, port: 0, logger: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    expect((error as ShowError).diagnostics.map(formatDiagnostic)).toEqual([
      `shownotes.config.yaml error no shownotes.config.yaml in ${root}: is this a show folder?`,
    ]);
  });

  it('serves an error page with the diagnostics when the first build fails, then the site once fixed', async () => {
    const root = await copyShow('mini-show');
    const config = path.join(root, 'shownotes.config.yaml');
    const good = await readFile(config, 'utf8');
    await edit(config, 'url: https://mini.example/podcast/', 'url: not a url');
    const logger = memoryLogger();
    const server = await runDevServer({ root, port: 0, logger });
    try {
      expect(logger.warnings.at(-1)).toBe('1 error; no site to serve yet');
      const home = await fetch(server.url);
      expect(home.status).toBe(404);
      expect(await home.text()).toContain(CLIENT_TAG);
      const events = await openEventStream(new URL(EVENTS_PATH, server.url).href);
      const failed = await events.next();
      expect(failed.type).toBe('build-error');
      expect((failed.data as { diagnostics: string[] }).diagnostics).toEqual([logger.warnings.at(-2)]);
      expect(logger.warnings.at(-2)).toMatch(/^shownotes\.config\.yaml:2:1 error url: /);

      await writeFile(config, good);
      expect(await events.next()).toMatchObject({ type: 'reload', data: { changed: ['shownotes.config.yaml'] } });
      expect(await heading(server.url)).toEqual({ status: 200, h1: 'Mini Rewatch' });
      events.close();
    } finally {
      await server.close();
    }
  });

  it('builds through the rebuild it is given, with the dev options and the changed paths (where an incremental build slots in)', async () => {
    const root = await copyShow('mini-show');
    const calls: { options?: BuildOptions; changed: (readonly string[])[] } = { changed: [] };
    const makeRebuild: MakeRebuild = (options) => {
      calls.options = options;
      const full = fullRebuild(options);
      return (changed) => {
        calls.changed.push(changed);
        return full(changed);
      };
    };
    const server = await runDevServer({ root, port: 0, drafts: true, logger: memoryLogger(), makeRebuild });
    try {
      expect(calls.options).toMatchObject({ root, out: server.out, baseUrl: server.url, drafts: true });
      expect(calls.changed).toEqual([[]]);
      expect(await heading(new URL('episodes/next-week/', server.url).href)).toMatchObject({ status: 200 });
      const events = await openEventStream(new URL(EVENTS_PATH, server.url).href);
      await edit(path.join(root, 'episodes/casino-night.md'), 'title: "Casino Night"', 'title: "Casino Night, Again"');
      expect(await events.next()).toMatchObject({ type: 'reload' });
      expect(calls.changed).toEqual([[], ['episodes/casino-night.md']]);
      events.close();
    } finally {
      await server.close();
    }
  });

  it('closes cleanly: open event streams end and the port is free again', async () => {
    const root = await copyShow('mini-show');
    const server = await runDevServer({ root, port: 0, logger: memoryLogger() });
    const events = await openEventStream(new URL(EVENTS_PATH, server.url).href);
    await server.close();
    await events.ended;
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(server.port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => again.close(resolve));
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
