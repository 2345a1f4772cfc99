import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { parseFeed, type FeedObject } from 'podcast-partytime';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildReport } from '../../src/build.ts';
import type { ShowConfig } from '../../src/config/config.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { episodeGuid, podcastGuid } from '../../src/render/podcast-guid.ts';
import { copyShow } from '../temp-show.ts';
import { rssParser } from './feeds-parsers.ts';

/** The local file a feed URL of the show points at. */
function outFile(out: string, config: ShowConfig, url: string): string {
  expect(url.startsWith(config.url)).toBe(true);
  return path.join(out, url.slice(config.url.length));
}

describe('feed.xml of the mini show, read back by two independent parsers', () => {
  let out: string;
  let xml: string;
  let config: ShowConfig;
  let published: Episode[];
  let party: FeedObject;
  let rss: Awaited<ReturnType<ReturnType<typeof rssParser>['parseString']>>;
  let report: BuildReport;

  beforeAll(async () => {
    const root = await copyShow('mini-show');
    out = path.join(root, 'out');
    // Drafts are built as pages here, and still must not reach the feed.
    report = await runBuild({ root, logger: silentLogger, drafts: true });
    xml = await readFile(path.join(out, 'feed.xml'), 'utf8');
    const show = await loadShow(root);
    config = show.config!;
    published = show.episodes.filter((e) => !e.draft);
    party = parseFeed(xml)!;
    rss = await rssParser().parseString(xml);
  });

  it('is well-formed XML that starts with the declaration', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('declares the four namespaces with their exact URIs', () => {
    const rssTag = /<rss [^>]*>/.exec(xml)![0];
    expect(rssTag).toContain('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
    expect(rssTag).toContain('xmlns:podcast="https://podcastindex.org/namespace/1.0"');
    expect(rssTag).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"');
    expect(rssTag).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
  });

  it('has every channel tag Apple and PSP-1 require, read by podcast-partytime', () => {
    expect(party.title).toBe('Mini Rewatch');
    expect(party.link).toBe('https://mini.example/podcast/');
    expect(party.description).toBe('A tiny show for tests.');
    expect(party.language).toBe('en');
    expect(party.pubsub?.self).toBe('https://mini.example/podcast/feed.xml');
    expect(party.itunesCategory).toEqual(['TV & Film']);
    expect(party.explicit).toBe(false);
    expect(party.author).toBe('Test Media');
    expect(party.owner).toEqual({ name: 'Test Media', email: 'show@mini.example' });
    expect(party.itunesType).toBe('episodic');
    expect(party.locked).toBe(false);
    expect(party.podcastOwner).toBe('show@mini.example');
    expect(party.guid).toBe(podcastGuid('https://mini.example/podcast/feed.xml'));
    expect(party.medium).toBe('podcast');
    expect(party.podcastPeople).toEqual([
      { name: 'Maya Okafor', role: 'Host', group: 'Cast' },
      { name: 'Dev Lindqvist', role: 'Host', group: 'Cast' },
    ]);
  });

  it('has the same channel tags, read by rss-parser', () => {
    expect(rss.title).toBe('Mini Rewatch');
    expect(rss.feedUrl).toBe('https://mini.example/podcast/feed.xml');
    expect(rss.atomLink.$).toEqual({ href: 'https://mini.example/podcast/feed.xml', rel: 'self', type: 'application/rss+xml' });
    expect(rss.itunes?.categories).toEqual(['TV & Film']);
    expect(rss.itunes?.explicit).toBe('false');
    expect(rss.itunes?.owner).toEqual({ name: 'Test Media', email: 'show@mini.example' });
    expect(rss.podcastGuid).toBe(party.guid);
    expect(rss.locked).toEqual([{ _: 'no', $: { owner: 'show@mini.example' } }]);
    expect(rss.persons.map((p) => [p._, p.$.role])).toEqual([
      ['Maya Okafor', 'host'],
      ['Dev Lindqvist', 'host'],
    ]);
  });

  it('dates lastBuildDate from the newest published episode, not the clock', () => {
    expect((rss as { lastBuildDate?: string }).lastBuildDate).toBe('Wed, 14 Oct 2020 07:00:00 GMT');
    expect(party.lastBuildDate?.toISOString()).toBe(published[0]!.date.toISOString());
  });

  it('lists the published episodes newest first and never the draft, though its page was built', () => {
    expect(existsSync(path.join(out, 'episodes/next-week/index.html'))).toBe(true);
    expect(party.items.map((i) => i.title)).toEqual(['Casino Night', 'Booze Cruise']);
    expect(rss.items.map((i) => i.title)).toEqual(['Casino Night', 'Booze Cruise']);
    expect(xml).not.toContain('Next Week');
    expect(xml).not.toContain('next-week');
  });

  it('gives each item the fields of its episode, read by podcast-partytime', () => {
    for (const episode of published) {
      const item = party.items.find((i) => i.title === episode.title)!;
      const page = `${config.url}episodes/${episode.slug}/`;
      expect(item.link).toBe(page);
      expect(item.guid).toBe(episodeGuid(party.guid!, episode.slug));
      expect(item.pubDate?.toISOString()).toBe(episode.date.toISOString());
      expect(item.enclosure).toEqual({ url: episode.audio!.url, length: episode.audio!.length ?? 0, type: 'audio/mpeg' });
      expect(item.duration).toBe(Math.round(episode.audio!.duration!));
      expect(item.itunesEpisode).toBe(episode.number);
      expect(item.itunesSeason).toBe(episode.season);
      expect(item.itunesEpisodeType).toBe('full');
      expect(item.explicit).toBe(false);
      expect(item.podcastSoundbites).toEqual(episode.quotes.map((q) => ({ startTime: q.at, duration: q.duration, title: q.text })));
      expect(item.podcastPeople?.map((p) => `${p.name}/${p.role}/${p.href ?? ''}`)).toEqual([
        ...episode.hosts.map((h) => `${h.name}/Host/`),
        ...episode.guests.map((g) => `${g.name}/Guest/${g.href ?? ''}`),
      ]);
      expect(item.description).toContain(episode.summary);
      expect(item.content).toContain(episode.html.trim().split('\n')[0]);
    }
  });

  it('points chapters and the transcript at files that exist in out/', async () => {
    const item = party.items[0]!;
    expect(item.podcastChapters).toEqual({ url: 'https://mini.example/podcast/episodes/casino-night/chapters.json', type: 'application/json+chapters' });
    expect(item.podcastTranscripts).toEqual([{ url: 'https://mini.example/podcast/episodes/casino-night/transcript.vtt', type: 'text/vtt', language: 'en' }]);
    const chapters = JSON.parse(await readFile(outFile(out, config, item.podcastChapters!.url), 'utf8')) as { chapters: { startTime: number }[] };
    expect(chapters.chapters.map((c) => c.startTime)).toEqual([0, 750]);
    const vtt = await readFile(outFile(out, config, item.podcastTranscripts![0]!.url), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Maya Okafor>Welcome back')).toBe(true);
    // An episode without chapters or transcript has neither tag, nor a file.
    expect(party.items[1]!.podcastChapters).toBeUndefined();
    expect(party.items[1]!.podcastTranscripts).toBeUndefined();
    expect(existsSync(path.join(out, 'episodes/booze-cruise/chapters.json'))).toBe(false);
  });

  it('gives each item the same fields, read by rss-parser', () => {
    const [casino, booze] = rss.items;
    expect(casino!.guidNode).toEqual([{ _: party.items[0]!.guid, $: { isPermaLink: 'false' } }]);
    expect(casino!.pubDate).toBe('Wed, 14 Oct 2020 07:00:00 GMT');
    expect(booze!.pubDate).toBe('Wed, 07 Oct 2020 16:30:00 GMT');
    expect(casino!.enclosure).toEqual({ url: 'https://cdn.example.com/041-casino-night.mp3', length: '69631234', type: 'audio/mpeg' });
    expect(booze!.enclosure).toEqual({ url: 'https://cdn.example.com/040-booze-cruise.mp3', length: '0', type: 'audio/mpeg' });
    expect((casino as { itunes?: Record<string, string> }).itunes).toMatchObject({ duration: '4354', episode: '41', season: '1', episodeType: 'full', explicit: 'false' });
    expect(casino!.soundbites!.map((s) => [s.$.startTime, s.$.duration, s._])).toEqual([
      ['2530', '12', "Don't leave until you're called. Don't speak to John. And just be alone."],
      ['2585', '15', 'All the lights were dim. There was no one around.'],
    ]);
    expect(booze!.soundbites!.map((s) => [s.$.startTime, s.$.duration])).toEqual([['600', '15']]);
    expect(casino!.persons!.map((p) => [p._, p.$.role, p.$.href])).toEqual([
      ['Maya Okafor', 'host', undefined],
      ['Dev Lindqvist', 'host', undefined],
      ['Rosa Pennington', 'guest', undefined],
      ['Theo Marsh', 'guest', 'https://theo.example/'],
    ]);
    expect(casino!.chapters!.$.type).toBe('application/json+chapters');
    expect(casino!.transcript!.$).toEqual({ url: 'https://mini.example/podcast/episodes/casino-night/transcript.vtt', type: 'text/vtt', language: 'en' });
  });

  it('writes the full notes, chapters and quotes into content:encoded', () => {
    const { document } = parseHTML(`<div>${rss.items[0]!.contentEncoded}</div>`);
    expect(document.querySelector('h2')!.textContent).toBe('What we talked about');
    const headings = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Chapters', 'Quotes']);
    expect([...document.querySelectorAll('ul')[1]!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['0:00 Cold open', '12:30 The kiss']);
    expect(document.querySelectorAll('blockquote').length).toBe(2);
    expect(document.querySelector('blockquote p')!.textContent).toBe('“Don\'t leave until you\'re called. Don\'t speak to John. And just be alone.”');
  });

  it('keeps the description to the tags Apple allows', () => {
    expect(rss.items[0]!.description).toBe('<p>Jim tells Pam how he feels.</p>\n<p>What we talked about</p>\n<ul>\n<li>The one-camera scene</li>\n<li>Three takes</li>\n</ul>');
  });

  it('warns, naming the file, when an enclosure has no length, and when the show has no artwork', () => {
    expect(report.warnings.map(formatDiagnostic)).toEqual([
      'shownotes.config.yaml warning image: no show artwork: Apple Podcasts requires itunes:image (a 1400–3000 px JPEG or PNG)',
      'episodes/booze-cruise.md warning audio.length: no size in bytes: the feed writes enclosure length="0", which Apple Podcasts may reject',
    ]);
    expect(xml).not.toContain('itunes:image');
  });

  it('links both feeds from every page', async () => {
    for (const page of ['index.html', 'episodes/casino-night/index.html', '404.html']) {
      const { document } = parseHTML(await readFile(path.join(out, page), 'utf8'));
      // Episode pages also carry an oEmbed discovery link (quote cards), not a feed.
      const links = [...document.querySelectorAll('link[rel=alternate]:not([type="application/json+oembed"])')].map((l) => [l.getAttribute('type'), l.getAttribute('href')]);
      expect(links).toEqual([
        ['application/rss+xml', 'https://mini.example/podcast/feed.xml'],
        ['application/feed+json', 'https://mini.example/podcast/feed.json'],
      ]);
    }
  });
});

describe('feed.json of the mini show', () => {
  interface JsonFeed {
    version: string;
    title: string;
    home_page_url: string;
    feed_url: string;
    authors: { name: string; url?: string }[];
    language: string;
    items: {
      id: string;
      url: string;
      title: string;
      content_html: string;
      summary?: string;
      date_published: string;
      tags?: string[];
      attachments: { url: string; mime_type: string; size_in_bytes?: number; duration_in_seconds?: number }[];
    }[];
  }
  let feed: JsonFeed;
  let xmlGuids: string[];
  beforeAll(async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger, drafts: true });
    feed = JSON.parse(await readFile(path.join(root, 'out/feed.json'), 'utf8')) as JsonFeed;
    xmlGuids = parseFeed(await readFile(path.join(root, 'out/feed.xml'), 'utf8'))!.items.map((i) => i.guid);
  });

  it('has the JSON Feed 1.1 top level', () => {
    const { items, ...top } = feed;
    expect(items).toHaveLength(2);
    expect(top).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Mini Rewatch',
      home_page_url: 'https://mini.example/podcast/',
      feed_url: 'https://mini.example/podcast/feed.json',
      description: 'A tiny show for tests.',
      language: 'en',
      authors: [{ name: 'Test Media', url: 'https://mini.example/podcast/' }],
    });
  });

  it('gives each published episode one item with the same id as the RSS guid, newest first', () => {
    const [casino, booze] = feed.items;
    expect(feed.items.map((i) => i.id)).toEqual(xmlGuids);
    expect(casino!.url).toBe('https://mini.example/podcast/episodes/casino-night/');
    expect(casino!.title).toBe('Casino Night');
    expect(casino!.summary).toBe('Jim tells Pam how he feels.');
    expect(casino!.date_published).toBe('2020-10-14T07:00:00Z');
    expect(casino!.tags).toEqual(['Jim and Pam', 'first kiss']);
    expect(casino!.attachments).toEqual([{ url: 'https://cdn.example.com/041-casino-night.mp3', mime_type: 'audio/mpeg', size_in_bytes: 69631234, duration_in_seconds: 4354 }]);
    expect(casino!.content_html).toContain('<h2>What we talked about</h2>');
    expect(casino!.content_html).toContain('<h3>Quotes</h3>');
    // Unknown size is left out rather than written as 0; no topics, no tags.
    expect(booze!.attachments).toEqual([{ url: 'https://cdn.example.com/040-booze-cruise.mp3', mime_type: 'audio/mpeg', duration_in_seconds: 3480 }]);
    expect(booze!.tags).toBeUndefined();
    expect(booze!.date_published).toBe('2020-10-07T16:30:00Z');
  });
});
