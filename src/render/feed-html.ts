import type sanitizeHtmlModule from 'sanitize-html';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { cutAtWord, utf8Bytes } from './cut-at-word.ts';
import { escapeXml } from './helpers.ts';

// Loaded when the first feed item is rendered: a rebuild that reuses every item never needs it.
const loadSanitizeHtml = loadOnFirstUse<typeof sanitizeHtmlModule>('sanitize-html');

/** Apple Podcasts reads at most this many bytes of an item's `description`. */
export const DESCRIPTION_MAX_BYTES = 4000;

/** Elements whose content is code or markup, not text a listener should read. */
const NON_TEXT = ['script', 'style', 'template', 'noscript', 'textarea', 'option', 'title', 'head'];

/** The only tags Apple allows in a description (Apple Podcasts RSS guide, `<description>`). */
const DESCRIPTION_TAGS = ['p', 'ol', 'ul', 'li', 'a'];
/** Headings and preformatted blocks become paragraphs, so their text keeps its own line. */
const AS_PARAGRAPH = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre'];

/**
 * The notes for `content:encoded` and `content_html`: the page's HTML through an allowlist
 * (text structure, links, images; no script, iframe, style or event handler), with relative
 * links made absolute against the episode page, since an app shows them far from the site.
 */
export function feedNotes(notesHtml: string, pageUrl: string): string {
  const sanitizeHtml = loadSanitizeHtml();
  return sanitizeHtml(notesHtml, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], time: ['datetime'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: absolute(attribs, 'href', pageUrl) }),
      img: (tagName, attribs) => ({ tagName, attribs: absolute(attribs, 'src', pageUrl) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
}

/**
 * An item's `description`: the notes reduced to the tags Apple allows (`p, ol, ul, li, a`),
 * cut to Apple's 4,000 bytes at a block boundary with a link to the full notes when longer,
 * and never empty (the fallback text stands in for empty notes).
 */
export function feedDescription(notesHtml: string, pageUrl: string, fallbackText: string, reduced?: string): string {
  const blocks = topLevelBlocks(tidied(reduced ?? reduceTags(notesHtml, pageUrl)));
  const whole = blocks.join('\n');
  if (!whole) return `<p>${escapeXml(fallbackText)}</p>`;
  if (utf8Bytes(whole) <= DESCRIPTION_MAX_BYTES) return whole;

  const more = `<p><a href="${escapeXml(pageUrl)}">Read the full notes</a></p>`;
  const budget = DESCRIPTION_MAX_BYTES - utf8Bytes(more) - 1;
  const kept: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const size = utf8Bytes(block) + (kept.length ? 1 : 0);
    if (used + size > budget) break;
    kept.push(block);
    used += size;
  }
  // The first block alone is too long: keep its text, cut at a word (entities hold no space).
  if (!kept.length) kept.push(`<p>${cutAtWord(textOf(blocks[0]!), budget - '<p></p>'.length, utf8Bytes).replace(/&[^;\s]*…$/, '…')}</p>`);
  return [...kept, more].join('\n');
}

/**
 * Keeps Apple's tags (links with an http(s)/mailto `href` only); other tags go, their text stays.
 * `FeedNotes.description` is this, made from the Markdown instead (`episodes/feed-notes.ts`).
 */
function reduceTags(html: string, pageUrl: string): string {
  const paragraph = Object.fromEntries(AS_PARAGRAPH.map((tag) => [tag, 'p']));
  return loadSanitizeHtml()(html, {
    allowedTags: DESCRIPTION_TAGS,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT,
    transformTags: {
      ...paragraph,
      a: (tagName, attribs) => ({ tagName, attribs: absolute(attribs, 'href', pageUrl) }),
    },
  });
}

/** Reduced notes without links whose target could not be kept (their text stays) and empty paragraphs. */
function tidied(reduced: string): string {
  return reduced
    .replace(/<a>([\s\S]*?)<\/a>/g, '$1')
    .replace(/<p>\s*<\/p>/g, '')
    .trim();
}

/** Resolves a URL attribute against the page; anything but http(s) or mailto is dropped. */
function absolute(attribs: sanitizeHtmlModule.Attributes, name: string, pageUrl: string): sanitizeHtmlModule.Attributes {
  const { [name]: raw, ...rest } = attribs;
  if (raw === undefined) return rest;
  try {
    const url = new URL(raw.trim(), pageUrl);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? { ...rest, [name]: url.href } : rest;
  } catch {
    return rest;
  }
}

/** Splits reduced HTML into its top-level blocks (`<p>`, `<ul>`, `<ol>`, or bare text runs). */
function topLevelBlocks(html: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  const pattern = /<(\/?)(p|ol|ul)>/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(html))) {
    if (!m[1]) {
      if (depth === 0) {
        pushText(blocks, html.slice(start, m.index));
        start = m.index;
      }
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) {
        blocks.push(html.slice(start, pattern.lastIndex).trim());
        start = pattern.lastIndex;
      }
    }
  }
  pushText(blocks, html.slice(start));
  return blocks;
}

function pushText(blocks: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed) blocks.push(`<p>${trimmed}</p>`);
}

function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}
