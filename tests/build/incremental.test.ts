import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { runBuild, type BuildReport } from '../../src/build.ts';
import { ShowError } from '../../src/diagnostics.ts';
import { silentLogger } from '../../src/logger.ts';
import { copyShow, readTree, tempDir } from '../temp-show.ts';

/** Builds `root` into `out/` incrementally, then cleanly into a folder of its own; both trees and reports. */
async function buildBoth(root: string, options: { drafts?: boolean } = {}) {
  const report = await runBuild({ root, logger: silentLogger, ...options });
  const cleanOut = path.join(await tempDir('shownotes-clean-'), 'site');
  const cleanReport = await runBuild({ root, out: cleanOut, clean: true, logger: silentLogger, ...options });
  return { report, cleanReport, incremental: await readTree(path.join(root, 'out')), clean: await readTree(cleanOut) };
}

/** Same set of paths, same bytes: the rule that makes incremental builds safe (issue 7). */
async function expectSameAsClean(root: string, options: { drafts?: boolean; first?: boolean } = {}): Promise<BuildReport> {
  const { report, cleanReport, incremental, clean } = await buildBoth(root, { drafts: options.drafts });
  expect([...incremental.keys()].sort()).toEqual([...clean.keys()].sort());
  for (const [file, bytes] of clean) expect({ file, text: incremental.get(file)!.toString('utf8') }).toEqual({ file, text: bytes.toString('utf8') });
  expect(report.warnings).toEqual(cleanReport.warnings);
  expect(report.mode).toBe(options.first ? 'full' : 'incremental');
  expect(cleanReport.mode).toBe('full');
  return report;
}

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
}

const FEED = (title: string) => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Paper</title><link>https://paper.example/</link><description>news</description>
<item><title>${title}</title><link>https://paper.example/a</link><description>Jenna Fischer on Casino Night.</description><pubDate>Mon, 12 Oct 2020 10:00:00 GMT</pubDate></item>
</channel></rss>
`;

const NEW_EPISODE = `---
title: Office Olympics
date: 2020-10-10
number: 45
audio:
  url: https://cdn.example.com/office-olympics.mp3
  duration: "30:00"
hosts: [Maya Okafor, Dev Lindqvist]
chapters:
  - { at: "0:00", title: Opening }
