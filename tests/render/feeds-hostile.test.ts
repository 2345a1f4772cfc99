import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { parseFeed, type FeedObject } from 'podcast-partytime';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { silentLogger } from '../../src/logger.ts';
import { DESCRIPTION_MAX_BYTES } from '../../src/render/feed-html.ts';
import { readTree, copyShow } from '../temp-show.ts';
import { rssParser } from './feeds-parsers.ts';

/**
 * tests/fixtures/feeds-show: `&`, `<script>`, `]]>` and quotes in the show's and an
 * episode's title, notes, quotes, chapters, people and URLs; nested categories; artwork;
 * an explicit show with a clean episode; notes over Apple's 4,000 bytes; a trailer; a draft.
 */
describe('feed.xml of a show with hostile text', () => {
  let root: string;
  let xml: string;
  let party: FeedObject;
  let rss: Awaited<ReturnType<ReturnType<typeof rssParser>['parseString']>>;
  beforeAll(async () => {
    root = await copyShow('feeds-show');
    await runBuild({ root, logger: silentLogger, drafts: true });
    xml = await readFile(path.join(root, 'out/feed.xml'), 'utf8');
    party = parseFeed(xml)!;
    rss = await rssParser().parseString(xml);
  });

  it('stays well-formed for a strict XML parser', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // Only the two CDATA sections per item may hold markup; nothing else opens a <script>.
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<script/i);
  });

  it('reads every hostile title back exactly, with both parsers', () => {
    const title = 'Cats & <script>alert(1)</script> ]]> "Mice"';
    expect(party.title).toBe("Tom & Jerry's <Rewatch> ]]>");
    expect(rss.title).toBe("Tom & Jerry's <Rewatch> ]]>");
    expect(party.description).toBe('Cats & mice, <b>rewatched</b>.');
    expect(party.items[0]!.title).toBe(title);
    expect(rss.items[0]!.title).toBe(title);
    expect(party.author).toBe('Hanna & Barbera Media');
  });

  it('keeps ]]> and & in the notes inside CDATA without ending it, and drops the script', () => {
    const content = rss.items[0]!.contentEncoded;
    const { document } = parseHTML(`<div>${content}</div>`);
    expect(document.querySelector('p')!.textContent).toBe('Notes with an ampersand & a  tag and a CDATA end ]]> marker.');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('ul a')!.getAttribute('href')).toBe('https://example.org/?q=a&b=c');
    const chapters = [...document.querySelectorAll('ul')[1]!.querySelectorAll('li')].map((li) => li.textContent);
    expect(chapters).toEqual(['0:00 Intro', '5:00 Tom & Jerry ]]> <3']);
    expect(document.querySelector('blockquote p')!.textContent).toBe('“A cat ]]> a mouse & a <dog> walk into a bar.”');
    expect(rss.items[0]!.description).toBe(
      '<p>Notes with an ampersand &amp; a  tag and a CDATA end ]]&gt; marker.</p>\n<ul>\n<li>One <a href="https://example.org/?q=a&amp;b=c">link</a></li>\n</ul>',
    );
  });

  it('escapes attribute values: enclosure, person href and img, artwork', () => {
    const item = party.items[0]!;
    expect(item.enclosure.url).toBe('https://cdn.feeds.example/003.mp3?a=1&b=2');
    expect(item.podcastPeople).toEqual([
      { name: 'Ana Ortiz', role: 'Host', group: 'Cast' },
      { name: 'Ben Cole', role: 'Host', group: 'Cast', href: 'https://ben.example/?x=1&y=2' },
      { name: 'Cara <Dee> & Co', role: 'Guest', group: 'Cast', href: 'https://cara.example/', img: 'https://cara.example/face.jpg?w=1&h=1' },
    ]);
    expect(party.itunesImage).toBe('https://cdn.feeds.example/cover.jpg?size=3000&format=jpg');
    expect(rss.itunes?.image).toBe('https://cdn.feeds.example/cover.jpg?size=3000&format=jpg');
    expect(rss.image?.url).toBe('https://cdn.feeds.example/cover.jpg?size=3000&format=jpg');
  });

  it('writes a soundbite per quote, fractions kept, titles cut to 128 characters at a word', () => {
    const bites = party.items[0]!.podcastSoundbites!;
    expect(bites.map((b) => [b.startTime, b.duration])).toEqual([
      [62.5, 20],
      [600, 15],
    ]);
    expect(bites[0]!.title).toBe('A cat ]]> a mouse & a <dog> walk into a bar.');
    expect(bites[1]!.title).toBe(
      'This quote is deliberately far longer than one hundred and twenty-eight characters so that the soundbite title has to be cut at…',
    );
    expect([...bites[1]!.title!].length).toBeLessThanOrEqual(128);
  });

  it('nests subcategories under their category, with & escaped as &amp;', () => {
    expect(xml).toContain(
      '<itunes:category text="TV &amp; Film">\n      <itunes:category text="TV Reviews"/>\n      <itunes:category text="After Shows"/>\n    </itunes:category>\n    <itunes:category text="Comedy"/>',
    );
    expect(rss.itunes?.categoriesWithSubs).toEqual([
      { name: 'TV & Film', subs: [{ name: 'TV Reviews' }, { name: 'After Shows' }] },
      { name: 'Comedy', subs: null },
    ]);
    expect(party.itunesCategory).toEqual(['TV & Film > TV Reviews', 'TV & Film > After Shows', 'Comedy']);
  });

  it('takes explicit from the show unless the episode says otherwise, and episodeType from type', () => {
    expect(party.explicit).toBe(true);
    expect(party.items.map((i) => [i.title, i.explicit, i.itunesEpisodeType])).toEqual([
      ['Cats & <script>alert(1)</script> ]]> "Mice"', true, 'full'],
      ['Long Notes', false, 'bonus'],
      ['Coming Soon', true, 'trailer'],
    ]);
  });

  it('keeps a long description within 4,000 bytes, cut between paragraphs, linking the full notes', () => {
    const description = rss.items[1]!.description;
    expect(Buffer.byteLength(description, 'utf8')).toBeLessThanOrEqual(DESCRIPTION_MAX_BYTES);
    expect(description.startsWith('<p>Paragraph 0: Ünïcödé notes')).toBe(true);
    expect(description.endsWith('</p>\n<p><a href="https://feeds.example/show/episodes/long-notes/">Read the full notes</a></p>')).toBe(true);
    expect(description.match(/<p>Paragraph \d+/g)!.length).toBe(9);
    // The full notes stay whole in content:encoded.
    expect(rss.items[1]!.contentEncoded.match(/<p>Paragraph \d+/g)!.length).toBe(20);
  });

  it('never leaves description or content:encoded empty, even for an episode without notes', () => {
    expect(rss.items[2]!.description).toBe('<p>Coming Soon</p>');
    expect(rss.items[2]!.contentEncoded).toBe('<p>Coming Soon</p>\n<p><a href="https://feeds.example/show/episodes/trailer/">Show notes on the web</a></p>');
  });

  it('announces the trailer episode as podcast:trailer', () => {
    expect(party.trailers).toEqual([
      { title: 'Coming Soon', url: 'https://cdn.feeds.example/trailer.mp3', pubdate: new Date('2021-02-01T12:00:00Z'), type: 'audio/mpeg', length: 99 },
    ]);
  });

  it('keeps the draft out of both feeds, though its page and chapters are built', async () => {
    const files = await readTree(path.join(root, 'out'));
    expect(files.has('episodes/secret-draft/index.html')).toBe(true);
    expect(files.has('episodes/secret-draft/chapters.json')).toBe(true);
    expect(xml).not.toContain('Secret Draft');
    expect(xml).not.toContain('Drafty');
    expect(files.get('feed.json')!.toString('utf8')).not.toContain('Secret Draft');
    // The channel's hosts come from published episodes only.
    expect(party.podcastPeople!.map((p) => p.name)).toEqual(['Ana Ortiz', 'Ben Cole']);
  });

  it('writes valid JSON Feed text for the same hostile values', async () => {
    const feed = JSON.parse(await readFile(path.join(root, 'out/feed.json'), 'utf8')) as {
      title: string;
      icon: string;
      authors: { name: string; avatar?: string }[];
      items: { title: string; tags?: string[] }[];
    };
    expect(feed.title).toBe("Tom & Jerry's <Rewatch> ]]>");
    expect(feed.icon).toBe('https://cdn.feeds.example/cover.jpg?size=3000&format=jpg');
    expect(feed.authors).toEqual([{ name: 'Hanna & Barbera Media', url: 'https://feeds.example/show/', avatar: 'https://cdn.feeds.example/cover.jpg?size=3000&format=jpg' }]);
    expect(feed.items[0]!.title).toBe('Cats & <script>alert(1)</script> ]]> "Mice"');
    expect(feed.items[0]!.tags).toEqual(['cats & dogs', '<b>bold</b>']);
  });
});
