import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/articles/parse-feed.ts';
import { sharedDir } from '../shared-dir.ts';

const NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';

/** A minimal RSS 2.0 feed around one item snippet, so each test shows what it exercises. */
function rss(item: string, channel = '<title>Wire</title><link>https://wire.example/tv/</link>'): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}><channel>${channel}<item>${item}</item></channel></rss>`);
}

/** A minimal Atom 1.0 feed around one entry snippet. */
function atom(entry: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>` +
    `<link href="https://atom.example/"/><link rel="self" href="https://atom.example/feed.atom"/><entry>${entry}</entry></feed>`);
}

async function one(bytes: Buffer, name?: string) {
  const feed = await parseFeed(bytes, name ? { name, fallbackName: 'f.xml' } : { fallbackName: 'f.xml' });
  expect(feed.articles).toHaveLength(1);
  return feed.articles[0]!;
}

describe('RSS 2.0 items', () => {
  it('reads every field of a full item', async () => {
    const article = await one(rss(
      '<title>Jim &amp; Pam</title><link>/casino-night?utm_source=rss</link>' +
        '<pubDate>Sun, 02 Mar 2025 10:00:00 +0000</pubDate><dc:creator>Ana Writer</dc:creator>' +
        '<description>Short summary.</description>' +
        '<content:encoded><![CDATA[<p>The <b>full</b> story &ndash; with <a href="/more">more</a>.</p>]]></content:encoded>' +
        '<media:content url="https://img.example/kiss.jpg" medium="image"/>',
    ));
    expect(article).toEqual({
      url: 'https://wire.example/casino-night',
      title: 'Jim & Pam',
      source: 'Wire',
      published: new Date('2025-03-02T10:00:00Z'),
      author: 'Ana Writer',
      text: 'The full story – with more.',
      excerpt: 'The full story – with more.',
      html: '<p>The <b>full</b> story – with <a href="https://wire.example/more">more</a>.</p>',
      image: 'https://img.example/kiss.jpg',
    });
  });

  it('uses the description when there is no content:encoded, and the config name over the title', async () => {
    const article = await one(rss('<title>T</title><link>https://wire.example/a</link><description>&lt;p&gt;Desc&lt;/p&gt;</description>'), 'My Name');
    expect([article.html, article.text, article.source]).toEqual(['<p>Desc</p>', 'Desc', 'My Name']);
  });

  it('leaves an item without a date undated and one with a bad date too', async () => {
    expect((await one(rss('<title>T</title><link>https://wire.example/a</link>'))).published).toBeUndefined();
    expect((await one(rss('<title>T</title><link>https://wire.example/a</link><pubDate>soon</pubDate>'))).published).toBeUndefined();
  });

  it('reads the name from an RSS author e-mail and drops a bare address', async () => {
    expect((await one(rss('<link>https://wire.example/a</link><author>ana@wire.example (Ana Writer)</author>'))).author).toBe('Ana Writer');
    expect((await one(rss('<link>https://wire.example/a</link><author>ana@wire.example</author>'))).author).toBeUndefined();
  });

  it.each([
    ['<media:thumbnail url="https://img.example/t.jpg"/>', 'https://img.example/t.jpg'],
    ['<enclosure url="/e.png" type="image/png" length="1"/>', 'https://wire.example/e.png'],
    ['<enclosure url="https://cdn.example/a.mp3" type="audio/mpeg" length="1"/>', undefined],
    ['<media:content url="https://img.example/v.mp4" type="video/mp4"/><media:content url="https://img.example/p.jpg"/>', 'https://img.example/p.jpg'],
    ['<media:group><media:content url="https://img.example/g.jpg" medium="image"/></media:group>', 'https://img.example/g.jpg'],
    ['<itunes:image href="https://img.example/i.jpg"/>', 'https://img.example/i.jpg'],
    ['<media:thumbnail url="data:image/png;base64,AAAA"/>', undefined],
  ])('takes the image from %s', async (snippet, image) => {
    expect((await one(rss(`<link>https://wire.example/a</link>${snippet}`))).image).toBe(image);
  });

  it('uses a URL-shaped guid when there is no link, and skips items with no URL at all', async () => {
    const feed = await parseFeed(
      Buffer.from(`<rss version="2.0"><channel><title>G</title>` +
        `<item><title>A</title><guid>https://wire.example/by-guid</guid></item>` +
        `<item><title>B</title><guid isPermaLink="false">tag:wire,2025:1</guid></item>` +
        `<item><title>C</title><link>javascript:alert(1)</link></item></channel></rss>`),
      { fallbackName: 'g.xml' },
    );
    expect(feed.articles.map((a) => a.url)).toEqual(['https://wire.example/by-guid']);
    expect(feed.skipped).toBe(2);
  });

  it('titles an untitled item with the start of its text', async () => {
    expect((await one(rss('<link>https://wire.example/a</link><description>Only a body here.</description>'))).title).toBe('Only a body here.');
  });
});

