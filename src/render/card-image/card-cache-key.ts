import { createHash } from 'node:crypto';
import { DEFAULT_CARD_ACCENT, type QuoteCardImage } from './quote-card-image.ts';

/** Bump when the card's design or layout changes, so every cached image is rendered again. */
export const CARD_RENDERER_VERSION = 1;

/**
 * A digest of everything the image shows: the card's fields (accent resolved to its default),
 * the renderer version and the fonts' identity. Equal keys mean identical pixels.
 */
export function cardCacheKey(card: QuoteCardImage, fontIdentity: string): string {
  const shown = [
    CARD_RENDERER_VERSION,
    fontIdentity,
    card.quote,
    card.speaker,
    card.showTitle,
    card.episodeTitle,
    card.accent ?? DEFAULT_CARD_ACCENT,
  ];
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}
