import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.ts';
import { cardCacheKey } from './card-cache-key.ts';
import { loadCardFonts } from './load-card-fonts.ts';
import type { CardImageJob, QuoteCardImage } from './quote-card-image.ts';
import { renderQuoteCardPng } from './render-quote-card-png.ts';

/** Where the cache lives, where progress goes, and how many cards are in flight at once. */
export interface RenderCardImagesOptions {
  /** Folder of cached PNGs, named by {@link cardCacheKey}; the build passes `<showRoot>/.cache/cards`. */
  cacheDir: string;
  logger: Logger;
  /** Cards rendered at once; default {@link DEFAULT_CARD_CONCURRENCY}. */
  concurrency?: number;
}

/** Every job's PNG by its `outputPath` (in job order), and how many were rendered or reused. */
export interface CardImagesResult {
  images: Map<string, Uint8Array>;
  /** Distinct images rendered in this call (jobs showing the same card share one render). */
  rendered: number;
  /** Distinct images read back from the cache. */
  reused: number;
}

/**
 * Two cards in flight let one card's layout (satori, on this thread) overlap the other's
 * rasterising (resvg, on the thread pool); more gained nothing measurable (bench/render-card-images.ts).
 */
export const DEFAULT_CARD_CONCURRENCY = 2;

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PROGRESS_LABEL = 'Rendering quote cards';

/**
 * Renders the cards' PNGs, re-rendering only those whose content changed since the last build
 * (issue 6: "images are cached by a hash of what they show"). Progress counts distinct images.
 * Writes only into `cacheDir`; the caller writes the returned bytes to the output.
 */
export async function renderCardImages(
  jobs: readonly CardImageJob[],
  options: RenderCardImagesOptions,
): Promise<CardImagesResult> {
  const { cacheDir, logger, concurrency = DEFAULT_CARD_CONCURRENCY } = options;
  const { identity } = loadCardFonts();
  const keys = jobs.map((job) => cardCacheKey(job.card, identity));
  const distinct = new Map<string, QuoteCardImage>();
  for (const [i, job] of jobs.entries()) if (!distinct.has(keys[i]!)) distinct.set(keys[i]!, job.card);

  const pngs = new Map<string, Uint8Array>();
  let rendered = 0;
  let reused = 0;
  if (distinct.size > 0) {
    await mkdir(cacheDir, { recursive: true });
    logger.progress(PROGRESS_LABEL, 0, distinct.size);
  }
  const queue = [...distinct];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, card] = next;
      const file = path.join(cacheDir, `${key}.png`);
      let png = await readCachedPng(file);
      if (png) {
        reused++;
      } else {
        png = await renderQuoteCardPng(card);
        await writeAtomically(file, png);
        rendered++;
      }
      pngs.set(key, png);
      logger.progress(PROGRESS_LABEL, pngs.size, distinct.size);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));

  const images = new Map(jobs.map((job, i) => [job.outputPath, pngs.get(keys[i]!)!] as const));
  return { images, rendered, reused };
}

/** The cached PNG, or undefined when it is missing or not a PNG (a torn or foreign file). */
async function readCachedPng(file: string): Promise<Uint8Array | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const isPng = bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  return isPng ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

/** Writes beside the target, then renames, so an interrupted build never leaves half a PNG. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}
