import type { ShowConfig } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode, Person } from '../episodes/episode.ts';
import { formatTimestamp, fragmentTime } from '../episodes/parse-time.ts';
import { describeReason } from '../matching/describe-reason.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { cutAtWord } from './cut-at-word.ts';
import { episodeUrl, episodeView, type EpisodeView } from './episode-view.ts';
import { feedDescription, feedNotes } from './feed-html.ts';
import { episodeGuid, podcastGuid } from './podcast-guid.ts';
import type { SiteView } from './site-view.ts';

/** A `podcast:person` (https://podcastindex.org/namespace/1.0#person). */
export interface FeedPerson {
  name: string;
  /** Lower case, from the namespace's taxonomy: `host`, `guest`, … */
  role: string;
  href?: string;
  img?: string;
}

/** An `itunes:category` with its subcategories, nested as Apple asks. */
export interface FeedCategory {
  text: string;
  subcategories: string[];
}

/** One episode as the feed templates see it: every value already in its feed format. */
export interface FeedItemView {
  /** The page view, for templates that need more (quote cards, duration, …); built on first read. */
  episode: EpisodeView;
  guid: string;
  title: string;
  link: string;
  /** RFC 2822, for RSS `pubDate`. */
  pubDate: string;
  /** RFC 3339, for JSON Feed `date_published`. */
  published: string;
  summary: string;
  /** The notes' HTML for `content:encoded`, active elements removed. */
  notes: string;
  /** Notes reduced to Apple's description rules (≤ 4,000 bytes, `p, ol, ul, li, a`). */
  description: string;
  /** Absent only for an episode without audio, which validation allows for drafts alone. */
  enclosure?: { url: string; type: string; length: number; known: boolean };
  /** Whole seconds, for `itunes:duration`. */
  duration?: number;
  episodeNumber?: number;
  season?: number;
  episodeType: string;
  explicit: 'true' | 'false';
  persons: FeedPerson[];
  soundbites: { startTime: string; duration: string; title: string }[];
  chapters?: { url: string; type: 'application/json+chapters' };
  transcript?: { url: string; type: 'text/vtt'; language: string };
  topics: string[];
  /** Related articles with their reasons in words (`why`), as on the page. */
  related: (RelatedArticle & { why: string[] })[];
  /** The chapters as the item HTML lists them: display time, title, link. */
  chapterLinks: { time: string; title: string; url?: string }[];
  /** The quotes as the item HTML lists them: the page at the quote's time (`…/#t=2530`). */
  quoteLinks: { text: string; speaker: string; time: string; pageLink: string }[];
}

/**
 * The show as every feed template sees it, item templates included: only what comes from the
 * config and the site, so an item's output depends on its own episode and nothing else's.
 */
export interface FeedShow {
  title: string;
  link: string;
  description: string;
  language: string;
  author: string;
  /** This feed's own URL, for `atom:link rel="self"`. */
  rssUrl: string;
  jsonUrl: string;
  image?: string;
  categories: FeedCategory[];
  explicit: 'true' | 'false';
  owner?: { name: string; email: string };
  /** `episodic`: the config has no key for `serial`. */
  type: 'episodic';
  /** `no`: the config has no key for it, and most hosts start unlocked. */
  locked: 'no';
  guid: string;
}

/** The channel of the feed documents: the show, and what is gathered across its episodes. */
export interface FeedChannel extends FeedShow {
  /** `podcast:trailer`: the episodes of type `trailer` (https://podcastindex.org/namespace/1.0#trailer). */
  trailers: { title: string; url: string; pubdate: string; type: string; length?: number; season?: number }[];
  /** Union of the published episodes' hosts, newest episode first. */
  hosts: FeedPerson[];
  /** RFC 2822 date of the newest episode: never the clock, so builds stay byte-identical. */
  lastBuildDate?: string;
}

/** The whole podcast as the feed templates (`feed.xml`, `feed.json`) see it. */
export interface FeedView extends FeedChannel {
  items: FeedItemView[];
}

