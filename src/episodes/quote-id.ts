// crypto.hash (Node ≥ 20.12) is a one-shot digest: ~5× cheaper than createHash per short
// string, which counts for the 32,000 quotes of a large show.
import { hash as digest } from 'node:crypto';

/**
 * A quote's id when front matter gives none: a few words of the quote plus a short hash of
 * its normalised text. It depends on the words alone, so reordering quotes, editing other
 * fields or fixing a curly quote mark never changes it and never breaks an embed.
 */
export function deriveQuoteId(text: string): string {
  const normalised = normaliseQuoteText(text);
  const words = normalised.split(' ').filter(Boolean).slice(0, 5).join('-');
  const hash = digest('sha256', normalised, 'hex').slice(0, 6);
  return words ? `${words}-${hash}` : hash;
}

/** Lower case, no accents, straight apostrophes dropped, punctuation folded to spaces. */
export function normaliseQuoteText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
