import { EMBED_HEIGHT, EMBED_WIDTH } from './embed-snippet.ts';
import type { EpisodeView, QuoteView } from './episode-view.ts';
import type { SiteView } from './site-view.ts';

/** How long a consumer may cache a card's oEmbed response, in seconds (oEmbed 1.0 §2.3.4 `cache_age`). */
export const OEMBED_CACHE_AGE = 86400;

/** An oEmbed 1.0 `rich` response (https://oembed.com/ §2.3.4 and §2.3.4.4). */
export interface OEmbedRich {
  version: '1.0';
  type: 'rich';
  title: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
}

/**
 * A quote card's `oembed.json`: the author is the speaker, linked to the episode page (where
 * the quote is said); the provider is the show. A thumbnail only when `card.png` is built.
 */
export function oembedResponse(episode: EpisodeView, quote: QuoteView, site: SiteView): OEmbedRich {
  const image = quote.card.image;
  return {
    version: '1.0',
    type: 'rich',
    title: `“${quote.text}” — ${quote.speaker}`,
    author_name: quote.speaker,
    author_url: episode.url,
    provider_name: site.title,
    provider_url: site.url,
    cache_age: OEMBED_CACHE_AGE,
    html: quote.card.embed,
    width: EMBED_WIDTH,
    height: EMBED_HEIGHT,
    ...(image ? { thumbnail_url: image.url, thumbnail_width: image.width, thumbnail_height: image.height } : {}),
  };
}
