import type { Article } from './article.ts';
import { sanitizeFeedHtml } from './sanitize-feed-html.ts';

/** The unsanitized body behind each article's lazy `html`, so a packed copy can carry it. */
const bodies = new WeakMap<Article, string | (() => string)>();

/**
 * Gives an article its `html`, sanitized from `body` on first read, once: sanitizing is the
 * costliest step per article and only pages that show an article's body need it (matching
 * reads the plain text only). `body` may itself be read lazily (from packed bytes); only a
 * `packable` article keeps it for `unsanitizedHtml`.
 */
export function defineLazyHtml(article: Article, body: string | (() => string), packable = true): void {
  const url = article.url;
  let html: string | undefined;
  Object.defineProperty(article, 'html', {
    enumerable: true,
    get: () => (html ??= sanitizeFeedHtml(typeof body === 'string' ? body : body(), url)),
  });
  // Unpacked articles are never packed again: 20,000 weak entries would only cost the GC.
  if (packable) bodies.set(article, body);
}

/** The body an article's `html` is sanitized from, when it was made by `defineLazyHtml`. */
export function unsanitizedHtml(article: Article): string | undefined {
  const body = bodies.get(article);
  return typeof body === 'function' ? body() : body;
}
