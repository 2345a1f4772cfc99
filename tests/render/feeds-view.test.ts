import { describe, expect, it } from 'vitest';
import type { ShowConfig } from '../../src/config/config.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { cutAtWord, utf8Bytes } from '../../src/render/cut-at-word.ts';
import { DESCRIPTION_MAX_BYTES, feedDescription, feedNotes } from '../../src/render/feed-html.ts';
import { feedView, nestCategories, rfc2822, rfc3339 } from '../../src/render/feed-view.ts';
import { episodeGuid, podcastGuid } from '../../src/render/podcast-guid.ts';
import { siteView } from '../../src/render/site-view.ts';
import { makeEpisode } from '../matching/make-fixtures.ts';

const config: ShowConfig = {
  title: 'Show',
  url: 'https://show.example/',
  description: 'A show.',
  language: 'en',
  author: 'Author',
  email: 'me@show.example',
  image: 'https://show.example/cover.jpg',
  categories: ['Comedy'],
  explicit: false,
  timezone: 'UTC',
  articles: { feeds: [], maxRelated: 5, minScore: 0.35, refreshSeconds: 21600 },
  images: false,
};

function episode(slug: string, overrides: Partial<Episode> = {}): Episode {
  return makeEpisode({
    slug,
    date: new Date('2024-01-01T00:00:00Z'),
    audio: { url: `https://cdn.example/${slug}.mp3`, type: 'audio/mpeg', length: 100, duration: 60 },
    hosts: [{ name: 'Host', role: 'host' }],
    ...overrides,
  });
}

function view(episodes: Episode[], cfg: ShowConfig = config) {
  return feedView({ config: cfg, site: siteView(cfg, episodes), episodes, related: new Map() });
}

