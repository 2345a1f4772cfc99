import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../src/build.ts';
import { ShowError, formatDiagnostic } from '../src/diagnostics.ts';
import { silentLogger } from '../src/logger.ts';
import { copyShow, readTree, tempDir } from './temp-show.ts';

describe('building the mini show', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await copyShow('mini-show');
    out = path.join(root, 'out');
    await runBuild({ root, logger: silentLogger });
  });

  it('writes one page per published episode, the index, 404, sitemap, assets, transcripts, chapters and feeds', async () => {
    const files = [...(await readTree(out)).keys()].sort();
    expect(files).toEqual([
      '404.html',
      'assets/card.css',
      'assets/card.js',
      'assets/icon.svg',
      'assets/player.js',
      'assets/quote-share.js',
      'assets/style.css',
      'episodes/booze-cruise/index.html',
      'episodes/casino-night/chapters.json',
      'episodes/casino-night/index.html',
      'episodes/casino-night/transcript.vtt',
      'feed.json',
      'feed.xml',
      'index.html',
      'quotes/booze-cruise/we-rode-that-boat-like-29ab11/index.html',
      'quotes/booze-cruise/we-rode-that-boat-like-29ab11/oembed.json',
      'quotes/casino-night/all-the-lights-were-dim-36f2f9/index.html',
      'quotes/casino-night/all-the-lights-were-dim-36f2f9/oembed.json',
      'quotes/casino-night/trailer-orders/index.html',
      'quotes/casino-night/trailer-orders/oembed.json',
      'related.json',
      'sitemap.xml',
    ]);
  });

  it('renders the episode page field by field', async () => {
    const html = await readFile(path.join(out, 'episodes/casino-night/index.html'), 'utf8');
    const { document } = parseHTML(html);
    expect(document.querySelector('h1')!.textContent).toBe('Casino Night');
    expect(document.querySelector('title')!.textContent).toBe('Casino Night — Mini Rewatch');
    expect(document.querySelector('link[rel=canonical]')!.getAttribute('href')).toBe('https://mini.example/podcast/episodes/casino-night/');
    const meta = document.querySelector('.episode-header .meta')!;
    expect(meta.textContent!.replace(/\s+/g, ' ').trim()).toBe('Episode 41 · October 14, 2020 · 1:12:34');
    expect(meta.querySelector('time')!.getAttribute('datetime')).toBe('2020-10-14T07:00:00.000Z');
    expect(document.querySelector('.subject')!.textContent!.trim()).toBe('The Office · S2E22 · “Casino Night” · aired May 11, 2006');
    const audio = document.querySelector('audio[data-player]')!;
    expect(audio.getAttribute('src')).toBe('https://cdn.example.com/041-casino-night.mp3');

    const chapters = [...document.querySelectorAll('.chapters li')].map((li) => ({
      time: li.querySelector('a.time')!.textContent,
      seek: li.querySelector('a.time')!.getAttribute('data-seek'),
      href: li.querySelector('a.time')!.getAttribute('href'),
      title: li.querySelector('.chapter-title')!.textContent,
    }));
    expect(chapters).toEqual([
      { time: '0:00', seek: '0', href: 'https://cdn.example.com/041-casino-night.mp3#t=0', title: 'Cold open' },
      { time: '12:30', seek: '750', href: 'https://cdn.example.com/041-casino-night.mp3#t=750', title: 'The kiss' },
    ]);

    const quotes = [...document.querySelectorAll('.quote-card')].map((q) => ({
      id: q.getAttribute('id'),
      text: q.querySelector('blockquote')!.textContent,
      speaker: q.querySelector('.speaker')!.textContent,
      time: q.querySelector('a.time')!.textContent,
      seek: q.querySelector('a.time')!.getAttribute('data-seek'),
    }));
    expect(quotes[0]).toEqual({
      id: 'quote-trailer-orders',
      text: "Don't leave until you're called. Don't speak to John. And just be alone.",
      speaker: 'Jenna Fischer',
      time: '42:10',
      seek: '2530',
    });
    expect(quotes[1]!.time).toBe('43:05');

    const hosts = [...document.querySelectorAll('.credits .people')].map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent!.trim()));
    expect(hosts).toEqual([
      ['Maya Okafor host', 'Dev Lindqvist host'],
      ['Rosa Pennington guest', 'Theo Marsh guest'],
    ]);
    expect(document.querySelector('.notes h2')!.textContent).toBe('What we talked about');
    // The summary comes from the notes' first paragraph, so the page does not repeat it as a lead.
    expect(document.querySelector('.lead')).toBeNull();
    expect(document.querySelector('.notes p')!.textContent).toBe('Jim tells Pam how he feels.');
    expect(document.querySelector('.transcript-link a')!.getAttribute('href')).toBe('/podcast/episodes/casino-night/transcript.vtt');
    expect(document.querySelector('a[rel=prev]')!.getAttribute('href')).toBe('/podcast/episodes/booze-cruise/');
    expect(document.querySelector('a[rel=next]')).toBeNull();
    expect(document.querySelector('meta[property="og:audio"]')!.getAttribute('content')).toBe('https://cdn.example.com/041-casino-night.mp3');

    const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld).toMatchObject({
      '@type': 'PodcastEpisode',
      name: 'Casino Night',
      datePublished: '2020-10-14T07:00:00.000Z',
      episodeNumber: 41,
      timeRequired: 'PT1H12M34S',
      associatedMedia: { '@type': 'MediaObject', contentUrl: 'https://cdn.example.com/041-casino-night.mp3', encodingFormat: 'audio/mpeg' },
      partOfSeries: { '@type': 'PodcastSeries', name: 'Mini Rewatch', url: 'https://mini.example/podcast/' },
    });
    expect(ld.actor.map((p: { name: string }) => p.name)).toEqual(['Maya Okafor', 'Dev Lindqvist', 'Rosa Pennington', 'Theo Marsh']);
  });

  it('lists episodes newest first on the index and skips drafts', async () => {
    const { document } = parseHTML(await readFile(path.join(out, 'index.html'), 'utf8'));
    expect([...document.querySelectorAll('.episode-summary h3 a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Casino Night', '/podcast/episodes/casino-night/'],
      ['Booze Cruise', '/podcast/episodes/booze-cruise/'],
    ]);
    expect(document.querySelector('.pagination')).toBeNull();
  });

  it('converts the SRT transcript to WebVTT, keeping speakers', async () => {
    expect(await readFile(path.join(out, 'episodes/casino-night/transcript.vtt'), 'utf8')).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Maya Okafor>Welcome back to the break room.\n\n00:00:05.000 --> 00:00:08.000\n<v Dev Lindqvist>Tonight: Casino Night.\n',
    );
  });

  it('writes a sitemap of the index and the published episodes', async () => {
    const xml = await readFile(path.join(out, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      'https://mini.example/podcast/',
      'https://mini.example/podcast/episodes/casino-night/',
      'https://mini.example/podcast/episodes/booze-cruise/',
    ]);
  });

  it('gives byte-identical output when built twice', async () => {
    const first = await readTree(out);
    const second = path.join(await tempDir(), 'out');
    await runBuild({ root, out: second, logger: silentLogger });
    const again = await readTree(second);
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(again.get(name)!.equals(bytes), name).toBe(true);
  });
});

