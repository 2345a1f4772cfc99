import type { RelatedArticle } from '../matching/related.ts';

const texts = new WeakMap<readonly RelatedArticle[], string>();

/**
 * `JSON.stringify` of an episode's related articles, as output keys read them (an episode's
 * page, its feed item, the feeds, `related.json`): made once per list, and not at all for a list
 * the matching cache revived from this very text (see `rememberRelatedText`).
 */
export function relatedText(list: readonly RelatedArticle[] | undefined): string {
  if (!list) return '[]';
  let text = texts.get(list);
  if (text === undefined) {
    text = JSON.stringify(list);
    texts.set(list, text);
  }
  return text;
}

/** Records that `list` was parsed from `text` (which `JSON.stringify` gives back for it). */
export function rememberRelatedText(list: readonly RelatedArticle[], text: string): void {
  texts.set(list, text);
}
