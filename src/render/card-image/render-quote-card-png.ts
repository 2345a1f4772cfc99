import { loadOnFirstUse } from '../../load-on-first-use.ts';
import { layoutQuoteCard } from './layout-quote-card.ts';
import type { QuoteCardImage } from './quote-card-image.ts';

// Loaded the first time a card is drawn, for the same reasons as satori (`load-satori.ts`).
const resvg = loadOnFirstUse<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');

/** Renders a quote's 1200×630 social card as PNG bytes (SPEC §5, `card.png`). */
export async function renderQuoteCardPng(card: QuoteCardImage): Promise<Uint8Array> {
  const { svg } = await layoutQuoteCard(card);
  // Satori has turned all text into paths, so resvg needs no fonts at all: never the system's.
  // renderAsync rasterises on libuv's thread pool, so the next card's layout can run meanwhile.
  const { renderAsync } = resvg();
  const png = (await renderAsync(svg, { font: { loadSystemFonts: false } })).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
