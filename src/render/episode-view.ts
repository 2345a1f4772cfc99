import type { Episode, Person, Quote } from '../episodes/episode.ts';
import { formatTimestamp, fragmentTime, isoDuration } from '../episodes/parse-time.ts';
import { describeReason } from '../matching/describe-reason.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { CARD_IMAGE_HEIGHT, CARD_IMAGE_WIDTH, embedSnippet } from './embed-snippet.ts';
import { siteUrl, type SiteView } from './site-view.ts';

/** A moment in the audio as templates use it: a display time and a link that seeks to it. */
export interface TimeLink {
  /** Seconds, as written in `#t=`. */
  t: string;
  /** `42:10` or `1:02:03`. */
  time: string;
  /**
   * The audio file with a media fragment (`…mp3#t=2530`): without script a browser opens
   * the audio at that time; with script the page's player seeks instead.
   */
  href: string;
}

/** One quote as the episode page, its card page and its oEmbed response see it. */
export interface QuoteView extends TimeLink {
  id: string;
  text: string;
  speaker: string;
  /** The speaker's picture, when a host or guest of that name has an `img`. */
  speakerImage?: string;
  duration: number;
  /** End of the quote in seconds, as written in `#t=`; never past the episode's end. */
  end: string;
  /** The episode page at the quote's time (`…/episodes/<slug>/#t=2530`). */
  pageLink: string;
  /** The audio with a `#t=start,end` media fragment: the quote's span alone. */
  clip?: string;
  card: QuoteCardLinks;
}

/** Where a quote's card lives (SPEC §5 `quotes/<slug>/<id>/…`), and how to embed or share it. */
export interface QuoteCardLinks {
  /** Output folder, e.g. `quotes/casino-night/trailer-orders/`. */
  dir: string;
  /** Root-relative link to the card page. */
  path: string;
  /** Absolute URL of the card page: the share link and the iframe's `src`. */
  url: string;
  /** Absolute URL of `oembed.json`. */
  oembed: string;
  /** The iframe snippet a web editor pastes (also the oEmbed `html`). */
  embed: string;
  /** `card.png`, when the show renders images (`images: true`). */
  image?: { url: string; width: number; height: number };
}

/** What `episodeView` needs beyond the episode. */
export interface EpisodeViewOptions {
  /** The show renders `card.png` social images (config `images`). */
  images?: boolean;
}

/** What the episode page and episode lists see. */
export interface EpisodeView {
  slug: string;
  title: string;
  number?: number;
  season?: number;
  type: string;
  draft: boolean;
  date: Date;
  dateIso: string;
  summary: string;
  /** The summary when it says something the notes do not already open with. */
  lead?: string;
  html: string;
  /** Root-relative link to the page. */
  path: string;
  /** Absolute URL of the page. */
  url: string;
  audio?: { url: string; type: string; length?: number };
  duration?: { seconds: number; time: string; iso: string };
  hosts: Person[];
  guests: Person[];
  topics: string[];
  subject?: Episode['subject'];
  chapters: (TimeLink & { title: string; url?: string })[];
  quotes: QuoteView[];
  transcript?: { path: string; url: string };
  chaptersFile?: { path: string; url: string };
  /** Related articles with their reasons in words (`why`), for the page. */
  related: (RelatedArticle & { why: string[] })[];
}

/** The absolute URL of an episode's page. */
export function episodeUrl(slug: string, site: SiteView): string {
  return siteUrl(`episodes/${slug}/`, site);
}

