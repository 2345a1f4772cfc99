import type { RelatedArticle } from '../matching/related.ts';
import { contentHash } from './content-hash.ts';

const texts = new WeakMap<readonly RelatedArticle[], string>();
const digests = new WeakMap<readonly RelatedArticle[], string>();

/**
 * `JSON.stringify` of an episode's related articles, as the matching cache stores them: made
 * once per list, and not at all for a list the matching cache revived from this very text (see
 * `rememberRelatedText`).
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

/** Characters of a `relatedDigest` (SHA-1 in base64url, see `contentHash`). */
export const RELATED_DIGEST_LENGTH = 27;

/**
 * The digest of an episode's related articles (of their `relatedText`), as output keys read
 * them (its page, its feed item, the feeds, `related.json`): hashed once per list, and not at
 * all for a list the matching cache revived with its stored digest (`rememberRelatedDigest`).
 * Keys made of the texts themselves joined and hashed some 15 MB at every rebuild of the
 * benchmark show, three times each list.
 */
export function relatedDigest(list: readonly RelatedArticle[] | undefined): string {
  if (!list) return EMPTY_DIGEST;
  let digest = digests.get(list);
  if (digest === undefined) {
    digest = contentHash('related', relatedText(list));
    digests.set(list, digest);
  }
  return digest;
}

const EMPTY_DIGEST = contentHash('related', '[]');

/** Records the digest of a list revived from the cache, where it was made when the list was. */
export function rememberRelatedDigest(list: readonly RelatedArticle[], digest: string): void {
  digests.set(list, digest);
}
