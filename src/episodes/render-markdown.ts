import MarkdownIt from 'markdown-it';

/**
 * The show notes' Markdown renderer. Raw HTML is allowed, as in Eleventy: the notes are the
 * producer's own writing, not input from strangers (feed content is sanitized elsewhere).
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

/** Notes to HTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** The first paragraph as plain text, for the default summary. */
export function firstParagraph(source: string): string {
  const tokens = markdown.parse(source, {});
  const start = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = start >= 0 ? tokens[start + 1] : undefined;
  if (!inline?.children) return '';
  return inline.children
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? ' ' : ''))
    .join('')
    .trim();
}
