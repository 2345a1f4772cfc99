import type { Article } from './article.ts';
import { htmlToText, makeExcerpt, normalizeSpace } from './html-to-text.ts';
import { defineLazyHtml } from './lazy-article-html.ts';
import { normalizeArticleUrl } from './normalize-article-url.ts';
import { parseFeedDate } from './parse-feed-date.ts';

/** One item as rss-parser returns it (plus our custom fields): loosely typed, read with guards. */
export type FeedItem = Record<string, unknown>;

/** What an item needs from its feed. */
export interface FeedContext {
  /** Display name of the feed. */
  source: string;
  /** Absolute URL relative links are resolved against: the feed's link, else its own URL. */
  base?: string;
}

/**
 * Builds one article from a parsed feed item, or undefined when the item has no http(s) link
 * (an article's URL is its identity). Pure: all text is plain, all HTML sanitized.
 */
export function feedItemToArticle(item: FeedItem, context: FeedContext): Article | undefined {
  const url = articleUrl(item, context.base);
  if (!url) return undefined;
  const { html: bodyHtml, text } = bodyOf(item);
  const title = htmlToText(textOf(item.title) ?? '') || makeExcerpt(text, 80) || url;
  const article = {
    url,
    title,
    source: context.source,
    text,
    excerpt: makeExcerpt(text),
  } as Article;
  defineLazyHtml(article, bodyHtml);
  const published = parseFeedDate(
    textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.published) ?? textOf(item.updated),
  );
  if (published) article.published = published;
  const author = authorOf(item);
  if (author) article.author = author;
  const image = imageOf(item, url);
  if (image) article.image = image;
  return article;
}

/** The item's link; an RSS 1.0 `rdf:about` or a URL-shaped guid only when there is no link. */
function articleUrl(item: FeedItem, base: string | undefined): string | undefined {
  const guid = textOf(item.guid);
  const candidates = [textOf(item.link), textOf(item['rdf:about']), guid && /^\s*https?:\/\//i.test(guid) ? guid : undefined];
  for (const candidate of candidates) {
    const url = normalizeArticleUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

/** The fullest body and its text: content:encoded, then Atom content or RSS description, then summary. */
function bodyOf(item: FeedItem): { html: string; text: string } {
  const candidates = [
    textOf(item['content:encoded']),
    atomBody(item.atomContent) ?? textOf(item.content),
    atomBody(item.atomSummary) ?? textOf(item.summary),
  ];
  for (const html of candidates) {
    if (html === undefined) continue;
    const text = htmlToText(html);
    if (text !== '') return { html, text };
  }
  return { html: '', text: '' };
}

/**
 * An Atom `content`/`summary` as HTML (RFC 4287 §4.1.3): `type="text"` is escaped so that a
 * literal "<" stays text; html and xhtml come through (xhtml is rebuilt by rss-parser).
 */
function atomBody(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value[0] as unknown) : undefined;
  if (!isRecord(first)) return undefined;
  const type = isRecord(first.$) && typeof first.$.type === 'string' ? first.$.type : '';
  if (type !== 'text' || typeof first._ !== 'string') return undefined;
  return first._.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function authorOf(item: FeedItem): string | undefined {
  const raw = textOf(item.creator) ?? textOf(item['dc:creator']) ?? textOf(item.author);
  if (!raw) return undefined;
  // RSS 2.0 <author> is an e-mail address, often followed by the name in parentheses.
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(raw.trim())?.[1] ?? raw;
  const name = htmlToText(named);
  return name && !/^\S+@\S+$/.test(name) ? name : undefined;
}

/** The item's picture: media:content, media:thumbnail, an image enclosure, then itunes:image. */
function imageOf(item: FeedItem, base: string): string | undefined {
  const candidates: string[] = [];
  const groups = listOf(item['media:group']).flatMap((group) =>
    isRecord(group) ? listOf(group['media:content']) : [],
  );
  for (const media of [...listOf(item['media:content']), ...groups]) {
    const attrs = attrsOf(media);
    const medium = attrs.medium ?? '';
    const type = attrs.type ?? '';
    const url = attrs.url ?? '';
    const looksImage = medium === 'image' || type.startsWith('image/') ||
      (!medium && !type && /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(url));
    if (looksImage && url) candidates.push(url);
  }
  for (const thumb of listOf(item['media:thumbnail'])) {
    const url = attrsOf(thumb).url;
    if (url) candidates.push(url);
  }
  const enclosure = item.enclosure;
  if (isRecord(enclosure) && typeof enclosure.url === 'string' &&
    typeof enclosure.type === 'string' && enclosure.type.startsWith('image/')) {
    candidates.push(enclosure.url);
  }
  // Atom's enclosure link (RFC 4287 §4.2.7.2), when it points at an image.
  for (const link of listOf(item.atomLinks)) {
    const attrs = attrsOf(link);
    if (attrs.rel === 'enclosure' && attrs.href && (attrs.type ?? '').startsWith('image/')) candidates.push(attrs.href);
  }
  for (const image of listOf(item['itunes:image'])) {
    const href = attrsOf(image).href;
    if (href) candidates.push(href);
  }
  for (const candidate of candidates) {
    const url = normalizeArticleUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

/**
 * The text of a parsed XML value: a string, xml2js's `{ _: text, $: attrs }`, or the first of
 * a list. Elements with only attributes or children (no text) give undefined.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return isBlank(value) ? undefined : value;
  if (Array.isArray(value)) return textOf(value[0]);
  if (isRecord(value) && typeof value._ === 'string') return textOf(value._);
  return undefined;
}

/** A character that neither `stripUnsafeChars` nor `normalizeSpace` removes. */
const VISIBLE = /[^\s\u00A0\u2000-\u200B\u202F\u205F\u3000\u0000-\u001F\u007F\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Whether `normalizeSpace(value)` would be empty. Bodies are long and almost never blank: one
 * visible character settles it without normalising the whole body (which the profile showed
 * costing more than the HTML parse); only the rare rest takes the full route.
 */
function isBlank(value: string): boolean {
  return !VISIBLE.test(value) && normalizeSpace(value) === '';
}

function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function attrsOf(value: unknown): Record<string, string | undefined> {
  if (!isRecord(value) || !isRecord(value.$)) return {};
  const attrs: Record<string, string | undefined> = {};
  for (const [key, attr] of Object.entries(value.$)) if (typeof attr === 'string') attrs[key] = attr;
  return attrs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
