import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.ts';
import { cardCacheKey } from './card-cache-key.ts';
import { loadCardFonts } from './load-card-fonts.ts';
import type { CardImageJob } from './quote-card-image.ts';
import { renderQuoteCardPng } from './render-quote-card-png.ts';

/** Where the cache lives and where progress goes. */
export interface RenderCardImagesOptions {
  /** Folder of cached PNGs, named by {@link cardCacheKey}; the build passes `<showRoot>/.cache/cards`. */
  cacheDir: string;
  logger: Logger;
}

/** Every job's PNG by its `outputPath`, and how many were rendered now or reused from the cache. */
export interface CardImagesResult {
  images: Map<string, Uint8Array>;
  /** Distinct images rendered in this call (jobs showing the same card share one render). */
  rendered: number;
  /** Distinct images read back from the cache. */
  reused: number;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PROGRESS_LABEL = 'Rendering quote cards';

/**
 * Renders the cards' PNGs, re-rendering only those whose content changed since the last build
 * (issue 6: "images are cached by a hash of what they show"). Writes only into `cacheDir`; the
 * caller writes the returned bytes to the output.
 */
export async function renderCardImages(
  jobs: readonly CardImageJob[],
  options: RenderCardImagesOptions,
): Promise<CardImagesResult> {
  const { cacheDir, logger } = options;
  const { identity } = loadCardFonts();
  const images = new Map<string, Uint8Array>();
  const byKey = new Map<string, Uint8Array>();
  let rendered = 0;
  let reused = 0;
  if (jobs.length > 0) {
    await mkdir(cacheDir, { recursive: true });
    logger.progress(PROGRESS_LABEL, 0, jobs.length);
  }
  for (const [index, job] of jobs.entries()) {
    const key = cardCacheKey(job.card, identity);
    let png = byKey.get(key);
    if (!png) {
      const file = path.join(cacheDir, `${key}.png`);
      png = await readCachedPng(file);
      if (png) {
        reused++;
      } else {
        png = await renderQuoteCardPng(job.card);
        await writeAtomically(file, png);
        rendered++;
      }
      byKey.set(key, png);
    }
    images.set(job.outputPath, png);
    logger.progress(PROGRESS_LABEL, index + 1, jobs.length);
  }
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
