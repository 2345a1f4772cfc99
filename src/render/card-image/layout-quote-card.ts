import type { SatoriNode } from 'satori';
import { loadSatori } from './load-satori.ts';
import { buildCardTree, QUOTE_BOX_KEY, QUOTE_LINE_HEIGHT, QUOTE_TEXT_KEY, type QuoteSetting } from './build-card-tree.ts';
import { loadCardFonts } from './load-card-fonts.ts';
import { drawEmojiImages } from './draw-emoji-images.ts';
import { CARD_HEIGHT, CARD_WIDTH, type QuoteCardImage } from './quote-card-image.ts';

/** The card laid out: its SVG, how the quote was set, and the heights that show it fits. */
export interface QuoteCardLayout extends QuoteSetting {
  svg: string;
  /** Height in px of the box the quote has, between the quotation mark and the byline. */
  boxHeight: number;
  /** Height in px of the quote as wrapped; never more than `boxHeight`. */
  textHeight: number;
}

/** Quote sizes tried, largest first: a short quote fills the card, a long one shrinks to fit. */
export const QUOTE_FONT_SIZES: readonly number[] = [72, 64, 58, 52, 47, 43, 39, 35, 32, 29, 26];

const ACCENT = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Lays out a card with the largest quote size whose wrapped text fits its box; if even the
 * smallest overflows, clamps the quote to the lines that fit and ends it with an ellipsis.
 */
export async function layoutQuoteCard(card: QuoteCardImage): Promise<QuoteCardLayout> {
  if (card.accent !== undefined && !ACCENT.test(card.accent)) {
    throw new Error(`card accent "${card.accent}" is not a colour (accepted: #rgb or #rrggbb)`);
  }
  const emoji = await drawEmojiImages([card.quote, card.speaker, card.episodeTitle, card.showTitle]);
  // Binary search over the sizes: a smaller size never makes the text taller.
  let low = 0;
  let high = QUOTE_FONT_SIZES.length - 1;
  let best: QuoteCardLayout | undefined;
  let smallest: Measured | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const fontSize = QUOTE_FONT_SIZES[mid]!;
    const measured = await measure(card, { fontSize }, emoji);
    if (measured.textHeight <= measured.boxHeight) {
      best = { ...measured, fontSize };
      high = mid - 1;
    } else {
      if (mid === QUOTE_FONT_SIZES.length - 1) smallest = measured;
      low = mid + 1;
    }
  }
  if (best) return best;
  // Last resort: even the smallest size overflows. Keep the lines that fit, ellipsize the rest.
  const fontSize = QUOTE_FONT_SIZES[QUOTE_FONT_SIZES.length - 1]!;
  const boxHeight = smallest?.boxHeight ?? 0;
  const maxLines = Math.max(1, Math.floor(boxHeight / (fontSize * QUOTE_LINE_HEIGHT)));
  return { ...(await measure(card, { fontSize, maxLines }, emoji)), fontSize, maxLines };
}

type Measured = Pick<QuoteCardLayout, 'svg' | 'boxHeight' | 'textHeight'>;

async function measure(
  card: QuoteCardImage,
  setting: QuoteSetting,
  emoji: Record<string, string>,
): Promise<Measured> {
  const nodes = new Map<string, SatoriNode>();
  const satori = await loadSatori();
  const svg = await satori(buildCardTree(card, setting), {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadCardFonts().fonts,
    graphemeImages: emoji,
    onNodeDetected: (node) => {
      if (typeof node.key === 'string') nodes.set(node.key, node);
    },
  });
  const box = nodes.get(QUOTE_BOX_KEY);
  const text = nodes.get(QUOTE_TEXT_KEY);
  if (!box || !text) throw new Error('internal error: satori did not report the quote box');
  return { svg, boxHeight: box.height, textHeight: text.height };
}
