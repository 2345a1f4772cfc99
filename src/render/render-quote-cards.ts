import type { Episode } from '../episodes/episode.ts';
import { cardPageCsp } from './card-page-csp.ts';
import { episodeView, type EpisodeView, type QuoteView } from './episode-view.ts';
import { safeJson } from './helpers.ts';
import type { Theme } from './load-theme.ts';
import { oembedResponse } from './oembed.ts';
import type { SiteView } from './site-view.ts';

/**
 * How long a quote is, for the card's type size: the card has a fixed ratio, so a longer quote
 * gets smaller type rather than a taller card (thresholds in characters).
 */
export type QuoteLength = 'short' | 'medium' | 'long' | 'very-long';

/** What `templates/quote.hbs` sees. */
export interface QuoteCardPage {
  site: SiteView;
  page: { title: string; description: string; canonical: string; url: string; image?: string; largeImage: boolean };
  episode: { title: string; url: string; number?: number };
  quote: QuoteView;
  /** Media type of the episode audio, for the player's `<source type>`. */
  audioType?: string;
  length: QuoteLength;
  /** The page's Content-Security-Policy, see `cardPageCsp`. */
  csp: string;
}

/**
 * Every card page (`quotes/<slug>/<id>/index.html`) and oEmbed response (`…/oembed.json`) of one
 * episode, SPEC §5, as the quote-card thread and the main thread both make them in a full build
 * (`start-quote-cards.ts`): a card shows no related articles and no notes, so its episode's
 * view has none.
 */
export function renderEpisodeCards(episode: Episode, site: SiteView, theme: Theme, images: boolean): { path: string; data: string }[] {
  const view = episodeView(episode, site, [], { images });
  return view.quotes.flatMap((quote) => renderQuoteCard(view, quote, site, theme));
}

/** One quote's card page and oEmbed response. */
export function renderQuoteCard(episode: EpisodeView, quote: QuoteView, site: SiteView, theme: Theme): { path: string; data: string }[] {
  return [
    { path: `${quote.card.dir}index.html`, data: theme.render('quote', quoteCardPage(episode, quote, site)) },
    { path: `${quote.card.dir}oembed.json`, data: `${safeJson(oembedResponse(episode, quote, site))}\n` },
  ];
}

/** The card page's view data: canonical is the episode page, og:image the card's own image. */
export function quoteCardPage(episode: EpisodeView, quote: QuoteView, site: SiteView): QuoteCardPage {
  return {
    site,
    page: {
      title: `“${quote.text}” — ${quote.speaker}`,
      description: `${quote.speaker} on ${episode.title}, ${site.title}, at ${quote.time}.`,
      canonical: episode.url,
      url: quote.card.url,
      image: quote.card.image?.url,
      largeImage: quote.card.image !== undefined,
    },
    episode: { title: episode.title, url: episode.url, number: episode.number },
    quote,
    audioType: episode.audio?.type,
    length: quoteLength(quote.text),
    csp: cardPageCsp({ siteUrl: site.url, audioUrl: episode.audio?.url, speakerImage: quote.speakerImage }),
  };
}

/** The type-size class of a quote, by its length in characters. */
export function quoteLength(text: string): QuoteLength {
  const n = [...text].length;
  if (n <= 90) return 'short';
  if (n <= 180) return 'medium';
  if (n <= 300) return 'long';
  return 'very-long';
}
