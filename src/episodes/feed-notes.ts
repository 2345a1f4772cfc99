import MarkdownIt, { type MarkdownIt as Markdown, type Renderer, type RendererRule as Rule, type Token } from 'markdown-it';

/**
 * The notes as the feeds carry them, rendered from the notes' Markdown tokens: the same strings
 * the feeds' sanitizer passes (`feedNotes` and `feedDescription` in `render/feed-html.ts`) make
 * of the page's HTML, which is this same token stream rendered by markdown-it.
 *
 * Why: those two passes parse and rebuild every episode's HTML, ~1 s of CPU for the
 * benchmark's 4,000 episodes, where rendering the tokens twice more, with the check below,
 * takes ~0.14 s. It is only
 * done when the result is known without the sanitizer: no raw HTML (markdown-it then writes
 * every tag and attribute itself) and no link or image the page's URL would have to resolve.
 * Other notes go through the sanitizer as before; tests hold both paths to the same output.
 */
export interface FeedNotes {
  /**
   * `content:encoded` and `content_html`: text structure, links and images, links absolute.
   * Absent when it is the page's HTML as it is, trimmed (notes of headings, paragraphs, lists,
   * emphasis and absolute links): not holding a copy keeps ~12 KB per episode out of memory
   * (the notes are two-byte strings once typographer's quotes are in).
   */
  notes?: string;
  /** The notes through the description's allowlist (`p, ol, ul, li, a`), before its tidying and cut. */
  description: string;
}

/** The feeds' notes of one token stream, or undefined when only the sanitizer can tell them. */
export function feedNotesOf(tokens: readonly Token[], markdown: Markdown, html: string): FeedNotes | undefined {
  const env: FeedEnv = { urls: new Map() };
  if (!renderable(tokens, env.urls)) return undefined;
  const list = tokens as Token[];
  const notes = notesRenderer.render(list, markdown.options, env).trim();
  const description = descriptionRenderer.render(list, markdown.options, env);
  return notes === html.trim() ? { description } : { notes, description };
}

/** What both renderings share: each link's and image's URL as `resolved` gave it, worked out once. */
type FeedEnv = { urls: Map<Token, string | null> };

function urlOf(env: unknown, token: Token): string | null | undefined {
  return (env as FeedEnv).urls.get(token);
}

/** The token types whose HTML the rules below know. */
const KNOWN = new Set([
  ...['paragraph', 'heading', 'blockquote', 'bullet_list', 'ordered_list', 'list_item'].flatMap((t) => [`${t}_open`, `${t}_close`]),
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's', 'link'].flatMap((t) => [`${t}_open`, `${t}_close`]),
  'hr',
  'code_block',
  'fence',
  'inline',
  'text',
  'softbreak',
  'hardbreak',
  'code_inline',
  'image',
]);

/** Types whose attributes the rules below handle; any other token with attributes is left to the sanitizer. */
const WITH_ATTRIBUTES = new Set(['link_open', 'image', 'ordered_list_open', 'th_open', 'td_open']);

function renderable(tokens: readonly Token[], urls: FeedEnv['urls']): boolean {
  for (const token of tokens) {
    if (!KNOWN.has(token.type)) return false;
    if (token.attrs && token.attrs.length > 0 && !WITH_ATTRIBUTES.has(token.type)) return false;
    if (token.type === 'link_open' || token.type === 'image') {
      const url = token.type === 'image' ? resolved(attr(token, 'src'), IMAGE_SCHEMES) : resolved(attr(token, 'href'), LINK_SCHEMES);
      if (url === undefined) return false;
      urls.set(token, url);
    }
    if (token.children && !renderable(token.children, urls)) return false;
  }
  return true;
}

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];
const IMAGE_SCHEMES = ['http:', 'https:'];

/**
 * A link's URL as the sanitizer's transform leaves it (`new URL(raw, page).href` when its scheme
 * is allowed, else null: the attribute goes), or undefined when that depends on the page's URL:
 * no scheme, or `http:`/`https:` without `//`, which resolves against a page of the same scheme.
 */
