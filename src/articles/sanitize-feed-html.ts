import type sanitizeHtmlModule from 'sanitize-html';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { normalizeArticleUrl } from './normalize-article-url.ts';
import { stripUnsafeChars } from './html-to-text.ts';

/** What may reach a page from a feed: text structure, links and images, nothing that runs. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark',
  'ol', 'p', 'pre', 'q', 's', 'small', 'sub', 'sup', 'strong', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul',
];

/**
 * Reduces feed HTML to an allowlist (SPEC §7): no script, style, iframe, object, embed or form,
 * no event-handler or style attributes, links only to http(s) or mailto and images only from
 * http(s), relative URLs made absolute against `base`. Attribute values are entity-decoded by the
 * parser before the scheme check, so `&#106;avascript:` is caught like `javascript:`.
 */
export function sanitizeFeedHtml(html: string, base?: string): string {
  const clean = loadSanitizeHtml()(stripUnsafeChars(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      abbr: ['title'],
      time: ['datetime'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    // The text of dropped elements stays, except where it is code or markup, not prose.
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, 'href', base, true) }),
      img: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, 'src', base, false) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
  return clean.trim();
}

// Loaded on the first article body read: a build reads none (matching uses the text) and the
// feed workers never do, so neither pays for loading it and its CSS parser.
const loadSanitizeHtml = loadOnFirstUse<typeof sanitizeHtmlModule>('sanitize-html');

/** Resolves a link attribute against the article; anything not http(s) (or mailto for links) goes. */
function withAbsolute(
  attribs: sanitizeHtmlModule.Attributes,
  name: string,
  base: string | undefined,
  mailto: boolean,
): sanitizeHtmlModule.Attributes {
  const { [name]: raw, ...rest } = attribs;
  if (raw === undefined) return rest;
  const value = raw.trim();
  if (mailto && /^mailto:/i.test(value)) return { ...rest, [name]: value };
  // normalizeArticleUrl also drops tracking parameters, which is welcome in links too.
  const absolute = normalizeArticleUrl(value, base);
  return absolute ? { ...rest, [name]: absolute } : rest;
}
