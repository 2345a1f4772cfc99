import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles, type ArticleLoadResult } from '../../src/articles/load-articles.ts';
import { parseFeed } from '../../src/articles/parse-feed.ts';
import { silentLogger } from '../../src/logger.ts';
import { sharedDir } from '../shared-dir.ts';
import { readFile } from 'node:fs/promises';

/** The real-world corpus (shared/fixtures/real-feeds/SOURCES.md): every file, as local feeds. */
const corpus = path.join(sharedDir, 'fixtures', 'real-feeds');
const files = ['news', 'podcasts', 'broken'].flatMap((folder) =>
  readdirSync(path.join(corpus, folder)).sort().map((file) => `${folder}/${file}`),
);

/** Articles per feed that reads; a feed missing here must fail with the cause in CAUSES. */
const COUNTS: Record<string, number> = {
  'news/kurtmckee-feedparser_large_atom_feed_that_needs_css_sanitisation.xml': 15,
  'news/node-feedparser_category-feed.xml': 1,
  'news/node-feedparser_iconv.xml': 10,
  'news/node-feedparser_intertwingly.atom': 20,
  'news/node-feedparser_mediacontent-dupes.xml': 1,
  'news/node-feedparser_non-text-alternate-links.xml': 1,
  'news/node-feedparser_tpm.atom': 20,
  'news/node-feedparser_wapowellness.xml': 29,
  'news/rss-parser_atom-customfields.atom': 15,
  'news/rss-parser_content-encoded.rss': 7,
  'news/rss-parser_craigslist.rss': 25,
  'news/rss-parser_customfields.rss': 15,
  'news/rss-parser_encoding.rss': 40,
  'news/rss-parser_feedburner.atom': 25,
  'news/rss-parser_guardian.rss': 55,
  'news/rss-parser_gulp-atom.atom': 10,
  'news/rss-parser_heise.atom': 15,
  'news/rss-parser_heraldsun.rss': 2,
  'news/rss-parser_itunes-href.rss': 10,
  'news/rss-parser_reddit-home.rss': 24,
  'news/rss-parser_rss-1.rss': 69,
  'podcasts/partytime_SOM.xml': 2,
  'podcasts/partytime_animated-no-agenda.xml': 20,
  'podcasts/partytime_changing-the-tide.xml': 0,
  'podcasts/partytime_dk-podcast.xml': 59,
  'podcasts/partytime_example.xml': 3,
  'podcasts/partytime_homegrown-hits.xml': 0,
  'podcasts/partytime_launched.xml': 36,
  'podcasts/partytime_natube-test.xml': 15,
  'podcasts/partytime_pc20rss.xml': 56,
  'podcasts/partytime_podverse-test-feed.xml': 1,
  'podcasts/partytime_publisher.xml': 0,
  'podcasts/partytime_themnshow.xml': 54,
  'podcasts/rss-parser_item-itunes-episodeType.rss': 1,
  'podcasts/rss-parser_narro.rss': 1,
  'broken/kurtmckee-feedparser_always_strip_doctype.xml': 0,
  'broken/kurtmckee-feedparser_chardet-koi8r.xml': 0,
  'broken/kurtmckee-feedparser_http_high_bit_date.xml': 0,
  'broken/kurtmckee-feedparser_item_content_encoded_script.xml': 0,
  'broken/kurtmckee-feedparser_undeclared_namespace.xml': 0,
  'broken/node-feedparser_guid-dupes.xml': 1,
  'broken/node-feedparser_illegally-nested.xml': 10,
  'broken/node-feedparser_rss-with-trailing-meta.xml': 1,
  'broken/node-feedparser_saxerror.xml': 3,
  'broken/partytime_empty.xml': 0,
  'broken/rss-parser_itunes-keywords-array.rss': 1,
  'broken/rss-parser_itunes-keywords-astext.rss': 32,
  'broken/rss-parser_itunes-missing-image.rss': 131,
  'broken/rss-parser_uolNoticias.rss': 15,
};