describe('drafts, pagination and overrides', () => {
  it('includes drafts with --drafts, marked as such', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, drafts: true, logger: silentLogger });
    const html = await readFile(path.join(root, 'out/episodes/next-week/index.html'), 'utf8');
    const { document } = parseHTML(html);
    expect(document.querySelector('.badge')!.textContent).toBe('Draft');
  });

  it('paginates 20 episodes a page', async () => {
    const root = await copyShow('mini-show');
    for (let i = 1; i <= 23; i++) {
      await writeFile(
        path.join(root, `episodes/extra-${i}.md`),
        `---\ntitle: Extra ${i}\ndate: 2019-01-${String(i).padStart(2, '0')}\naudio:\n  url: https://cdn.example.com/e${i}.mp3\n---\nNotes ${i}.\n`,
      );
    }
    await runBuild({ root, logger: silentLogger });
    const page1 = parseHTML(await readFile(path.join(root, 'out/index.html'), 'utf8')).document;
    const page2 = parseHTML(await readFile(path.join(root, 'out/page/2/index.html'), 'utf8')).document;
    expect(page1.querySelectorAll('.episode-summary').length).toBe(20);
    expect(page2.querySelectorAll('.episode-summary').length).toBe(5);
    expect(page1.querySelector('a[rel=next]')!.getAttribute('href')).toBe('/podcast/page/2/');
    expect(page2.querySelector('a[rel=prev]')!.getAttribute('href')).toBe('/podcast/');
    expect(page2.querySelector('.pagination span')!.textContent).toBe('Page 2 of 2');
    expect(existsSync(path.join(root, 'out/page/3'))).toBe(false);
  });

  it("uses the show's own template instead of the default, file by file", async () => {
    const root = await copyShow('mini-show');
    await mkdir(path.join(root, 'templates/partials'), { recursive: true });
    await writeFile(path.join(root, 'templates/partials/quote-card.hbs'), '<p class="my-quote">{{speaker}} said: {{text}}</p>\n');
    await mkdir(path.join(root, 'static'), { recursive: true });
    await writeFile(path.join(root, 'static/robots.txt'), 'User-agent: *\n');
    await runBuild({ root, logger: silentLogger });
    const { document } = parseHTML(await readFile(path.join(root, 'out/episodes/casino-night/index.html'), 'utf8'));
    expect(document.querySelector('.my-quote')!.textContent).toBe("Jenna Fischer said: Don't leave until you're called. Don't speak to John. And just be alone.");
    expect(document.querySelector('.quote-card')).toBeNull();
    expect(document.querySelector('h1')!.textContent).toBe('Casino Night');
    expect(await readFile(path.join(root, 'out/robots.txt'), 'utf8')).toBe('User-agent: *\n');
  });

  it('escapes hostile front matter in pages and JSON-LD', async () => {
    const root = await copyShow('mini-show');
    const file = path.join(root, 'episodes/booze-cruise.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('title: Booze Cruise', 'title: "</script><img src=x onerror=alert(1)> & more"'));
    await runBuild({ root, logger: silentLogger });
    const html = await readFile(path.join(root, 'out/episodes/booze-cruise/index.html'), 'utf8');
    const { document } = parseHTML(html);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('h1')!.textContent).toBe('</script><img src=x onerror=alert(1)> & more');
    expect(html.match(/<\/script>/g)!.length).toBe(document.querySelectorAll('script').length);
    const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld.name).toBe('</script><img src=x onerror=alert(1)> & more');
  });
});

