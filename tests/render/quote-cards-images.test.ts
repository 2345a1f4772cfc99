import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShowConfig } from '../../src/config/config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { loadEpisodes } from '../../src/episodes/load-episodes.ts';
import { sortNewestFirst } from '../../src/load-show.ts';
import type { OutputFile } from '../../src/output/output-file.ts';
import { loadTheme, type Theme } from '../../src/render/load-theme.ts';
import { quoteCardImageJobs } from '../../src/render/quote-card-image-jobs.ts';
import { renderSite } from '../../src/render/render-site.ts';
import { siteView } from '../../src/render/site-view.ts';
import { repoRoot } from '../shared-dir.ts';

const SHOW = path.join(repoRoot, 'tests/fixtures/mini-show');
const CARD = 'https://mini.example/podcast/quotes/casino-night/trailer-orders/';

let config: ShowConfig;
let episodes: Episode[];
let theme: Theme;
beforeAll(async () => {
  config = (await loadConfig(SHOW)).config!;
  episodes = sortNewestFirst((await loadEpisodes(SHOW, config.timezone)).episodes.filter((e) => !e.draft));
  theme = (await loadTheme(SHOW, { timezone: config.timezone })).theme!;
});

function render(cardImages: boolean): Map<string, string> {
  const files: OutputFile[] = renderSite(
    { config, site: siteView(config, episodes), episodes, related: new Map(), transcripts: new Map(), cardImages },
    theme,
  );
  return new Map(files.map((f) => [f.path, 'data' in f ? String(f.data) : '']));
}

describe('quote cards with social images', () => {
  it('lists one image job per published quote', () => {
    expect(quoteCardImageJobs(episodes, config.title)).toEqual([
      {
        outputPath: 'quotes/casino-night/trailer-orders/card.png',
        card: { quote: "Don't leave until you're called. Don't speak to John. And just be alone.", speaker: 'Jenna Fischer', showTitle: 'Mini Rewatch', episodeTitle: 'Casino Night' },
      },
      {
        outputPath: 'quotes/casino-night/all-the-lights-were-dim-36f2f9/card.png',
        card: { quote: 'All the lights were dim. There was no one around.', speaker: 'Jenna Fischer', showTitle: 'Mini Rewatch', episodeTitle: 'Casino Night' },
      },
      {
        outputPath: 'quotes/booze-cruise/we-rode-that-boat-like-29ab11/card.png',
        card: { quote: 'We rode that boat like it owed us money.', speaker: 'Dev Lindqvist', showTitle: 'Mini Rewatch', episodeTitle: 'Booze Cruise' },
      },
    ]);
  });

  it('gives the oEmbed response a thumbnail', () => {
    const oembed = JSON.parse(render(true).get('quotes/casino-night/trailer-orders/oembed.json')!);
    expect([oembed.thumbnail_url, oembed.thumbnail_width, oembed.thumbnail_height]).toEqual([`${CARD}card.png`, 1200, 630]);
  });

  it("makes the first quote's card the episode page's large social image", () => {
    const { document } = parseHTML(render(true).get('episodes/casino-night/index.html')!);
    const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
    expect(meta('og:image')).toBe(`${CARD}card.png`);
    expect(meta('twitter:image')).toBe(`${CARD}card.png`);
    expect(meta('twitter:card')).toBe('summary_large_image');
  });

  it("makes each card page's social image its own card", () => {
    const { document } = parseHTML(render(true).get('quotes/casino-night/all-the-lights-were-dim-36f2f9/index.html')!);
    const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
    const own = 'https://mini.example/podcast/quotes/casino-night/all-the-lights-were-dim-36f2f9/card.png';
    expect([meta('og:image'), meta('og:image:width'), meta('og:image:height')]).toEqual([own, '1200', '630']);
    expect(meta('twitter:image')).toBe(own);
    expect(meta('twitter:card')).toBe('summary_large_image');
  });

  it('points at no image when the build makes none', () => {
    const files = render(false);
    expect(JSON.parse(files.get('quotes/casino-night/trailer-orders/oembed.json')!)).not.toHaveProperty('thumbnail_url');
    expect([...files.values()].filter((text) => text.includes('card.png'))).toEqual([]);
    const { document } = parseHTML(files.get('episodes/casino-night/index.html')!);
    expect(document.querySelector('meta[property="og:image"]')).toBeNull();
    expect(document.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary');
  });
});
