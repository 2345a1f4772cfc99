// Times the quote card renderer: `npx tsx bench/render-card-images.ts [cards]`.
// Prints the cold first card, then warm layout (satori) and raster (resvg) per card, then a
// whole renderCardImages run per concurrency, cold and again from its cache.
import { Resvg } from '@resvg/resvg-js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/logger.ts';
import { layoutQuoteCard } from '../src/render/card-image/layout-quote-card.ts';
import type { CardImageJob, QuoteCardImage } from '../src/render/card-image/quote-card-image.ts';
import { renderCardImages } from '../src/render/card-image/render-card-images.ts';
import { renderQuoteCardPng } from '../src/render/card-image/render-quote-card-png.ts';

const count = Number(process.argv[2] ?? 60);
const words = 'we shot the parking lot scene at the end of a long night and Ken kept the camera far away'.split(' ');
function card(i: number): QuoteCardImage {
  const length = 8 + ((i * 37) % 90); // 8 to 97 words: short, medium and long quotes
  const quote = Array.from({ length }, (_, k) => words[(i + k * 7) % words.length]).join(' ');
  return { quote: `${quote} (${i}).`, speaker: 'Jenna Fischer', showTitle: 'Break Room Rewatch', episodeTitle: `Episode ${i}` };
}
const ms = (start: number) => performance.now() - start;

// CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
const cpu = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
let start = performance.now();
let cpuStart = process.cpuUsage();
await renderQuoteCardPng(card(0));
console.log(`cold first card (fonts, wasm, first layout): ${ms(start).toFixed(0)} ms wall, ${cpu(cpuStart).toFixed(0)} ms CPU`);
cpuStart = process.cpuUsage();

let layoutTime = 0;
let rasterTime = 0;
const sizes = new Map<number, number>();
for (let i = 1; i <= count; i++) {
  start = performance.now();
  const layout = await layoutQuoteCard(card(i));
  layoutTime += ms(start);
  sizes.set(layout.fontSize, (sizes.get(layout.fontSize) ?? 0) + 1);
  start = performance.now();
  new Resvg(layout.svg, { font: { loadSystemFonts: false } }).render().asPng();
  rasterTime += ms(start);
}
console.log(
  `warm, ${count} cards: layout ${(layoutTime / count).toFixed(1)} ms/card, raster ${(rasterTime / count).toFixed(1)} ms/card ` +
    `(wall); ${(cpu(cpuStart) / count).toFixed(1)} ms CPU/card`,
);
console.log(`quote sizes used: ${[...sizes].sort((a, b) => b[0] - a[0]).map(([s, n]) => `${s}px×${n}`).join(', ')}`);

for (const concurrency of [1, 2, 3, 4]) {
  const root = await mkdtemp(path.join(tmpdir(), 'card-bench-'));
  const jobs: CardImageJob[] = Array.from({ length: count }, (_, i) => ({
    outputPath: `q/${i}/card.png`,
    card: card(i + 1000 * concurrency),
  }));
  start = performance.now();
  const first = await renderCardImages(jobs, { cacheDir: root, logger: silentLogger, concurrency });
  const cold = ms(start);
  start = performance.now();
  const second = await renderCardImages(jobs, { cacheDir: root, logger: silentLogger, concurrency });
  console.log(
    `renderCardImages, concurrency ${concurrency}, ${count} new cards: ${cold.toFixed(0)} ms ` +
      `(${(cold / count).toFixed(1)} ms/card, rendered ${first.rendered}); ` +
      `again from cache: ${ms(start).toFixed(0)} ms (rendered ${second.rendered}, reused ${second.reused})`,
  );
  await rm(root, { recursive: true, force: true });
}
