import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/logger.ts';
import type { CardImageJob } from '../../../src/render/card-image/quote-card-image.ts';
import { renderCardImages } from '../../../src/render/card-image/render-card-images.ts';
import { readPngHeader } from './png-header.ts';

const show = { showTitle: 'Break Room Rewatch', episodeTitle: 'Casino Night' };
const jobs: CardImageJob[] = [
  {
    outputPath: 'quotes/casino-night/trailer-orders/card.png',
    card: { ...show, quote: "Don't leave until you're called.", speaker: 'Jenna Fischer' },
  },
  {
    outputPath: 'quotes/casino-night/parking-lot/card.png',
    card: { ...show, quote: 'Ken kept the camera far away.', speaker: 'Angela Kinsey' },
  },
  {
    outputPath: 'quotes/casino-night/beach-games/card.png',
    card: { ...show, quote: 'I was so nervous I forgot my line.', speaker: 'Jenna Fischer' },
  },
];

/** A logger that records every progress report. */
function progressLogger(): Logger & { reports: string[] } {
  const reports: string[] = [];
  return { reports, info() {}, warn() {}, progress: (label, done, total) => void reports.push(`${label} ${done}/${total}`) };
}

let cacheDir: string;
beforeEach(async () => {
  cacheDir = path.join(await mkdtemp(path.join(tmpdir(), 'card-cache-')), '.cache', 'cards');
});
afterEach(async () => {
  await rm(path.dirname(path.dirname(cacheDir)), { recursive: true, force: true });
});

describe('renderCardImages', () => {
  it('renders every job to a 1200×630 PNG, keyed by output path, and reports progress', async () => {
    const logger = progressLogger();
    const result = await renderCardImages(jobs, { cacheDir, logger });
    expect([...result.images.keys()]).toEqual(jobs.map((job) => job.outputPath));
    for (const png of result.images.values()) {
      expect(readPngHeader(png)).toEqual({ signature: true, chunk: 'IHDR', width: 1200, height: 630 });
    }
    expect({ rendered: result.rendered, reused: result.reused }).toEqual({ rendered: 3, reused: 0 });
    expect(logger.reports).toEqual([
      'Rendering quote cards 0/3',
      'Rendering quote cards 1/3',
      'Rendering quote cards 2/3',
      'Rendering quote cards 3/3',
    ]);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.png'))).toHaveLength(3);
  });

  it('reuses every cached image on a second call, with identical bytes', async () => {
    const first = await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    const second = await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    expect({ rendered: second.rendered, reused: second.reused }).toEqual({ rendered: 0, reused: 3 });
    for (const job of jobs) {
      expect(Buffer.from(second.images.get(job.outputPath)!).equals(Buffer.from(first.images.get(job.outputPath)!))).toBe(true);
    }
  });

  it('re-renders exactly the card whose quote changed', async () => {
    const first = await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    const edited = jobs.map((job, i) => (i === 1 ? { ...job, card: { ...job.card, quote: 'Ken kept the camera very far away.' } } : job));
    const second = await renderCardImages(edited, { cacheDir, logger: progressLogger() });
    expect({ rendered: second.rendered, reused: second.reused }).toEqual({ rendered: 1, reused: 2 });
    const changed = jobs[1]!.outputPath;
    expect(Buffer.from(second.images.get(changed)!).equals(Buffer.from(first.images.get(changed)!))).toBe(false);
  });

  it('re-renders when only the accent changes', async () => {
    await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    const recoloured = jobs.map((job) => ({ ...job, card: { ...job.card, accent: '#1d4ed8' } }));
    const second = await renderCardImages(recoloured, { cacheDir, logger: progressLogger() });
    expect({ rendered: second.rendered, reused: second.reused }).toEqual({ rendered: 3, reused: 0 });
  });

  it('renders a card shown by two jobs once', async () => {
    const twice = [jobs[0]!, { ...jobs[0]!, outputPath: 'quotes/other/copy/card.png' }];
    const result = await renderCardImages(twice, { cacheDir, logger: progressLogger() });
    expect({ rendered: result.rendered, reused: result.reused, images: result.images.size }).toEqual({
      rendered: 1,
      reused: 0,
      images: 2,
    });
  });

  it('gives the same bytes one card at a time as with several in flight', async () => {
    const serial = await renderCardImages(jobs, { cacheDir, logger: progressLogger(), concurrency: 1 });
    const otherDir = `${cacheDir}-parallel`;
    const parallel = await renderCardImages(jobs, { cacheDir: otherDir, logger: progressLogger(), concurrency: 3 });
    expect([...parallel.images.keys()]).toEqual([...serial.images.keys()]);
    for (const [outputPath, png] of serial.images) {
      expect(Buffer.from(parallel.images.get(outputPath)!).equals(Buffer.from(png))).toBe(true);
    }
    expect(parallel.rendered).toBe(3);
  });

  it('re-renders a cache file that is not a PNG instead of returning it', async () => {
    await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    const [victim] = (await readdir(cacheDir)).filter((name) => name.endsWith('.png'));
    await writeFile(path.join(cacheDir, victim!), 'half a file');
    const second = await renderCardImages(jobs, { cacheDir, logger: progressLogger() });
    expect({ rendered: second.rendered, reused: second.reused }).toEqual({ rendered: 1, reused: 2 });
    for (const png of second.images.values()) expect(readPngHeader(png).signature).toBe(true);
  });

  it('does nothing for no jobs: no cache folder, no progress', async () => {
    const logger = progressLogger();
    const result = await renderCardImages([], { cacheDir, logger });
    expect({ rendered: result.rendered, reused: result.reused, images: result.images.size }).toEqual({
      rendered: 0,
      reused: 0,
      images: 0,
    });
    expect(logger.reports).toEqual([]);
    await expect(readdir(cacheDir)).rejects.toThrow('ENOENT');
  });
});