describe('other formats', () => {
  it('reads RSS 0.91', async () => {
    const feed = await parseFeed(Buffer.from(
      '<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>' +
        '<item><title>First</title><link>http://old.example/1</link><description>One &amp; only.</description></item></channel></rss>',
    ), { fallbackName: 'x' });
    expect(feed.articles.map((a) => [a.title, a.url, a.text])).toEqual([['First', 'http://old.example/1', 'One & only.']]);
  });

  it('reads RSS 1.0 (RDF) with dc:date and dc:creator', async () => {
    const feed = await parseFeed(Buffer.from(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<channel rdf:about="http://rdf.example/"><title>RDF</title><link>http://rdf.example/</link></channel>' +
        '<item rdf:about="http://rdf.example/1"><title>R1</title><link>http://rdf.example/1</link>' +
        '<dc:date>2025-03-02T10:00:00+01:00</dc:date><dc:creator>Ray</dc:creator><description>Body</description></item></rdf:RDF>',
    ), { fallbackName: 'x' });
    expect(feed.articles.map((a) => [a.url, a.published?.toISOString(), a.author])).toEqual([
      ['http://rdf.example/1', '2025-03-02T09:00:00.000Z', 'Ray'],
    ]);
  });

  it('reads Atom html content, the alternate link, published date and author', async () => {
    const article = await one(atom(
      '<title type="html">A &amp;lt;b&amp;gt; title</title><link rel="edit" href="/edit/1"/><link rel="alternate" href="/post/1"/>' +
        '<published>2025-03-02T10:00:00Z</published><updated>2025-03-05T10:00:00Z</updated>' +
        '<author><name>Ann Atom</name></author><content type="html">&lt;p&gt;Hello &lt;i&gt;there&lt;/i&gt;&lt;/p&gt;</content>',
    ));
    expect(article).toMatchObject({
      url: 'https://atom.example/post/1',
      title: 'A <b> title',
      source: 'Atom Wire',
      published: new Date('2025-03-02T10:00:00Z'),
      author: 'Ann Atom',
      html: '<p>Hello <i>there</i></p>',
    });
  });

  it('keeps inline XHTML content in order', async () => {
    const article = await one(atom(
      '<title>X</title><link href="https://atom.example/x"/><updated>2025-03-02T10:00:00Z</updated>' +
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The <code>kiss</code> was in <em>one</em> take.</p></div></content>',
    ));
    expect(article.text).toBe('The kiss was in one take.');
    expect(article.html).toBe('<p>The <code>kiss</code> was in <em>one</em> take.</p>');
    expect(article.published).toEqual(new Date('2025-03-02T10:00:00Z'));
  });

  it('escapes Atom text content instead of reading it as HTML', async () => {
    const article = await one(atom('<title>T</title><link href="https://atom.example/t"/><summary type="text">1 &lt; 2 &amp; &lt;b&gt;</summary>'));
    expect(article.text).toBe('1 < 2 & <b>');
    expect(article.html).toBe('1 &lt; 2 &amp; &lt;b&gt;');
  });

  it('survives an Atom date rss-parser cannot read, leaving the entry undated', async () => {
    const article = await one(atom('<title>T</title><link href="https://atom.example/t"/><published>yesterday</published>'));
    expect(article.published).toBeUndefined();
  });
});