/** Everything `feedView` reads. */
export interface FeedInput {
  config: ShowConfig;
  site: SiteView;
  /** Newest first; drafts are dropped here whatever the build included. */
  episodes: readonly Episode[];
  related: ReadonlyMap<string, RelatedArticle[]>;
}

/** A soundbite title's limit (https://podcastindex.org/namespace/1.0#soundbite). */
export const SOUNDBITE_TITLE_MAX = 128;
/** A trailer title's limit (https://podcastindex.org/namespace/1.0#trailer). */
export const TRAILER_TITLE_MAX = 128;

/**
 * The feed's view data, and warnings for what directories will complain about (pure).
 * Follows Apple's podcast RSS requirements, PSP-1 and the Podcasting 2.0 namespace.
 */
export function feedView(input: FeedInput): { feed: FeedView; warnings: Diagnostic[] } {
  const { channel, warnings } = feedChannel(input);
  const items = input.episodes.filter((e) => !e.draft).map((episode) => feedItem(episode, input, channel.guid));
  return { feed: { ...channel, items }, warnings };
}

/**
 * The channel without any item's notes (cheap: no HTML is read), and the warnings of the
 * whole feed, items included, in the order `feedView` always gave them.
 */
export function feedChannel(input: FeedInput): { channel: FeedChannel; warnings: Diagnostic[] } {
  const { config, site } = input;
  const published = input.episodes.filter((e) => !e.draft);
  const warnings: Diagnostic[] = [];
  if (!site.image) {
    warnings.push({ severity: 'warning', file: 'shownotes.config.yaml', field: 'image', message: 'no show artwork: Apple Podcasts requires itunes:image (a 1400–3000 px JPEG or PNG)' });
  }
  if (!config.email) {
    warnings.push({ severity: 'warning', file: 'shownotes.config.yaml', field: 'email', message: 'no owner e-mail: the feed has no itunes:owner, which Apple Podcasts uses to verify the show' });
  }
  for (const episode of published) {
    if (episode.audio && episode.audio.length === undefined) {
      warnings.push({ severity: 'warning', file: episode.relativeFile, field: 'audio.length', message: 'no size in bytes: the feed writes enclosure length="0", which Apple Podcasts may reject' });
    }
    if (episode.audio?.duration === undefined) {
      warnings.push({ severity: 'warning', file: episode.relativeFile, field: 'audio.duration', message: 'no duration: the feed has no itunes:duration for this episode' });
    }
  }
  const newest = published[0];
  const channel: FeedChannel = {
    ...feedShow(input),
    trailers: published.flatMap((e) =>
      e.type === 'trailer' && e.audio
        ? [{
            title: cutAtWord(e.title, TRAILER_TITLE_MAX),
            url: e.audio.url,
            pubdate: rfc2822(e.date),
            type: e.audio.type,
            length: e.audio.length,
            season: e.season,
          }]
        : [],
    ),
    hosts: uniquePeople(published.flatMap((e) => e.hosts)),
    lastBuildDate: newest && rfc2822(newest.date),
  };
  return { channel, warnings };
}

/** The show's part of the channel: config and site only. */
export function feedShow(input: Pick<FeedInput, 'config' | 'site'>): FeedShow {
  const { config, site } = input;
  return {
    title: config.title,
    link: site.url,
    description: config.description,
    language: config.language,
    author: config.author,
    rssUrl: site.feeds.rss,
    jsonUrl: site.feeds.json,
    image: site.image,
    categories: nestCategories(config.categories),
    explicit: config.explicit ? 'true' : 'false',
    owner: config.email ? { name: config.author, email: config.email } : undefined,
    type: 'episodic',
    locked: 'no',
    guid: podcastGuid(site.feeds.rss),
  };
}

