import type { ShowConfig } from '../config/config.ts';
import type { Episode } from '../episodes/episode.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { contentHash } from '../incremental/content-hash.ts';
import { episodeDigest } from '../incremental/episode-digest.ts';
import { wholeData } from '../output/file-pieces.ts';
import type { OutputFile } from '../output/output-file.ts';
import { planFile, type PlannedOutput } from '../output/planned-output.ts';
import { episodeJsonLd, episodeUrl, episodeView, quoteCardDir, type EpisodeView } from './episode-view.ts';
import type { Theme } from './load-theme.ts';
import { renderQuoteCard } from './render-quote-cards.ts';
import { siteUrl, type SiteView } from './site-view.ts';
import { relatedDigestOf } from '../matching/related-by-slug.ts';

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

/** What the keys of planned pages are made from, besides each page's own view data. */
export interface SiteKeys {
  /** Digest of what every page reads: the tool version, the theme, the config and the site view. */
  site: string;
  /** Digest of one parsed episode (see `episodeKey`). */
  episode(episode: Episode): string;
}

/** Renders the HTML pages, the sitemap and the transcripts (pure: no disk). */
export function renderSite(input: SiteInput, theme: Theme): OutputFile[] {
  const keys: SiteKeys = { site: '', episode: () => '' };
  return planSite(input, theme, keys).flatMap((plan) => plan.render().files.map((file) => ({ path: file.path, data: wholeData(file.data) })));
}

/**
 * The pages, sitemap and transcripts as plans: each keyed by exactly what it reads, so an
 * incremental build renders only those whose inputs changed (issue 7). An episode page reads
 * its episode, its related articles and its neighbours' titles and slugs; an index page its
 * twenty episodes; the sitemap every episode; all of them the site key.
 */
