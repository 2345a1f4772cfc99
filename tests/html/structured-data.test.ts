import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { loadEpisodes } from '../../src/episodes/load-episodes.ts';
import { buildShow, type BuiltShow } from './build-sample.ts';
import { jsonLd, meta, onlyJsonLd, readPage } from './read-page.ts';

/** Seconds of an ISO 8601 duration of the form schema.org uses (`PT1H12M34S`); NaN for anything else. */
function isoDurationSeconds(value: unknown): number {
  const match = typeof value === 'string' ? /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value) : null;
  if (!match || value === 'PT') return NaN;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

describe('structured data on the sample episode pages', () => {
  let site: BuiltShow;
  let episodes: Episode[];
  let siteUrl: string;
  let showTitle: string;

  beforeAll(async () => {
    site = await buildShow();
    const { config } = await loadConfig(site.root);
    if (!config) throw new Error('the sample config does not load');
    siteUrl = config.url;
    showTitle = config.title;
    episodes = (await loadEpisodes(site.root, config.timezone)).episodes.filter((e) => !e.draft);
  });

  /** The local file an absolute URL of the site stands for, or undefined for other hosts. */
  function localFile(url: string): string | undefined {
    if (!url.startsWith(siteUrl)) return undefined;
    const rel = url.slice(siteUrl.length);
    return path.join(site.out, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
  }

  it('Casino Night: PodcastEpisode JSON-LD with series, audio, duration, date and people', async () => {
    const data = onlyJsonLd(await readPage(path.join(site.out, 'episodes/casino-night/index.html')));
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'PodcastEpisode',
      name: 'Casino Night',
      url: 'https://breakroomrewatch.example/episodes/casino-night/',
      episodeNumber: 41,
      datePublished: '2020-10-14T07:00:00.000Z',
      duration: 'PT1H12M34S',
      partOfSeries: { '@type': 'PodcastSeries', name: 'Break Room Rewatch', url: 'https://breakroomrewatch.example/' },
      associatedMedia: {
        '@type': 'MediaObject',
        contentUrl: 'https://cdn.breakroomrewatch.example/041-casino-night.mp3',
        encodingFormat: 'audio/mpeg',
        duration: 'PT1H12M34S',
      },
    });
    expect(data.actor).toEqual([
      { '@type': 'Person', name: 'Maya Okafor' },
      { '@type': 'Person', name: 'Dev Lindqvist' },
      { '@type': 'Person', name: 'Ravi Sandoval', url: 'https://dealerschool.example/ravi' },
    ]);
  });

  it('every episode page names its series, audio, ISO 8601 duration, date and people', async () => {
    expect(episodes.length).toBe(7);
    for (const episode of episodes) {
      const data = onlyJsonLd(await readPage(path.join(site.out, `episodes/${episode.slug}/index.html`)));
      const where = `episodes/${episode.slug}`;
      expect(data['@type'], where).toBe('PodcastEpisode');
      expect(data.name, where).toBe(episode.title);
      expect(data.partOfSeries, where).toMatchObject({ '@type': 'PodcastSeries', name: showTitle });
      expect(data.associatedMedia, where).toMatchObject({ '@type': 'MediaObject', contentUrl: episode.audio?.url, encodingFormat: episode.audio?.type });
      expect(isoDurationSeconds(data.duration), where).toBe(episode.audio?.duration);
      expect(new Date(String(data.datePublished)).getTime(), where).toBe(episode.date.getTime());
      const people = (data.actor as { name: string }[]).map((p) => p.name);
      expect(people, where).toEqual([...episode.hosts, ...episode.guests].map((p) => p.name));
    }
  });

  it('every episode page has complete Open Graph (with og:audio) and Twitter card tags', async () => {
    for (const episode of episodes) {
      const document = await readPage(path.join(site.out, `episodes/${episode.slug}/index.html`));
      const where = `episodes/${episode.slug}`;
      const canonical = `${siteUrl}episodes/${episode.slug}/`;
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), where).toBe(canonical);
      expect(meta(document, 'og:url'), where).toBe(canonical);
      expect(meta(document, 'og:site_name'), where).toBe(showTitle);
      expect(meta(document, 'og:title'), where).toContain(episode.title);
      expect(meta(document, 'og:description'), where).toBe(episode.summary);
      expect(meta(document, 'og:type'), where).toMatch(/^(article|music\.song|website)$/);
      expect(meta(document, 'og:audio'), where).toBe(episode.audio?.url);
      expect(meta(document, 'og:audio:type'), where).toBe(episode.audio?.type);
      const image = meta(document, 'og:image') ?? '';
      expect(image, where).toMatch(/^https:\/\//);
      const imageFile = localFile(image);
      expect(imageFile && existsSync(imageFile), `${where}: og:image ${image} is a file of the build`).toBe(true);
      expect(meta(document, 'twitter:card'), where).toMatch(/^(summary|summary_large_image)$/);
      expect(meta(document, 'twitter:title'), where).toBe(meta(document, 'og:title'));
      expect(meta(document, 'twitter:description'), where).toBe(meta(document, 'og:description'));
      expect(meta(document, 'twitter:image'), where).toBe(image);
    }
  });

  it('an episode with quotes shows its first quote’s card as og:image, a quote card page its own', async () => {
    const episode = await readPage(path.join(site.out, 'episodes/casino-night/index.html'));
    expect(meta(episode, 'og:image')).toBe('https://breakroomrewatch.example/quotes/casino-night/trailer-orders/card.png');
    expect(meta(episode, 'twitter:card')).toBe('summary_large_image');
    const quotePages = site.files.filter((f) => /^quotes\/[^/]+\/[^/]+\/index\.html$/.test(f));
    expect(quotePages.length).toBeGreaterThan(10);
    for (const page of quotePages) {
      const document = await readPage(path.join(site.out, page));
      const folder = `${siteUrl}${page.replace(/index\.html$/, '')}`;
      expect(meta(document, 'og:image'), page).toBe(`${folder}card.png`);
      expect(existsSync(path.join(site.out, page.replace(/index\.html$/, 'card.png'))), page).toBe(true);
      expect(meta(document, 'twitter:card'), page).toBe('summary_large_image');
      expect(meta(document, 'twitter:image'), page).toBe(`${folder}card.png`);
      expect(meta(document, 'og:title'), page).toBe(document.querySelector('title')?.textContent);
    }
  });

  it('JSON-LD parses on every page that has it, and the index is no episode', async () => {
    const pages = site.files.filter((f) => f.endsWith('.html'));
    for (const page of pages) jsonLd(await readPage(path.join(site.out, page)));
    const index = jsonLd(await readPage(path.join(site.out, 'index.html')));
    expect(index.map((d) => d['@type'])).not.toContain('PodcastEpisode');
  });
});

describe('structured data of an episode without audio', () => {
  it('a draft with no audio claims no audio, duration or og:audio', async () => {
    const site = await buildShow('mini-show', { drafts: true });
    const document = await readPage(path.join(site.out, 'episodes/next-week/index.html'));
    const data = onlyJsonLd(document);
    expect(data).toMatchObject({ '@type': 'PodcastEpisode', name: 'Next Week' });
    expect(data.associatedMedia).toBeUndefined();
    expect(data.duration).toBeUndefined();
    expect(meta(document, 'og:audio')).toBeUndefined();
    expect(document.querySelector('audio')).toBeNull();
  });

  it('the duration reader rejects what is not ISO 8601', () => {
    expect(isoDurationSeconds('PT1H12M34S')).toBe(4354);
    expect(isoDurationSeconds('1:12:34')).toBeNaN();
    expect(isoDurationSeconds('PT')).toBeNaN();
    expect(isoDurationSeconds(4354)).toBeNaN();
  });
});
