import type { ShowConfig } from '../config/config.ts';
import type { Episode } from '../episodes/episode.ts';
import type { RelatedArticle } from '../matching/related.ts';
import type { OutputFile } from '../output/output-file.ts';
import { episodeJsonLd, episodeView, type EpisodeView } from './episode-view.ts';
import type { Theme } from './load-theme.ts';
import { renderQuoteCards } from './render-quote-cards.ts';
import type { SiteView } from './site-view.ts';

/** Episodes on one index page (SPEC §5). */
export const PAGE_SIZE = 20;

/** Everything the page renderer needs, already loaded. */
export interface SiteInput {
  config: ShowConfig;
  site: SiteView;
  /** Newest first; drafts only when the build asked for them. */
  episodes: readonly Episode[];
  related: ReadonlyMap<string, RelatedArticle[]>;
  /** WebVTT text by episode slug. */
  transcripts: ReadonlyMap<string, string>;
  /** Every quote has a `card.png` (written by the build): pages and oEmbed point at them. */
  cardImages?: boolean;
}

/** Page metadata every layout reads as `page`. */
interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  type: 'website' | 'article';
  image?: string;
  /** The image is a 1200×630 card: `twitter:card` becomes `summary_large_image`. */
  largeImage?: boolean;
  noindex?: boolean;
}

/** Renders the HTML pages, the sitemap and the transcripts (pure: no disk). */
export function renderSite(input: SiteInput, theme: Theme): OutputFile[] {
  const { site } = input;
  const views = input.episodes.map((e) => episodeView(e, site, input.related.get(e.slug) ?? [], { images: input.cardImages ?? false }));
  const files: OutputFile[] = [];

  const pageCount = Math.max(1, Math.ceil(views.length / PAGE_SIZE));
  for (let n = 1; n <= pageCount; n++) {
    const pagePath = n === 1 ? '' : `page/${n}/`;
    const page: PageMeta = {
      title: n === 1 ? site.title : `${site.title} — page ${n} of ${pageCount}`,
      description: site.description,
      canonical: new URL(pagePath, site.url).href,
      type: 'website',
      image: site.image,
    };
    const link = (k: number) => (k === 1 ? site.base : `${site.base}page/${k}/`);
    files.push({
      path: `${pagePath}index.html`,
      data: theme.render('index', {
        site,
        page,
        episodes: views.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE),
        pagination: {
          current: n,
          total: pageCount,
          prev: n > 1 ? link(n - 1) : undefined,
          next: n < pageCount ? link(n + 1) : undefined,
        },
      }),
    });
  }

  views.forEach((view, i) => {
    files.push({ path: `episodes/${view.slug}/index.html`, data: renderEpisodePage(view, views[i + 1], views[i - 1], site, theme) });
    const vtt = input.transcripts.get(view.slug);
    if (vtt !== undefined) files.push({ path: `episodes/${view.slug}/transcript.vtt`, data: vtt });
  });

  files.push(...renderQuoteCards(views, site, theme));

  files.push({
    path: '404.html',
    data: theme.render('404', {
      site,
      page: { title: `Not found — ${site.title}`, description: site.description, canonical: new URL('404.html', site.url).href, type: 'website', noindex: true },
    }),
  });

  const urls = [
    ...Array.from({ length: pageCount }, (_, k) => ({ loc: new URL(k === 0 ? '' : `page/${k + 1}/`, site.url).href, lastmod: views[0]?.dateIso })),
    ...views.filter((v) => !v.draft).map((v) => ({ loc: v.url, lastmod: v.dateIso })),
  ];
  files.push({ path: 'sitemap.xml', data: theme.render('sitemap.xml', { site, urls }) });
  return files;
}

/** One show-notes page. `older`/`newer` give the previous/next links. */
export function renderEpisodePage(view: EpisodeView, older: EpisodeView | undefined, newer: EpisodeView | undefined, site: SiteView, theme: Theme): string {
  // SPEC §5: og:image is the first quote's card, when cards have images.
  const card = view.quotes[0]?.card.image;
  const page: PageMeta = {
    title: `${view.title} — ${site.title}`,
    description: view.summary || site.description,
    canonical: view.url,
    type: 'article',
    image: card?.url ?? site.image,
    largeImage: card !== undefined,
  };
  return theme.render('episode', {
    site,
    page,
    episode: view,
    previous: older && { title: older.title, path: older.path },
    next: newer && { title: newer.title, path: newer.path },
    jsonLd: episodeJsonLd(view, site),
  });
}
