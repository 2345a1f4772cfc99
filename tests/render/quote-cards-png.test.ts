import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { silentLogger } from '../../src/logger.ts';
import { copyShow, readTree } from '../temp-show.ts';
import { readPngHeader } from './card-image/png-header.ts';

const CARDS = [
  'quotes/booze-cruise/we-rode-that-boat-like-29ab11/card.png',
  'quotes/casino-night/all-the-lights-were-dim-36f2f9/card.png',
  'quotes/casino-night/trailer-orders/card.png',
];

async function showWithImages(): Promise<string> {
  const root = await copyShow('mini-show');
  const config = path.join(root, 'shownotes.config.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('images: false', 'images: true'));
  return root;
}

describe('card.png through the build (images: true)', () => {
  it('writes a 1200×630 PNG per quote, and reuses every one on the second build', async () => {
    const root = await showWithImages();
    const first = await runBuild({ root, logger: silentLogger });
    expect(first.cardImages).toEqual({ rendered: 3, reused: 0 });
    const tree = await readTree(path.join(root, 'out'));
    expect([...tree.keys()].filter((f) => f.endsWith('.png')).sort()).toEqual(CARDS);
    for (const card of CARDS) {
      expect(readPngHeader(tree.get(card)!), card).toEqual({ signature: true, chunk: 'IHDR', width: 1200, height: 630 });
    }

    const second = await runBuild({ root, logger: silentLogger });
    expect(second.cardImages).toEqual({ rendered: 0, reused: 3 });
    const again = await readTree(path.join(root, 'out'));
    for (const card of CARDS) expect(again.get(card)!.equals(tree.get(card)!), card).toBe(true);

    const { document } = parseHTML(again.get('episodes/casino-night/index.html')!.toString('utf8'));
    expect(document.querySelector('meta[property="og:image"]')!.getAttribute('content')).toBe(
      'https://mini.example/podcast/quotes/casino-night/trailer-orders/card.png',
    );
    expect(document.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary_large_image');
    const oembed = JSON.parse(again.get('quotes/casino-night/trailer-orders/oembed.json')!.toString('utf8'));
    expect(oembed.thumbnail_url).toBe('https://mini.example/podcast/quotes/casino-night/trailer-orders/card.png');
  });

  it('draws again only the card whose quote changed, and every card with --clean', async () => {
    const root = await showWithImages();
    await runBuild({ root, logger: silentLogger });
    const file = path.join(root, 'episodes/casino-night.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('There was no one around.', 'There was nobody around.'));
    // The episode's other quote and the other episode's quote keep their images.
    expect((await runBuild({ root, logger: silentLogger })).cardImages).toEqual({ rendered: 1, reused: 2 });
    expect((await runBuild({ root, clean: true, logger: silentLogger })).cardImages).toEqual({ rendered: 3, reused: 0 });
  });

  it('draws nothing with images: false', async () => {
    const root = await copyShow('mini-show');
    const report = await runBuild({ root, logger: silentLogger });
    expect(report.cardImages).toBeUndefined();
    expect([...(await readTree(path.join(root, 'out'))).keys()].filter((f) => f.endsWith('.png'))).toEqual([]);
  });
});
