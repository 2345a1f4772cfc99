import { cutAtWord, utf8Bytes } from './cut-at-word.ts';
import { escapeXml } from './helpers.ts';

/** Apple Podcasts reads at most this many bytes of an item's `description`. */
export const DESCRIPTION_MAX_BYTES = 4000;

/** The only tags Apple allows in a description (Apple Podcasts RSS guide, `<description>`). */
const KEPT = new Set(['p', 'ol', 'ul', 'li', 'a']);
/** Headings and other blocks become paragraphs, so their text keeps its own line. */
const AS_PARAGRAPH = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'div', 'figure', 'table', 'tr']);
/** Elements whose content is not text a listener should read. */
const DROPPED_WITH_CONTENT = /<(script|style|template|iframe|object|svg)\b[\s\S]*?<\/\1\s*>/gi;
/** A start or end tag; attribute values may hold `>` when quoted. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const byteLength = utf8Bytes;
const HREF = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * An item's `description`: the notes reduced to the tags Apple allows (`p, ol, ul, li, a`),
 * cut to Apple's 4,000 bytes at a block boundary with a link to the full notes when longer,
 * and never empty (the fallback text stands in for empty notes).
 */
export function feedDescription(notesHtml: string, fullNotesUrl: string, fallbackText: string): string {
  const blocks = topLevelBlocks(reduceTags(notesHtml));
  const whole = blocks.join('\n');
  if (!whole) return `<p>${escapeXml(fallbackText)}</p>`;
  if (byteLength(whole) <= DESCRIPTION_MAX_BYTES) return whole;

  const more = `<p><a href="${escapeXml(fullNotesUrl)}">Read the full notes</a></p>`;
  const budget = DESCRIPTION_MAX_BYTES - byteLength(more) - 1;
  const kept: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const size = byteLength(block) + (kept.length ? 1 : 0);
    if (used + size > budget) break;
    kept.push(block);
    used += size;
  }
  // The first block alone is too long: keep its text, cut at a word.
  if (!kept.length) kept.push(`<p>${cutAtWord(textOf(blocks[0]!), budget - '<p></p>'.length, utf8Bytes).replace(/&[^;\s]*…$/, '…')}</p>`);
  return [...kept, more].join('\n');
}

/**
 * The notes for `content:encoded` and `content_html`: as on the page, without `<script>`,
 * `<style>` and other active elements that podcast apps strip anyway and validators flag.
 */
export function feedNotes(notesHtml: string): string {
  return notesHtml.replace(/<!--[\s\S]*?-->/g, '').replace(DROPPED_WITH_CONTENT, '');
}

/** Keeps the allowed tags (links with their http(s)/mailto `href` only), drops the rest. */
function reduceTags(html: string): string {
  return feedNotes(html)
    .replace(TAG, (_tag, close: string, rawName: string, attrs: string) => {
      const name = rawName.toLowerCase();
      if (name === 'a') {
        if (close) return '</a>';
        const m = HREF.exec(attrs);
        const href = m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
        // Attribute text from Markdown is already entity-escaped; re-escape only the raw specials.
        return /^(https?:|mailto:)/i.test(href) ? `<a href="${href.replace(/"/g, '&quot;').replace(/</g, '&lt;')}">` : '<a>';
      }
      if (KEPT.has(name)) return `<${close}${name}>`;
      if (AS_PARAGRAPH.has(name)) return `<${close}p>`;
      if (name === 'br') return ' ';
      return '';
    })
    .replace(/<a>([\s\S]*?)<\/a>/g, '$1')
    .replace(/<p>\s*<\/p>/g, '')
    // Nested paragraphs (a blockquote holding paragraphs) collapse into one level.
    .replace(/<p>\s*<p>/g, '<p>')
    .replace(/<\/p>\s*<\/p>/g, '</p>');
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
  if (trimmed) blocks.push(/^<(p|ol|ul)>/.test(trimmed) ? trimmed : `<p>${trimmed}</p>`);
}

function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