---
Games in the office.
`;

describe('an incremental build equals a clean build after every kind of change', () => {
  const changes: [string, (root: string) => Promise<void>][] = [
    ['an episode body', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('Everybody gets on a boat.', 'Everybody gets on a bigger boat.'))],
    ['an episode title', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('title: Booze Cruise', 'title: The Booze Cruise'))],
    ['an episode date that changes the order', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('date: 2020-10-07T09:30:00-07:00', 'date: 2020-10-20T09:30:00-07:00'))],
    // The order stays: only the dates shown, the feeds' and the sitemap's lastmod change.
    ['an episode time of day', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('date: 2020-10-07T09:30:00-07:00', 'date: 2020-10-07T11:45:00-07:00'))],
    ['a quote', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('owed us money', 'owed us rent'))],
    ['a template override', async (root) => {
      const theme = await readFile(path.resolve('templates/episode.hbs'), 'utf8');
      await mkdir(path.join(root, 'templates'), { recursive: true });
      await writeFile(path.join(root, 'templates/episode.hbs'), theme.replace('</article>', '<p class="extra">extra</p></article>'));
    }],
    ['a theme asset override', async (root) => {
      await mkdir(path.join(root, 'templates/assets'), { recursive: true });
      await writeFile(path.join(root, 'templates/assets/style.css'), 'body { color: red; }\n');
    }],
    ['the config', (root) => edit(root, 'shownotes.config.yaml', (t) => t.replace('title: Mini Rewatch', 'title: Mini Rewatch Club'))],
    ['the time zone', (root) => edit(root, 'shownotes.config.yaml', (t) => t.replace('America/Los_Angeles', 'Europe/Berlin'))],
    ['a deleted episode', (root) => rm(path.join(root, 'episodes/casino-night.md'))],
    ['a new episode', (root) => writeFile(path.join(root, 'episodes/office-olympics.md'), NEW_EPISODE)],
    ['a static file added', async (root) => {
      await mkdir(path.join(root, 'static/media'), { recursive: true });
      await writeFile(path.join(root, 'static/media/logo.txt'), 'logo');
    }],
    ['a draft published', (root) =>
      edit(root, 'episodes/next-week.md', (t) => t.replace('draft: true', 'draft: false\naudio:\n  url: https://cdn.example.com/042.mp3'))],
    ['an episode made a draft', (root) => edit(root, 'episodes/booze-cruise.md', (t) => t.replace('number: 40', 'number: 40\ndraft: true'))],
    ['a transcript', (root) => appendFile(path.join(root, 'episodes/transcripts/casino-night.srt'), '\n3\n00:00:09,000 --> 00:00:10,000\nOne more line.\n')],
  ];

  for (const [what, change] of changes) {
    it(`after a change of ${what}`, async () => {
      const root = await copyShow('mini-show');
      await expectSameAsClean(root, { first: true });
      await change(root);
      const report = await expectSameAsClean(root);
      expect(report.rendered).toBeGreaterThan(0);
    });
  }

  it('after a static file is removed, and its emptied folder with it', async () => {
    const root = await copyShow('mini-show');
    await mkdir(path.join(root, 'static/media'), { recursive: true });
    await writeFile(path.join(root, 'static/media/logo.txt'), 'logo');
    await expectSameAsClean(root, { first: true });
    await rm(path.join(root, 'static/media'), { recursive: true });
    const report = await expectSameAsClean(root);
    expect(report.deleted).toBe(1);
    expect(existsSync(path.join(root, 'out/media'))).toBe(false);
  });

  it('after an article feed is added and then edited, with its warnings reported each time', async () => {
    const root = await copyShow('mini-show');
    await expectSameAsClean(root, { first: true });
    await mkdir(path.join(root, 'feeds'), { recursive: true });
    await writeFile(path.join(root, 'feeds/paper.xml'), FEED('Casino Night revisited'));
    await writeFile(path.join(root, 'feeds/broken.xml'), 'not a feed');
    await appendFile(path.join(root, 'shownotes.config.yaml'), 'articles:\n  feeds:\n    - feeds/paper.xml\n    - feeds/broken.xml\n');
    const first = await expectSameAsClean(root);
    expect(first.warnings.filter((w) => w.file === 'feeds/broken.xml')).toHaveLength(1);
    await writeFile(path.join(root, 'feeds/paper.xml'), FEED('Casino Night, again'));
    await expectSameAsClean(root);
    const unchanged = await runBuild({ root, logger: silentLogger });
    expect(unchanged.warnings).toEqual(first.warnings);
  });

  it('with card images, after a quote is edited: only its card is drawn again', async () => {
    const root = await copyShow('mini-show');
    await edit(root, 'shownotes.config.yaml', (t) => t.replace('images: false', 'images: true'));
    const first = await expectSameAsClean(root, { first: true });
    expect(first.cardImages).toEqual({ rendered: 3, reused: 0 });
    await edit(root, 'episodes/booze-cruise.md', (t) => t.replace('owed us money', 'owed us rent'));
    const report = await expectSameAsClean(root);
    expect(report.cardImages).toEqual({ rendered: 1, reused: 2 });
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ rendered: 0, cardImages: { rendered: 0, reused: 3 } });
  });

  it('with --drafts after a draft is edited', async () => {
    const root = await copyShow('mini-show');
    await expectSameAsClean(root, { drafts: true, first: true });
    await edit(root, 'episodes/next-week.md', (t) => t.replace('title: Next Week', 'title: Next Week, Maybe'));
    await expectSameAsClean(root, { drafts: true });
  });
});

describe('what an incremental build renders', () => {
  it('renders and writes nothing when nothing changed', async () => {
    const root = await copyShow('mini-show');
    const first = await runBuild({ root, logger: silentLogger });
    expect(first).toMatchObject({ mode: 'full', rendered: 22, reused: 0, written: 22, deleted: 0, episodes: { parsed: 3, reused: 0 } });
    const second = await runBuild({ root, logger: silentLogger });
    expect(second).toMatchObject({ mode: 'incremental', files: 22, rendered: 0, reused: 22, written: 0, deleted: 0, episodes: { parsed: 0, reused: 3 } });
  });

  it('keeps where each feed item sits after a full build (its feeds made on their own thread), for the next build to reuse', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const dir = path.join(root, '.cache', 'build');
    const [name] = (await readdir(dir)).filter((n) => n.startsWith('feed-items-'));
    const stored = v8.deserialize(await readFile(path.join(dir, name!))) as {
      data: { stamps: { xml?: [number, number]; json?: [number, number] }; layout: { xml?: [string, number, number][]; json?: { spans: [string, number, number][] } } };
    };
    const xml = await readFile(path.join(root, 'out', 'feed.xml'));
    const json = await readFile(path.join(root, 'out', 'feed.json'));
    expect(stored.data.stamps.xml?.[0]).toBe(xml.byteLength);
    expect(stored.data.stamps.json?.[0]).toBe(json.byteLength);
    // One span per item of the written feed, each exactly an <item>.
    const items = stored.data.layout.xml!.map(([, start, end]) => xml.subarray(start, end).toString('utf8'));
    expect(items).toHaveLength(xml.toString('utf8').split('<item>').length - 1);
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(item).toMatch(/^ *<item>[\s\S]*<\/item>\n$/);
    const jsonItems = stored.data.layout.json!.spans.map(([, start, end]) => JSON.parse(json.subarray(start, end).toString('utf8')) as { title: string });
    expect(jsonItems.map((i) => i.title)).toEqual(items.map((item) => /<title>([^<]*)<\/title>/.exec(item)![1]));
  });

  it('after a body edit renders only that page and the lists and feeds that include it', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await mtimes(path.join(root, 'out'));
    await edit(root, 'episodes/casino-night.md', (t) => `${t}\nOne more paragraph.\n`);
    const report = await runBuild({ root, logger: silentLogger });
    const after = await mtimes(path.join(root, 'out'));
    const touched = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file).sort();
    // Rendered again: the page, the index page that lists it, both feeds, its chapters.json;
    // only those whose bytes changed are written (the index shows the summary). Not the sitemap:
    // it lists addresses and dates, and the notes are neither.
    expect(touched).toEqual(['episodes/casino-night/index.html', 'feed.json', 'feed.xml']);
    expect(report).toMatchObject({ rendered: 5, reused: 17, written: 3, deleted: 0, episodes: { parsed: 1, reused: 2 } });
  });

  it('--clean renders everything again and rewrites the cache', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const report = await runBuild({ root, logger: silentLogger, clean: true });
    expect(report).toMatchObject({ mode: 'full', rendered: 22, reused: 0, episodes: { parsed: 3, reused: 0 } });
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ mode: 'incremental', rendered: 0 });
  });

  it('writes again a file of out/ edited or deleted by hand', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const page = path.join(root, 'out/episodes/casino-night/index.html');
    const good = await readFile(page, 'utf8');
    await writeFile(page, good.replace('Casino Night', 'Casino Nite'));
    await rm(path.join(root, 'out/feed.xml'));
    const report = await runBuild({ root, logger: silentLogger });
    // Both feeds are rendered together; feed.json was untouched, so only two files are written.
    expect(report).toMatchObject({ rendered: 3, written: 2 });
    expect(await readFile(page, 'utf8')).toBe(good);
    await expectSameAsClean(root);
  });

  it("writes again a quote card deleted by hand: its episode's cards are rendered, the others kept unread", async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const cards = path.join(root, 'out/quotes/casino-night');
    const ids = await readdir(cards);
    expect(ids.length).toBeGreaterThan(0);
    const lost = path.join(cards, ids[0]!, 'oembed.json');
    const good = await readFile(lost, 'utf8');
    await rm(lost);
    const report = await runBuild({ root, logger: silentLogger });
    // The card page and oEmbed file of each of its quotes; only the lost one differs from out/.
    expect(report).toMatchObject({ mode: 'incremental', rendered: ids.length * 2, written: 1 });
    expect(await readFile(lost, 'utf8')).toBe(good);
    await expectSameAsClean(root);
  });

  it('builds in full when out/ is gone or the manifest is lost', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    await rm(path.join(root, 'out'), { recursive: true });
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ mode: 'full', rendered: 22, episodes: { reused: 3 } });
    await rm(path.join(root, '.cache/build'), { recursive: true });
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ mode: 'full', rendered: 22, episodes: { parsed: 3 } });
  });

  it('leaves out/ and its manifest as they were when the show has an error', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await readTree(path.join(root, 'out'));
    await edit(root, 'episodes/booze-cruise.md', (t) => t.replace('date: 2020-10-07T09:30:00-07:00', 'date: someday'));
    await expect(runBuild({ root, logger: silentLogger })).rejects.toBeInstanceOf(ShowError);
    expect(await readTree(path.join(root, 'out'))).toEqual(before);
    await edit(root, 'episodes/booze-cruise.md', (t) => t.replace('date: someday', 'date: 2020-10-07T09:30:00-07:00'));
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ mode: 'incremental', rendered: 0, written: 0 });
  });

  it('keeps one manifest per output folder', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const other = path.join(await tempDir(), 'site');
    expect(await runBuild({ root, out: other, logger: silentLogger })).toMatchObject({ mode: 'full' });
    expect(await runBuild({ root, logger: silentLogger })).toMatchObject({ mode: 'incremental', rendered: 0 });
    expect(await runBuild({ root, out: other, logger: silentLogger })).toMatchObject({ mode: 'incremental', rendered: 0 });
  });
});

async function mtimes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const file of (await readTree(dir)).keys()) out.set(file, (await stat(path.join(dir, file))).mtimeMs);
  return out;
}