/** Builds an episode's view data from the parsed episode (pure). */
export function episodeView(episode: Episode, site: SiteView, related: RelatedArticle[] = [], options: EpisodeViewOptions = {}): EpisodeView {
  const path = `${site.base}episodes/${episode.slug}/`;
  const url = episodeUrl(episode.slug, site);
  const timeLink = (seconds: number): TimeLink => ({
    t: fragmentTime(seconds),
    time: formatTimestamp(seconds),
    href: episode.audio ? `${episode.audio.url.split('#')[0]}#t=${fragmentTime(seconds)}` : `#t=${fragmentTime(seconds)}`,
  });
  const duration = episode.audio?.duration;
  return {
    slug: episode.slug,
    title: episode.title,
    number: episode.number,
    season: episode.season,
    type: episode.type,
    draft: episode.draft,
    date: episode.date,
    dateIso: episode.date.toISOString(),
    summary: episode.summary,
    lead: episode.summaryFromNotes ? undefined : episode.summary,
    // Read when a template uses it: a cached episode loads its notes on first use, and an index
    // page or a neighbour link never shows them.
    get html() {
      return episode.html;
    },
    path,
    url,
    audio: episode.audio && { url: episode.audio.url, type: episode.audio.type, length: episode.audio.length },
    duration: duration === undefined ? undefined : { seconds: duration, time: formatTimestamp(duration), iso: isoDuration(duration) },
    hosts: episode.hosts,
    guests: episode.guests,
    topics: episode.topics,
    subject: episode.subject,
    chapters: episode.chapters.map((c) => {
      const link = timeLink(c.at);
      return { t: link.t, time: link.time, href: link.href, title: c.title, url: c.url };
    }),
    quotes: episode.quotes.map((q) => quoteView(q, episode, site, timeLink(q.at), options)),
    transcript: episode.transcript ? { path: `${path}transcript.vtt`, url: `${url}transcript.vtt` } : undefined,
    chaptersFile: episode.chapters.length ? { path: `${path}chapters.json`, url: `${url}chapters.json` } : undefined,
    related: related.map((r) => ({ ...r, why: r.reasons.map(describeReason) })),
  };
}

/** A quote card's output folder (SPEC §5): `quotes/<slug>/<id>/`, ids and slugs being `[a-z0-9-]`. */
export function quoteCardDir(slug: string, id: string): string {
  return `quotes/${slug}/${id}/`;
}

function quoteView(q: Quote, episode: Episode, site: SiteView, time: TimeLink, options: EpisodeViewOptions): QuoteView {
  const dir = quoteCardDir(episode.slug, q.id);
  const url = siteUrl(dir, site);
  const length = episode.audio?.duration;
  const end = fragmentTime(length === undefined ? q.at + q.duration : Math.min(q.at + q.duration, length));
  const speaker = [...episode.hosts, ...episode.guests].find((p) => p.name === q.speaker && p.img);
  // The time link's fields are written out, not spread: V8 builds a literal that starts with a
  // spread and goes on with more fields by adding them one at a time to a copy, ten times the
  // cost of a plain literal (~1.5 s for the 32,000 quotes of the benchmark show, on the page
  // thread and again on the quote-card thread).
  return {
    t: time.t,
    time: time.time,
    href: time.href,
    id: q.id,
    text: q.text,
    speaker: q.speaker,
    speakerImage: speaker?.img,
    duration: q.duration,
    end,
    pageLink: `${episodeUrl(episode.slug, site)}#t=${time.t}`,
    clip: episode.audio && `${episode.audio.url.split('#')[0]}#t=${time.t},${end}`,
    card: {
      dir,
      path: `${site.base}${dir}`,
      url,
      oembed: `${url}oembed.json`,
      embed: embedSnippet({ src: url, title: `Quote by ${q.speaker} from ${episode.title} (${site.title})` }),
      image: options.images ? { url: `${url}card.png`, width: CARD_IMAGE_WIDTH, height: CARD_IMAGE_HEIGHT } : undefined,
    },
  };
}

/** schema.org `PodcastEpisode` for the page's JSON-LD. */
export function episodeJsonLd(view: EpisodeView, site: SiteView): Record<string, unknown> {
  const people = [...view.hosts, ...view.guests].map((p) => ({ '@type': 'Person', name: p.name, ...(p.href ? { url: p.href } : {}) }));
  return {
    '@context': 'https://schema.org',
    '@type': 'PodcastEpisode',
    url: view.url,
    name: view.title,
    datePublished: view.dateIso,
    description: view.summary,
    ...(view.number !== undefined ? { episodeNumber: view.number } : {}),
    ...(view.duration ? { timeRequired: view.duration.iso, duration: view.duration.iso } : {}),
    ...(view.audio
      ? {
          associatedMedia: {
            '@type': 'MediaObject',
            contentUrl: view.audio.url,
            encodingFormat: view.audio.type,
            ...(view.duration ? { duration: view.duration.iso } : {}),
          },
        }
      : {}),
    partOfSeries: { '@type': 'PodcastSeries', name: site.title, url: site.url },
    ...(people.length ? { actor: people } : {}),
    ...(view.topics.length ? { keywords: view.topics.join(', ') } : {}),
    // Each quote as a schema.org Clip of the episode, pointing at its card.
    ...(view.quotes.length
      ? {
          hasPart: view.quotes.map((q) => ({
            '@type': 'Clip',
            name: q.text,
            url: q.card.url,
            startOffset: Number(q.t),
            endOffset: Number(q.end),
            creator: { '@type': 'Person', name: q.speaker },
          })),
        }
      : {}),
  };
}