describe('podcast:guid', () => {
  it('matches the namespace test vectors', () => {
    expect(podcastGuid('https://podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });

  it('ignores the scheme and trailing slashes, and nothing else', () => {
    expect(podcastGuid('http://podnews.net/rss/')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://podnews.net/rss//')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://podnews.net/rss2')).not.toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://www.podnews.net/rss')).not.toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
  });

  it("is the show's guid for the feed URL", () => {
    expect(view([episode('a')]).feed.guid).toBe(podcastGuid('https://show.example/feed.xml'));
  });
});

describe('item guid', () => {
  it('stays the same when the title, date or notes change', () => {
    const before = view([episode('casino-night', { title: 'Casino Night' })]).feed.items[0]!.guid;
    const after = view([episode('casino-night', { title: 'Casino Night (remastered)', date: new Date('2025-01-01'), html: '<p>new</p>' })]).feed.items[0]!.guid;
    expect(after).toBe(before);
    expect(before).toBe(episodeGuid(podcastGuid('https://show.example/feed.xml'), 'casino-night'));
  });

  it('differs between episodes and between shows', () => {
    const a = view([episode('a'), episode('b')]).feed.items.map((i) => i.guid);
    expect(new Set(a).size).toBe(2);
    const other = view([episode('a')], { ...config, url: 'https://other.example/' }).feed.items[0]!.guid;
    expect(other).not.toBe(a[0]);
  });
});

describe('feedView', () => {
  it('drops drafts, dates lastBuildDate from the newest published episode', () => {
    const episodes = [
      episode('draft', { draft: true, date: new Date('2024-03-01T00:00:00Z'), hosts: [{ name: 'Drafty', role: 'host' }] }),
      episode('new', { date: new Date('2024-02-01T10:00:00Z') }),
      episode('old', { date: new Date('2024-01-01T10:00:00Z') }),
    ];
    const { feed } = view(episodes);
    expect(feed.items.map((i) => i.guid)).toEqual([episodeGuid(feed.guid, 'new'), episodeGuid(feed.guid, 'old')]);
    expect(feed.lastBuildDate).toBe('Thu, 01 Feb 2024 10:00:00 GMT');
    expect(feed.hosts).toEqual([{ name: 'Host', role: 'host', href: undefined, img: undefined }]);
  });

  it('has no lastBuildDate and no items for a show without published episodes', () => {
    const { feed } = view([episode('draft', { draft: true })]);
    expect(feed.items).toEqual([]);
    expect(feed.lastBuildDate).toBeUndefined();
  });

  it('restates the hosts before the guests on each item, once each, roles lower case', () => {
    const { feed } = view([
      episode('a', {
        hosts: [{ name: 'Ana', role: 'Host' }, { name: 'Ben', role: 'host' }],
        guests: [{ name: 'Cara', role: 'guest', img: 'https://img.example/c.jpg' }, { name: 'Ana', role: 'guest' }],
      }),
    ]);
    expect(feed.items[0]!.persons).toEqual([
      { name: 'Ana', role: 'host', href: undefined, img: undefined },
      { name: 'Ben', role: 'host', href: undefined, img: undefined },
      { name: 'Cara', role: 'guest', href: undefined, img: 'https://img.example/c.jpg' },
    ]);
  });

  it('rounds itunes:duration to whole seconds and keeps soundbite fractions', () => {
    const { feed } = view([episode('a', { audio: { url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 1, duration: 90.6 }, quotes: [{ id: 'q', text: 'Hi', speaker: 'Ana', at: 12.25, duration: 15 }] })]);
    expect(feed.items[0]!.duration).toBe(91);
    expect(feed.items[0]!.soundbites).toEqual([{ startTime: '12.25', duration: '15', title: 'Hi' }]);
  });

  it('warns for each missing length, duration, artwork and owner e-mail, naming file and field', () => {
    const { warnings, feed } = view([episode('a', { audio: { url: 'https://cdn.example/a.mp3', type: 'audio/mpeg' } })], { ...config, image: undefined, email: undefined });
    expect(warnings.map(formatDiagnostic)).toEqual([
      'shownotes.config.yaml warning image: no show artwork: Apple Podcasts requires itunes:image (a 1400–3000 px JPEG or PNG)',
      'shownotes.config.yaml warning email: no owner e-mail: the feed has no itunes:owner, which Apple Podcasts uses to verify the show',
      'episodes/a.md warning audio.length: no size in bytes: the feed writes enclosure length="0", which Apple Podcasts may reject',
      'episodes/a.md warning audio.duration: no duration: the feed has no itunes:duration for this episode',
    ]);
    expect(feed.owner).toBeUndefined();
    expect(feed.items[0]!.enclosure).toEqual({ url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 0, known: false });
  });

  it('has no warnings for a complete show', () => {
    expect(view([episode('a')]).warnings).toEqual([]);
  });
});

describe('nestCategories', () => {
  it('groups subcategories under their parent in config order', () => {
    expect(nestCategories(['TV & Film > TV Reviews', 'Comedy', 'TV & Film', 'TV & Film > After Shows'])).toEqual([
      { text: 'TV & Film', subcategories: ['TV Reviews', 'After Shows'] },
      { text: 'Comedy', subcategories: [] },
    ]);
  });

  it('is empty for no categories', () => {
    expect(nestCategories([])).toEqual([]);
  });
});

describe('dates', () => {
  it('writes RFC 2822 for RSS and RFC 3339 for JSON Feed, in UTC', () => {
    const date = new Date('2020-10-14T07:00:00Z');
    expect(rfc2822(date)).toBe('Wed, 14 Oct 2020 07:00:00 GMT');
    expect(rfc3339(date)).toBe('2020-10-14T07:00:00Z');
    expect(rfc3339(new Date('2020-10-14T07:00:00.250Z'))).toBe('2020-10-14T07:00:00.250Z');
  });
});

describe('feedDescription', () => {
  const url = 'https://show.example/episodes/a/';

  it('keeps p, ol, ul, li and a (href only); other tags go, their text stays', () => {
    const html = '<h2 id="x">Head</h2>\n<p>Some <strong>bold</strong> and <a href="https://x.example/?a=1&amp;b=2" title="t">link</a>.<br>\nNext</p>\n<ol>\n<li><em>one</em></li>\n</ol>\n<blockquote>\n<p>quoted</p>\n</blockquote>';
    expect(feedDescription(html, url, 'fallback')).toBe(
      '<p>Head</p>\n<p>Some bold and <a href="https://x.example/?a=1&amp;b=2">link</a>.\nNext</p>\n<ol>\n<li>one</li>\n</ol>\n<p>quoted</p>',
    );
  });

  it('drops scripts with their content, comments, and links that are not http(s) or mailto', () => {
    const html = '<p>a<script>alert("x > y")</script>b<!-- note --> <a href="javascript:alert(1)">c</a> <a onclick="x()" href=\'mailto:me@x.example\'>d</a></p>';
    expect(feedDescription(html, url, 'fallback')).toBe('<p>ab c <a href="mailto:me@x.example">d</a></p>');
  });

  it('falls back to the given text, escaped, when the notes are empty', () => {
    expect(feedDescription('', url, 'Tom & Jerry')).toBe('<p>Tom &amp; Jerry</p>');
    expect(feedDescription('<script>x</script>', url, 'Only title')).toBe('<p>Only title</p>');
  });

  it('cuts one huge paragraph at a word within 4,000 bytes and links the full notes', () => {
    const words = Array.from({ length: 1200 }, (_, i) => `wörd${i}`).join(' ');
    const out = feedDescription(`<p>${words} &amp; more</p>`, url, 'x');
    expect(utf8Bytes(out)).toBeLessThanOrEqual(DESCRIPTION_MAX_BYTES);
    expect(out).toMatch(/^<p>wörd0 wörd1 .* wörd\d+…<\/p>\n<p><a href="https:\/\/show.example\/episodes\/a\/">Read the full notes<\/a><\/p>$/);
  });

  it('leaves notes of exactly 4,000 bytes whole', () => {
    const filler = 'x'.repeat(DESCRIPTION_MAX_BYTES - '<p></p>'.length);
    expect(feedDescription(`<p>${filler}</p>`, url, 'x')).toBe(`<p>${filler}</p>`);
    expect(feedDescription(`<p>${filler}y</p>`, url, 'x')).not.toContain('y</p>');
  });
});

describe('feedNotes', () => {
  it('removes active elements and comments, keeps the rest as written', () => {
    expect(feedNotes('<h2>Hi</h2>\n<p>a<script>b()</script><style>p{}</style><iframe src="x"></iframe><!-- c -->d</p>', 'https://show.example/e/')).toBe('<h2>Hi</h2>\n<p>ad</p>');
  });
});

describe('links in feed HTML', () => {
  const html = '<p><a href="../b/">prev</a> <a href="#quote-x" onclick="x()">q</a> <img src="/cover.png" onerror="x()"><a href="javascript:x">j</a> <img src="data:xx"></p>';
  const page = 'https://show.example/episodes/a/';

  it('are made absolute against the episode page, fragments kept; handlers and bad schemes go', () => {
    expect(feedNotes(html, page)).toBe(
      '<p><a href="https://show.example/episodes/b/">prev</a> <a href="https://show.example/episodes/a/#quote-x">q</a> <img src="https://show.example/cover.png" /><a>j</a> </p>',
    );
  });

  it('lose their tag in the description when the target cannot be kept, and images go', () => {
    expect(feedDescription(html, page, 'f')).toBe('<p><a href="https://show.example/episodes/b/">prev</a> <a href="https://show.example/episodes/a/#quote-x">q</a> j </p>');
  });
});

describe('cutAtWord', () => {
  it('returns short text as is and cuts long text at a space with …', () => {
    expect(cutAtWord('short text', 128)).toBe('short text');
    expect(cutAtWord('one two three four', 12)).toBe('one two…');
    expect(cutAtWord('abcdefghij', 5)).toBe('abcd…');
  });

  it('counts code points, so an emoji is one character', () => {
    expect(cutAtWord('🎬🎬🎬 🎬🎬', 6)).toBe('🎬🎬🎬 🎬🎬');
    expect(cutAtWord('🎬🎬🎬 🎬🎬', 5)).toBe('🎬🎬🎬…');
  });
});