function resolved(raw: string | null, schemes: readonly string[]): string | null | undefined {
  if (raw === null || !/^[a-z][a-z0-9+.-]*:/i.test(raw) || /^https?:(?!\/\/)/i.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return undefined;
  }
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

/** Text as the sanitizer writes it: `&`, `<`, `>` escaped, quotes left as they are. */
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const attribute = new MarkdownIt().utils.escapeHtml;

/** markdown-it's own rendering of a token, without its attributes (the allowlist drops them). */
const withoutAttributes: Rule = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const attrs = token.attrs;
  token.attrs = null;
  try {
    return self.renderToken(tokens, idx, options);
  } finally {
    token.attrs = attrs;
  }
};

/** markdown-it's rendering of a token with the tag itself left out (a tag the allowlist discards; its line breaks stay). */
const tagDropped: Rule = (tokens, idx, options, env, self) => withoutAttributes(tokens, idx, options, env, self).replace(/<[^>]*>/, '');

/** markdown-it's rendering with another tag name (a heading becomes a paragraph). */
function renamed(tag: string): Rule {
  return (tokens, idx, options, env, self) => withoutAttributes(tokens, idx, options, env, self).replace(/^(\n?<\/?)[a-z0-9]+/, `$1${tag}`);
}

/** A renderer of its own, sharing no rules with the page's. */
function rendererWith(rules: Record<string, Rule>): Renderer {
  const renderer = new MarkdownIt().renderer;
  Object.assign(renderer.rules, rules);
  return renderer;
}

// The page's HTML through `feedNotes`' allowlist: every markdown-it tag is allowed; `style` of
// table cells, `start` of lists and the code's language class are not; void tags are written
// self-closed; the transform puts a link's `href` and an image's `src` after the other attributes.
const notesRenderer = rendererWith({
  text: (tokens, idx) => text(tokens[idx]!.content),
  code_inline: (tokens, idx) => `<code>${text(tokens[idx]!.content)}</code>`,
  code_block: (tokens, idx) => `<pre><code>${text(tokens[idx]!.content)}</code></pre>\n`,
  fence: (tokens, idx) => `<pre><code>${text(tokens[idx]!.content)}</code></pre>\n`,
  hardbreak: () => '<br />\n',
  hr: (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options).replace('<hr>', '<hr />'),
  ordered_list_open: withoutAttributes,
  th_open: withoutAttributes,
  td_open: withoutAttributes,
  link_open: (tokens, idx, _options, env) => {
    const token = tokens[idx]!;
    const title = attr(token, 'title');
    const href = urlOf(env, token);
    return `<a${title === null ? '' : ` title="${attribute(title)}"`}${href ? ` href="${attribute(href)}"` : ''}>`;
  },
  image: (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = urlOf(env, token);
    // An image without an allowed source is dropped whole, as the sanitizer's filter drops it.
    if (!src) return '';
    const title = attr(token, 'title');
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    return `<img alt="${attribute(alt)}"${title === null ? '' : ` title="${attribute(title)}"`} src="${attribute(src)}" />`;
  },
});

// The page's HTML through `feedDescription`'s allowlist: `p, ol, ul, li` and `a` with `href`;
// headings and preformatted blocks become paragraphs; every other tag goes, its text stays.
const descriptionRenderer = rendererWith({
  text: (tokens, idx) => text(tokens[idx]!.content),
  code_inline: (tokens, idx) => text(tokens[idx]!.content),
  code_block: (tokens, idx) => `<p>${text(tokens[idx]!.content)}</p>\n`,
  fence: (tokens, idx) => `<p>${text(tokens[idx]!.content)}</p>\n`,
  hardbreak: () => '\n',
  image: () => '',
  heading_open: renamed('p'),
  heading_close: renamed('p'),
  ordered_list_open: withoutAttributes,
  link_open: (tokens, idx, _options, env) => {
    const href = urlOf(env, tokens[idx]!);
    return href ? `<a href="${attribute(href)}">` : '<a>';
  },
  ...Object.fromEntries(
    ['hr', ...['blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's'].flatMap((t) => [`${t}_open`, `${t}_close`])].map((type) => [type, tagDropped]),
  ),
});
