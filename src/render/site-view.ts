import path from 'node:path';
import type { ShowConfig } from '../config/config.ts';
import type { Episode } from '../episodes/episode.ts';

/** What every template sees as `site`. */
export interface SiteView {
  title: string;
  description: string;
  language: string;
  author: string;
  /** Absolute base URL, ending in `/`. */
  url: string;
  /** Path part of the base URL, ending in `/`: links inside the site start with it. */
  base: string;
  /** Absolute URL of the show artwork, when there is one. */
  image?: string;
  feeds: { rss: string; json: string };
  hosts: string[];
}

/** Site-wide view data, computed once per build. */
export function siteView(config: ShowConfig, episodes: readonly Episode[]): SiteView {
  const base = new URL(config.url).pathname;
  const image = imageUrl(config);
  const hosts = [...new Set(episodes.flatMap((e) => e.hosts.map((h) => h.name)))];
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    author: config.author,
    url: config.url,
    base: base.endsWith('/') ? base : `${base}/`,
    image,
    feeds: { rss: new URL('feed.xml', config.url).href, json: new URL('feed.json', config.url).href },
    hosts,
  };
}

/**
 * `new URL(path, site.url).href`, made by joining when `path` is plain (lower-case letters,
 * digits and hyphens in segments ending with `/`, as an episode's or quote card's folder is) and
 * the base URL has no query or fragment: the result is then the normalised base followed by the
 * path. A build asks for some 140,000 of these (each quote's card and page link, on the page
 * thread and again on the quote-card thread), and parsing each took ~1.4 µs.
 */
export function siteUrl(path: string, site: Pick<SiteView, 'url'>): string {
  if (site.url !== joinedBase.url) joinedBase = { url: site.url, prefix: joinPrefix(site.url) };
  return joinedBase.prefix !== undefined && PLAIN_PATH.test(path) ? joinedBase.prefix + path : new URL(path, site.url).href;
}

const PLAIN_PATH = /^(?:[a-z0-9-]+\/)*$/;

/** The base URL last joined to, normalised; undefined when joining would not give `new URL`'s result. */
let joinedBase: { url: string; prefix: string | undefined } = { url: '', prefix: undefined };

function joinPrefix(url: string): string | undefined {
  const parsed = new URL(url);
  return parsed.search || parsed.hash || !parsed.href.endsWith('/') ? undefined : parsed.href;
}

/**
 * Where the artwork is published: an absolute URL as given; a file under `static/` where
 * `static/` lands (the output root); any other path inside the show at the same path.
 */
export function imageUrl(config: ShowConfig): string | undefined {
  if (!config.image) return undefined;
  if (/^https?:\/\//i.test(config.image)) return config.image;
  return new URL(imageOutputPath(config.image), config.url).href;
}

/** The output path of a local artwork path. */
export function imageOutputPath(image: string): string {
  const clean = path.posix.normalize(image.split(path.sep).join('/')).replace(/^\.\//, '');
  return clean.startsWith('static/') ? clean.slice('static/'.length) : clean;
}
