import { Resvg } from '@resvg/resvg-js';
import { layoutQuoteCard } from './layout-quote-card.ts';
import type { QuoteCardImage } from './quote-card-image.ts';

/** Renders a quote's 1200×630 social card as PNG bytes (SPEC §5, `card.png`). */
export async function renderQuoteCardPng(card: QuoteCardImage): Promise<Uint8Array> {
  const { svg } = await layoutQuoteCard(card);
  // Satori has turned all text into paths, so resvg needs no fonts at all: never the system's.
  const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