/** The warning each feed gives, exactly. */
const WARNINGS: Record<string, string> = {
  'podcasts/partytime_changing-the-tide.xml': 'feed "Changing the Tide": none of its 15 items has an http(s) link, so it gives no articles',
  'podcasts/partytime_homegrown-hits.xml': 'feed "Homegrown Hits": none of its 4 items has an http(s) link, so it gives no articles',
  'broken/kurtmckee-feedparser_aaa_illformed.xml': 'not well-formed XML: Unclosed root tag (line 6, column 5); the feed is left out',
  'broken/kurtmckee-feedparser_bozo_bogus_encoding.xml': 'not a usable feed: <rss> has no <channel>; the feed is left out',
  'broken/kurtmckee-feedparser_bozo_invalid-bytes-with-bom.xml': 'not well-formed XML: Unclosed root tag (line 11, column 0); the feed is left out',
  'broken/kurtmckee-feedparser_chardet-koi8r.xml': 'none of its 1 items has an http(s) link, so it gives no articles',
  'broken/kurtmckee-feedparser_item_content_encoded_script.xml': 'none of its 1 items has an http(s) link, so it gives no articles',
  'broken/kurtmckee-feedparser_rss_empty_document.xml': 'the feed has no root element: not XML; the feed is left out',
  'broken/kurtmckee-feedparser_rss_incomplete_cdata.xml': 'not well-formed XML: Unclosed root tag (line 14, column 0); the feed is left out',
  // Decoded from UTF-16 by its BOM: the document is read, it is just an empty <rss>.
  'broken/kurtmckee-feedparser_utf-16le-bom.xml': 'not a usable feed: <rss> has no <channel>; the feed is left out',
  'broken/node-feedparser_compressed.xml': 'the body is gzip-compressed data, not XML; the feed is left out',
  'broken/node-feedparser_notafeed.html': 'not a feed: an HTML page; the feed is left out',
  'broken/rss-parser_unrecognized.rss': 'not an RSS or Atom feed (the root element is <head>); the feed is left out',
};

let result: ArticleLoadResult;
const byFeed = new Map<string, Article[]>();

beforeAll(async () => {
  result = await loadArticles(files.map((location) => ({ location })), {
    root: corpus,
    offline: false,
    refreshSeconds: 3600,
    logger: silentLogger,
  });
  // Per-feed articles before merging, for spot checks.
  for (const file of files) {
    try {
      const feed = await parseFeed(await readFile(path.join(corpus, file)), { fallbackName: file });
      byFeed.set(file, feed.articles);
    } catch {
      byFeed.set(file, []);
    }
  }
});

