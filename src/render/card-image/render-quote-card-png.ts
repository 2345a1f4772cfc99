import { layoutQuoteCard } from './layout-quote-card.ts';
import type { QuoteCardImage } from './quote-card-image.ts';

/** Renders a quote's 1200×630 social card as PNG bytes (SPEC §5, `card.png`). */
export async function renderQuoteCardPng(card: QuoteCardImage): Promise<Uint8Array> {
  const { svg } = await layoutQuoteCard(card);
  // Imported here, not at start-up, for the same reason as satori (`load-satori.ts`).
  // Satori has turned all text into paths, so resvg needs no fonts at all: never the system's.
  // renderAsync rasterises on libuv's thread pool, so the next card's layout can run meanwhile.
  const { renderAsync } = await import('@resvg/resvg-js');
  const png = (await renderAsync(svg, { font: { loadSystemFonts: false } })).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
