import type Parser from 'rss-parser';
import type { Article } from './article.ts';
import { decodeFeedBytes } from './decode-feed-bytes.ts';
import { FeedError } from './feed-error.ts';
import { feedItemToArticle, textOf, type FeedItem } from './feed-item-to-article.ts';
import { htmlToText, stripUnsafeChars } from './html-to-text.ts';
import { inlineXhtmlContent } from './inline-xhtml-content.ts';
import { normalizeArticleUrl } from './normalize-article-url.ts';
import { loadOnFirstUse } from '../load-on-first-use.ts';

/** What one feed gave: its own title and link, its articles, and how many items had no link. */
export interface ParsedFeed {
  title?: string;
  link?: string;
  articles: Article[];
  /** Items dropped because they had no http(s) link. */
  skipped: number;
  /** The encoding the bytes were read with. */
  encoding: string;
}

/** How to read one feed's bytes. */
export interface ParseFeedOptions {
  /** The HTTP Content-Type, when fetched. */
  contentType?: string;
  /** The feed's own absolute URL, when fetched: the base for relative links. */
  url?: string;
  /** The display name from the config; else the feed's title, else `fallbackName`. */
  name?: string;
  fallbackName: string;
}

/**
 * rss-parser throws on an Atom date it cannot read (`new Date(x).toISOString()`), losing the
 * whole feed; renaming the two elements keeps them away from it, and we read them ourselves.
 */
// Loaded by the first feed parsed: most builds parse none on the main thread (the feeds are read
// on a worker, and unchanged ones come from the parse cache).
const loadRssParser = loadOnFirstUse<typeof Parser>('rss-parser');

const ATOM_DATES: Record<string, string> = { published: 'x-published', updated: 'x-updated' };

/**
 * A new parser for every feed: rss-parser keeps one xml2js parser, and after a feed with an
 * XML error that parser is left half reset (its next sax parser already marked ended), so the
 * next broken feed it reads throws a different error. With feeds read concurrently, the
 * message for a broken feed then depended on which feed happened to come before it.
 */
const newParser = () => new (loadRssParser())<Record<string, unknown>, FeedItem>({
  // `<rss>` without a version attribute is read as RSS 2.0, like most readers do.
  defaultRSS: 2,
  xml2js: { tagNameProcessors: [(name: string) => ATOM_DATES[name] ?? name] },
  customFields: {
    item: [
      ['x-published', 'published'],
      ['x-updated', 'updated'],
      ['content', 'atomContent', { keepArray: true }],
      ['summary', 'atomSummary', { keepArray: true }],
      ['media:content', 'media:content', { keepArray: true }],
      ['media:thumbnail', 'media:thumbnail', { keepArray: true }],
      ['media:group', 'media:group', { keepArray: true }],
      ['itunes:image', 'itunes:image', { keepArray: true }],
      ['link', 'atomLinks', { keepArray: true }],
    ],
  },
});

/**
 * Reads one RSS 0.9x/1.0/2.0 or Atom 1.0 feed from its bytes into articles. Pure apart from
 * being asynchronous (the parser's API). Throws a FeedError with a cause a user can act on.
 */
export async function parseFeed(bytes: Uint8Array, options: ParseFeedOptions): Promise<ParsedFeed> {
  const { text, encoding } = decodeFeedBytes(bytes, options.contentType);
  const xml = text.replace(/^[\s\uFEFF]+/, '');
  if (xml === '') throw new FeedError('the feed is empty');
  const root = rootElement(xml);
  if (root === undefined) throw new FeedError('the feed has no root element: not XML');
  if (/^html$/i.test(root)) throw new FeedError('not a feed: an HTML page');
  const feed = await parseXml(inlineXhtmlContent(xml), root);
  const feedLink = normalizeArticleUrl(textOf(feed.link), options.url);
  const base = feedLink ?? options.url;
  const title = htmlToText(textOf(feed.title) ?? '') || undefined;
  const source = options.name ?? title ?? options.fallbackName;
  const articles: Article[] = [];
  let skipped = 0;
  for (const item of feed.items ?? []) {
    const article = feedItemToArticle(item, base ? { source, base } : { source });
    if (article) articles.push(article);
    else skipped++;
  }
  const parsed: ParsedFeed = { articles, skipped, encoding };
  if (title) parsed.title = title;
  if (feedLink) parsed.link = feedLink;
  return parsed;
}

type ParserOutput = Awaited<ReturnType<ReturnType<typeof newParser>['parseString']>>;

/**
 * Parses strictly first; on a well-formedness error, once more after `repairXml`.
 */
async function parseXml(xml: string, root: string): Promise<ParserOutput> {
  try {
    return await parseWith(xml, root);
  } catch (error) {
    const repaired = repairXml(xml);
    if (repaired === xml || !(error instanceof FeedError) || !error.message.startsWith('not well-formed')) throw error;
    try {
      return await parseWith(repaired, root);
    } catch {
      throw error;
    }
  }
}

/**
 * Mends the two faults most common in real feeds: a stray `&` (in a link, or an HTML entity like
 * `&nbsp;` that XML lacks; escaped, it reaches the HTML layer intact) and control characters,
 * raw or as character references, which XML 1.0 forbids.
 */
function repairXml(xml: string): string {
  return stripUnsafeChars(xml)
    .replace(/&#(?:x0*(?:[0-8bcef]|1[0-9a-f])|0*(?:[0-8]|1[124-9]|2\d|3[01]));/gi, '')
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;');
}

async function parseWith(xml: string, root: string): Promise<ParserOutput> {
  let feed: ParserOutput;
  try {
    feed = await newParser().parseString(xml);
  } catch (error) {
    throw new FeedError(describeParseError(error, root), { cause: error });
  }
  return feed;
}

/** Turns the parser's messages into causes a user can act on. */
function describeParseError(error: unknown, root: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/not recognized as RSS/i.test(message)) {
    return `not an RSS or Atom feed (the root element is <${root}>)`;
  }
  const sax = /^(.*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (sax) return `not well-formed XML: ${sax[1]} (line ${Number(sax[2]) + 1}, column ${sax[3]})`;
  if (/Unable to parse XML/i.test(message)) return 'not well-formed XML: no document element';
  // rss-parser trips over a missing <channel> with a TypeError; say what is missing instead.
  if (error instanceof TypeError) return `not a usable feed: <${root}> has no <channel>`;
  return `cannot read the feed: ${message}`;
}

/** The first element's name, skipping the declaration, comments, PIs and a DOCTYPE. */
function rootElement(xml: string): string | undefined {
  const rest = xml.replace(/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*/, '');
  const afterDoctype = rest.replace(/^<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*/i, '');
  const cleaned = afterDoctype.replace(/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*/, '');
  return /^<([A-Za-z_][\w:.-]*)/.exec(cleaned)?.[1];
}