describe('encodings', () => {
  const latin1Title = Buffer.from([0x4e, 0x6f, 0x74, 0xed, 0x63, 0x69, 0x61, 0x73]); // "Notícias" in ISO-8859-1

  function withTitle(declaration: string, title: Buffer): Buffer {
    return Buffer.concat([
      Buffer.from(`${declaration}<rss version="2.0"><channel><title>`),
      title,
      Buffer.from('</title><item><link>https://x.example/1</link></item></channel></rss>'),
    ]);
  }

  it('decodes by the XML declaration', async () => {
    const feed = await parseFeed(withTitle('<?xml version="1.0" encoding="ISO-8859-1"?>', latin1Title), { fallbackName: 'x' });
    expect([feed.title, feed.encoding]).toEqual(['Notícias', 'iso-8859-1']);
  });

  it('reads undeclared bytes that are not UTF-8 as windows-1252', async () => {
    const feed = await parseFeed(withTitle('', latin1Title), { fallbackName: 'x' });
    expect([feed.title, feed.encoding]).toEqual(['Notícias', 'windows-1252']);
  });

  it('decodes UTF-16 by its byte-order mark', async () => {
    const text = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Ünïcode</title><item><link>https://x.example/1</link></item></channel></rss>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect((await parseFeed(le, { fallbackName: 'x' })).title).toBe('Ünïcode');
    expect((await parseFeed(be, { fallbackName: 'x' })).title).toBe('Ünïcode');
  });

  it('falls back to UTF-8 for an unknown label', async () => {
    const feed = await parseFeed(withTitle('<?xml version="1.0" encoding="bogus"?>', Buffer.from('Ok ✓')), { fallbackName: 'x' });
    expect([feed.title, feed.encoding]).toEqual(['Ok ✓', 'utf-8']);
  });
});

describe('broken feeds fail with a cause', () => {
  it.each([
    ['', 'the feed is empty'],
    ['  \n ', 'the feed is empty'],
    ['<!-- only a comment -->', 'the feed has no root element: not XML'],
    ['just text', 'the feed has no root element: not XML'],
    ['<!DOCTYPE html><html><body>Hi</body></html>', 'not a feed: an HTML page'],
    ['<opml version="2.0"><body/></opml>', 'not an RSS or Atom feed (the root element is <opml>)'],
    ['<rss version="2.0"></rss>', 'not a usable feed: <rss> has no <channel>'],
    ['<rss version="2.0"><channel><title>x</title></chanel></rss>', 'not well-formed XML: Unexpected close tag (line 1, column 53)'],
  ])('%j', async (xml, cause) => {
    await expect(parseFeed(Buffer.from(xml), { fallbackName: 'x' })).rejects.toThrow(cause);
  });

  it('names a gzip body that was never decompressed', async () => {
    await expect(parseFeed(gzipSync(rss('<link>https://x.example/</link>')), { fallbackName: 'x' })).rejects.toThrow(
      'the body is gzip-compressed data, not XML',
    );
  });

  it('never expands external or nested entities from a DOCTYPE', async () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">' +
      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>T &xxe; &b;</title>' +
      '<item><link>https://x.example/1</link></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { fallbackName: 'x' });
    expect(feed.title).toBe('T &xxe; &b;');
  });

  it('mends a stray ampersand and an HTML entity instead of losing the feed', async () => {
    const article = await one(rss('<title>Tom & Jerry&nbsp;live</title><link>https://wire.example/a?x=1&y=2</link>'));
    expect([article.title, article.url]).toEqual(['Tom & Jerry live', 'https://wire.example/a?x=1&y=2']);
  });

  it('reports a broken feed the same way whatever feed was read before it', async () => {
    // rss-parser's one xml2js parser, left half reset by an ill-formed feed, used to turn the
    // next feed's "Unclosed root tag" into "Unable to parse XML": feeds read concurrently then
    // got messages that depended on their order.
    const broken = path.join(sharedDir, 'fixtures/real-feeds/broken');
    const bozo = await readFile(path.join(broken, 'kurtmckee-feedparser_bozo_invalid-bytes-with-bom.xml'));
    const illFormed = await readFile(path.join(broken, 'kurtmckee-feedparser_aaa_illformed.xml'));
    const message = (bytes: Buffer) => parseFeed(bytes, { fallbackName: 'feed' }).then(() => 'parsed', (error: Error) => error.message);
    const messages = [await message(bozo), await message(bozo), await message(illFormed), await message(bozo)];
    expect(messages).toEqual([
      'not well-formed XML: Unclosed root tag (line 11, column 0)',
      'not well-formed XML: Unclosed root tag (line 11, column 0)',
      'not well-formed XML: Unclosed root tag (line 6, column 5)',
      'not well-formed XML: Unclosed root tag (line 11, column 0)',
    ]);
  });
});