describe('a failed build', () => {
  it('lists every problem of the show and leaves the previous out/ untouched', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await readTree(path.join(root, 'out'));
    await writeFile(path.join(root, 'episodes/broken.md'), '---\ntitle: Broken\ndate: 2020-02-30\naudio:\n  url: https://cdn.example.com/b.mp3\n---\n');
    await writeFile(path.join(root, 'episodes/other.md'), '---\ntitel: Other\ndate: 2020-01-01\n---\n');
    const error = await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    expect((error as ShowError).diagnostics.map(formatDiagnostic)).toEqual([
      'episodes/broken.md:3:1 error date: "2020-02-30" is not a real date',
      'episodes/other.md:2:1 error title: missing required field',
      'episodes/other.md:2:1 error titel: unknown key; did you mean "title"?',
    ]);
    const after = await readTree(path.join(root, 'out'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes)).toBe(true);
    const leftovers = (await readTree(root)).keys();
    expect([...leftovers].filter((f) => f.includes('staging') || f.includes('.old-'))).toEqual([]);
  });

  it('reports duplicate slugs naming both files', async () => {
    const root = await copyShow('mini-show');
    const text = await readFile(path.join(root, 'episodes/booze-cruise.md'), 'utf8');
    await writeFile(path.join(root, 'episodes/booze-cruise-copy.md'), text.replace('title: Booze Cruise', 'title: Booze Cruise\nslug: booze-cruise'));
    const error = (await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e)) as ShowError;
    expect(error.diagnostics.map(formatDiagnostic)).toEqual([
      'episodes/booze-cruise.md:1:1 error slug: slug "booze-cruise" is already used by episodes/booze-cruise-copy.md; each episode needs its own slug',
    ]);
  });
});