/**
 * One published episode as the item templates see it; `showGuid` is the channel's `podcast:guid`.
 * `episode` (the whole page view, with every quote card's links and embed code) is built only
 * when a template reads it: the default templates read the lighter `chapterLinks` and `quoteLinks`.
 */
export function feedItem(episode: Episode, input: FeedInput, showGuid: string): FeedItemView {
  const relatedArticles = input.related.get(episode.slug) ?? [];
  // The page's URL as `episodeView` makes it.
  const url = episodeUrl(episode.slug, input.site);
  const audio = episode.audio;
  let view: EpisodeView | undefined;
  const item: Omit<FeedItemView, 'episode'> = {
    guid: episodeGuid(showGuid, episode.slug),
    title: episode.title,
    link: url,
    pubDate: rfc2822(episode.date),
    published: rfc3339(episode.date),
    summary: episode.summary,
    notes: episode.feedNotes ? (episode.feedNotes.notes ?? episode.html.trim()) : feedNotes(episode.html, url),
    description: feedDescription(episode.html, url, episode.summary || episode.title, episode.feedNotes?.description),
    enclosure: audio && { url: audio.url, type: audio.type, length: audio.length ?? 0, known: audio.length !== undefined },
    duration: audio?.duration === undefined ? undefined : Math.round(audio.duration),
    episodeNumber: episode.number,
    season: episode.season,
    episodeType: episode.type,
    explicit: (episode.explicit ?? input.config.explicit) ? 'true' : 'false',
    // An item's list replaces the channel's, so the hosts are restated before the guests.
    persons: uniquePeople([...episode.hosts, ...episode.guests]),
    soundbites: episode.quotes.map((q) => ({
      startTime: fragmentTime(q.at),
      duration: fragmentTime(q.duration),
      title: cutAtWord(q.text, SOUNDBITE_TITLE_MAX),
    })),
    chapters: episode.chapters.length ? { url: `${url}chapters.json`, type: 'application/json+chapters' } : undefined,
    transcript: episode.transcript ? { url: `${url}transcript.vtt`, type: 'text/vtt', language: input.config.language } : undefined,
    topics: episode.topics,
    related: relatedArticles.map((r) => ({ ...r, why: r.reasons.map(describeReason) })),
    chapterLinks: episode.chapters.map((c) => ({ time: formatTimestamp(c.at), title: c.title, url: c.url })),
    quoteLinks: episode.quotes.map((q) => ({ text: q.text, speaker: q.speaker, time: formatTimestamp(q.at), pageLink: `${url}#t=${fragmentTime(q.at)}` })),
  };
  // Not enumerable: copying the item's fields (`{ ...item }`) must not build the page view.
  return Object.defineProperty(item, 'episode', { get: () => (view ??= episodeView(episode, input.site, relatedArticles)) }) as FeedItemView;
}

/** `"TV & Film > TV Reviews"` and `"TV & Film"` → one `TV & Film` with `TV Reviews` inside. */
export function nestCategories(categories: readonly string[]): FeedCategory[] {
  const out: FeedCategory[] = [];
  for (const entry of categories) {
    const [text, sub] = entry.split('>').map((part) => part.trim());
    if (!text) continue;
    let category = out.find((c) => c.text === text);
    if (!category) out.push((category = { text, subcategories: [] }));
    if (sub && !category.subcategories.includes(sub)) category.subcategories.push(sub);
  }
  return out;
}

/** First mention of each name wins; roles are lower case as in the namespace's taxonomy. */
function uniquePeople(people: readonly Person[]): FeedPerson[] {
  const seen = new Map<string, FeedPerson>();
  for (const p of people) {
    if (!seen.has(p.name)) seen.set(p.name, { name: p.name, role: p.role.toLowerCase(), href: p.href, img: p.img });
  }
  return [...seen.values()];
}

/** RFC 2822 in GMT, e.g. `Wed, 14 Oct 2020 07:00:00 GMT` (what `toUTCString` writes). */
export function rfc2822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC without needless milliseconds, e.g. `2020-10-14T07:00:00Z`. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
