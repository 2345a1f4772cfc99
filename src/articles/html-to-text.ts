import type * as Htmlparser2 from 'htmlparser2';
import { loadOnFirstUse } from '../load-on-first-use.ts';

// Loaded by the first article text read: a rebuild whose feeds are cached reads none on the
// main thread.
const loadHtmlparser2 = loadOnFirstUse<typeof Htmlparser2>('htmlparser2');

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg']);

/** Elements that end a run of text, so "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BREAKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre',
  'section', 'table', 'td', 'th', 'tr', 'ul',
]);

/** Characters XML 1.0 forbids or that only confuse: C0 controls (but tab and newlines), BOM, U+FFFE/F. */
const UNSAFE_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character the full pattern might remove: a cheap test that spares most texts the slow one. */
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF\uFFFE\uFFFF]/;

/** Removes characters that would break our XML output, and lone surrogates. */
export function stripUnsafeChars(value: string): string {
  // The lookaround pattern costs a lot on long article bodies; almost all of them are clean.
  if (!MAYBE_UNSAFE.test(value) && value.isWellFormed()) return value;
  return value.replace(UNSAFE_CHARS, '');
}

/** Collapses every run of whitespace (incl. no-break spaces) to one space and trims. */
export function normalizeSpace(value: string): string {
  return stripUnsafeChars(value).replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ').trim();
}

/**
 * The readable text of an HTML fragment, for matching and excerpts: tags dropped, script and
 * style content dropped, entities decoded, whitespace normalised.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new (loadHtmlparser2().Parser)(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (BREAKS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
        if (BREAKS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return normalizeSpace(parts.join(''));
}

/** Cuts plain text to about `max` characters at a word boundary, with an ellipsis when cut. */
export function makeExcerpt(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  // A single huge word (a URL, CJK text without spaces) is cut where it must be.
  const end = space > max * 0.6 ? space : max;
  return `${cut.slice(0, end).replace(/[\s,;:.!?-]+$/, '')}…`;
}