describe('every real-world feed', () => {
  it('is read without throwing, one report per file', () => {
    expect(files).toHaveLength(58);
    expect(result.feeds.map((f) => f.source)).toEqual(files);
  });

  it('gives the expected number of articles, or fails with a warning', () => {
    const counts = Object.fromEntries(result.feeds.filter((f) => f.status === 'local').map((f) => [f.source, f.articles]));
    expect(counts).toEqual(COUNTS);
    const failed = result.feeds.filter((f) => f.status === 'failed').map((f) => f.source);
    expect(failed.sort()).toEqual(files.filter((f) => !(f in COUNTS)).sort());
  });

  it('warns exactly for the broken ones, naming the file, field and cause', () => {
    const warnings = Object.fromEntries(result.warnings.map((w) => [w.file, w.message]));
    expect(warnings).toEqual(WARNINGS);
    for (const warning of result.warnings) {
      expect(warning.severity).toBe('warning');
      expect(warning.field).toBe(`articles.feeds[${files.indexOf(warning.file)}]`);
    }
  });

  it('gives only clean articles: http(s) URLs without tracking, safe HTML, plain titles', () => {
    expect(result.articles.length).toBeGreaterThan(700);
    for (const article of result.articles) {
      expect(article.url).toMatch(/^https?:\/\/[^\s]+$/);
      expect(article.url).not.toMatch(/[?&](utm_[a-z]+|fbclid|gclid)=/i);
      expect(article.html).not.toMatch(/<(script|style|iframe|object|embed|form)\b/i);
      expect(article.html).not.toMatch(/\son[a-z]+\s*=|javascript:|data:/i);
      expect(article.title).not.toMatch(/<[a-z][^>]*>/i);
      expect(article.title).not.toBe('');
      expect(article.excerpt.length).toBeLessThanOrEqual(301);
      expect(article.text).not.toMatch(/\s{2}/);
      expect(article.published === undefined || !Number.isNaN(article.published.getTime())).toBe(true);
    }
  });

  it('merges duplicate URLs and sorts by URL', () => {
    const urls = result.articles.map((a) => a.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect([...urls].sort()).toEqual(urls);
    // Taverncast links all 131 episodes to its home page: one article.
    expect(urls.filter((u) => u === 'http://taverncast.com/')).toHaveLength(1);
  });
});

describe('spot checks', () => {
  it('the Guardian: 55 items with author, date and media:content image', () => {
    const articles = byFeed.get('news/rss-parser_guardian.rss')!;
    expect(articles).toHaveLength(55);
    expect(articles[0]).toMatchObject({
      url: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      title: 'Trump State of the Union address promised unity but emphasized discord',
      source: 'The Guardian',
      author: 'David Smith in Washington',
      published: new Date('2018-01-31T07:26:05Z'),
    });
    expect(articles[0]?.image).toMatch(/^https:\/\/i\.guim\.co\.uk\/img\/media\/b73c8752/);
    expect(articles.filter((a) => a.image).length).toBe(55);
  });

  it('Jornal de Notícias: ISO-8859-1 decoded', () => {
    const [first] = byFeed.get('news/rss-parser_encoding.rss')!;
    expect(first?.source).toBe('Jornal de Notícias - Últimas Notícias');
    expect(first?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
    expect(first?.text.startsWith('Sónia Laygue, profissional na área')).toBe(true);
  });

  it('oren.ru: windows-1251 decoded', () => {
    const [first] = byFeed.get('news/node-feedparser_iconv.xml')!;
    expect(first?.source).toBe('Новости Оренбурга и области / Раздел Новости');
    expect(first?.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
    expect(first?.image).toBe('http://www.oren.ru/upload/iblock/be8/stroitelstvo_krany.jpg');
  });

  it('UOL: Latin-1 without a declaration and <rss> without a version', () => {
    const articles = byFeed.get('broken/rss-parser_uolNoticias.rss')!;
    expect(articles[0]?.text.startsWith('Líder na pesquisa Ibope')).toBe(true);
  });

  it('Sam Ruby: Atom inline XHTML keeps its order', () => {
    const [first] = byFeed.get('news/node-feedparser_intertwingly.atom')!;
    expect(first?.text.startsWith('The interface is a bit low level, but workable:')).toBe(true);
    expect(first?.html.startsWith('<p>The <a href="http://people.gnome.org/~mccann/gnome-session/docs/gnome-session.html">interface</a> is a bit')).toBe(true);
  });

  it('craigslist and Science: RSS 1.0 (RDF)', () => {
    expect(byFeed.get('news/rss-parser_craigslist.rss')?.[0]?.url).toBe('http://sfbay.craigslist.org/eby/apa/6186664607.html');
    expect(byFeed.get('news/rss-parser_rss-1.rss')).toHaveLength(69);
  });

  it('Transfermarkt: fields padded with newlines are trimmed', () => {
    const [first] = byFeed.get('news/rss-parser_itunes-href.rss')!;
    expect(first?.title).toBe('Manager bewertet Transfers | Eberl lobt BVB für Pulisic-Deal – Hudson-Odoi kostet „fast so viel wie mein Kader“');
    expect(first?.published).toEqual(new Date('2019-01-07T16:19:19Z'));
  });

  it('saxerror: the unescaped & is mended and all three items are kept', () => {
    expect(byFeed.get('broken/node-feedparser_saxerror.xml')?.map((a) => a.url)).toEqual([
      'http://example.com/good',
      'http://example.com/bad?foo=1&bar=2',
      'http://example.com/after',
    ]);
  });

  it('a DOCTYPE with an external DTD is not fetched, and the title is read', () => {
    expect(result.feeds.find((f) => f.source === 'broken/kurtmckee-feedparser_always_strip_doctype.xml')?.name).toBe('found');
  });

  it('reddit: an Atom document named .rss is read as Atom', () => {
    expect(byFeed.get('news/rss-parser_reddit-home.rss')?.[0]?.author).toBe('/u/AngryRedditorsBelow');
  });
});