export function planSite(input: SiteInput, theme: Theme, keys: SiteKeys): PlannedOutput[] {
  const { site, episodes } = input;
  const images = input.cardImages ?? false;
  const view = recentViews((i) => episodeView(episodes[i]!, site, input.related.get(episodes[i]!.slug) ?? [], { images }));
  const viewKeys: (string | undefined)[] = new Array(episodes.length);
  /** An episode's view: the episode and its related articles. */
  const viewKey = (i: number): string =>
    (viewKeys[i] ??= contentHash(keys.episode(episodes[i]!), relatedDigestOf(input.related, episodes[i]!.slug), String(images)));
  /** What a page reads of its neighbour: the title and the link. */
  const neighbourKey = (i: number): string => (episodes[i] ? JSON.stringify([episodes[i].title, episodes[i].slug]) : '-');
  const plans: PlannedOutput[] = [];

  const planEpisode = (i: number): void => {
    const episode = episodes[i]!;
    const key = contentHash('episode', keys.site, viewKey(i), neighbourKey(i + 1), neighbourKey(i - 1));
    plans.push(
      planFile(`episodes/${episode.slug}/index.html`, key, () =>
        renderEpisodePage(view(i), i + 1 < episodes.length ? view(i + 1) : undefined, i > 0 ? view(i - 1) : undefined, site, theme),
      ),
    );
    const vtt = input.transcripts.get(episode.slug);
    if (vtt !== undefined) plans.push(planFile(`episodes/${episode.slug}/transcript.vtt`, contentHash('vtt', vtt), () => vtt));
  };

  // A quote's card page and oEmbed (SPEC §5 quotes/) read the quote and, of its episode, the
  // slug, title, number, audio and people (for the speaker's picture): not the notes (see
  // `episodeDigest`). One plan holds all of an episode's cards: a large show has tens of
  // thousands of cards, and a key per card cost a rebuild more in hashing and objects than an
  // edited quote's seven neighbouring cards cost to render again (identical bytes are not written).
  const planCards = (i: number): void => {
    const episode = episodes[i]!;
    const digest = episodeDigest(episode);
    if (!digest.quoteCount) return;
    let paths: string[] | undefined;
    plans.push({
      // 64,000 paths on the bench show, of which a rebuild reads only an edited episode's: the
      // key covers the slug and the quote ids they are made of (`cardsKey`), and the tool
      // version (`keys.site`) the way they are made.
      get paths() {
        return (paths ??= digest.quoteIds.flatMap((id) => {
          const dir = quoteCardDir(episode.slug, id);
          return [`${dir}index.html`, `${dir}oembed.json`];
        }));
      },
      pathCount: digest.quoteCount * 2,
      kind: 'quote-card',
      key: contentHash('quotes', keys.site, String(images), digest.cardsKey),
      render: () => ({ files: view(i).quotes.flatMap((quote) => renderQuoteCard(view(i), quote, site, theme)) }),
    });
  };

  const pageCount = Math.max(1, Math.ceil(episodes.length / PAGE_SIZE));
  for (let n = 1; n <= pageCount; n++) {
    const pagePath = n === 1 ? '' : `page/${n}/`;
    const first = (n - 1) * PAGE_SIZE;
    const last = Math.min(n * PAGE_SIZE, episodes.length);
    const slice = Array.from({ length: last - first }, (_, k) => first + k);
    const key = contentHash('index', keys.site, String(n), String(pageCount), ...slice.map(viewKey));
    plans.push(
      planFile(`${pagePath}index.html`, key, () => {
        const page: PageMeta = {
          title: n === 1 ? site.title : `${site.title} — page ${n} of ${pageCount}`,
          description: site.description,
          canonical: siteUrl(pagePath, site),
          type: 'website',
          image: site.image,
        };
        const link = (k: number) => (k === 1 ? site.base : `${site.base}page/${k}/`);
        return theme.render('index', {
          site,
          page,
          episodes: slice.map(view),
          pagination: {
            current: n,
            total: pageCount,
            prev: n > 1 ? link(n - 1) : undefined,
            next: n < pageCount ? link(n + 1) : undefined,
          },
        });
      }),
    );
    // Each index page is followed by its episodes' pages and cards: rendered in this order,
    // every view is made once and dropped soon after (see recentViews).
    for (const i of slice) {
      planEpisode(i);
      planCards(i);
    }
  }

  plans.push(
    planFile('404.html', contentHash('404', keys.site), () =>
      theme.render('404', {
        site,
        page: { title: `Not found — ${site.title}`, description: site.description, canonical: new URL('404.html', site.url).href, type: 'website', noindex: true },
      }),
    ),
  );

  plans.push(
    // The sitemap lists the pages and each published episode's address and date: its key is
    // made of those alone, so an edit to an episode's notes or quotes does not render it again
    // (half a megabyte on the benchmark show).
    planFile('sitemap.xml', contentHash('sitemap', keys.site, String(pageCount), ...episodes.map((e) => `${e.slug}\n${e.draft ? 1 : 0}\n${e.date.getTime()}`)), () => {
      const urls = [
        ...Array.from({ length: pageCount }, (_, k) => ({ loc: new URL(k === 0 ? '' : `page/${k + 1}/`, site.url).href, lastmod: episodes[0]?.date.toISOString() })),
        ...episodes.filter((e) => !e.draft).map((e) => ({ loc: episodeUrl(e.slug, site), lastmod: e.date.toISOString() })),
      ];
      return theme.render('sitemap.xml', { site, urls });
    }),
  );
  return plans;
}

/** One show-notes page. `older`/`newer` give the previous/next links. */
/**
 * The page of `input.episodes[i]` alone, exactly as `planSite` renders it: for the dev server's
 * preview of an edited episode (`previewEdits`), before the whole site is brought up to date.
 */
export function renderEpisodePageAt(input: SiteInput, theme: Theme, i: number): string {
  const { site, episodes } = input;
  const view = (k: number): EpisodeView => episodeView(episodes[k]!, site, input.related.get(episodes[k]!.slug) ?? [], { images: input.cardImages ?? false });
  return renderEpisodePage(view(i), i + 1 < episodes.length ? view(i + 1) : undefined, i > 0 ? view(i - 1) : undefined, site, theme);
}

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

/** Views kept at once: an index page's twenty and their neighbours. */
const RECENT_VIEWS = 32;

/**
 * An episode's view, made on first use and kept while it is among the most recently used: the
 * plans are ordered so that each view's uses are close together, and holding all 4,000 views
 * of a large show until the end would cost hundreds of megabytes.
 */
function recentViews(make: (i: number) => EpisodeView): (i: number) => EpisodeView {
  const kept = new Map<number, EpisodeView>();
  return (i) => {
    let view = kept.get(i);
    if (view) {
      kept.delete(i);
    } else {
      view = make(i);
      if (kept.size >= RECENT_VIEWS) kept.delete(kept.keys().next().value!);
    }
    kept.set(i, view);
    return view;
  };
}
