import MarkdownIt from 'markdown-it';
import { feedNotesOf, type FeedNotes } from './feed-notes.ts';

/**
 * The show notes' Markdown renderer. Raw HTML is allowed, as in Eleventy: the notes are the
 * producer's own writing, not input from strangers (feed content is sanitized elsewhere).
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });
type Token = ReturnType<typeof markdown.parse>[number];

/**
 * Notes to HTML, their first paragraph as plain text (for the default summary), and the feeds'
 * notes when they can be made without the sanitizer (see `feed-notes.ts`), from one parse.
 */
export function renderMarkdown(source: string): { html: string; firstParagraph: string; feed: FeedNotes | undefined } {
  const env = {};
  const tokens = markdown.parse(source, env);
  const html = markdown.renderer.render(tokens, markdown.options, env);
  return { html, firstParagraph: firstParagraphOf(tokens), feed: feedNotesOf(tokens, markdown, html) };
}

function firstParagraphOf(tokens: readonly Token[]): string {
  const start = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = start >= 0 ? tokens[start + 1] : undefined;
  if (!inline?.children) return '';
  return inline.children
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? ' ' : ''))
    .join('')
    .trim();
}
