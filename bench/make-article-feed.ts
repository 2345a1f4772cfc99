import { createRandom, seedFor, type Random } from './create-random.ts';
import { benchPodcast, personName, slugify, type BenchEpisode } from './make-episode.ts';
import { outlets } from './word-list.ts';
import { prose, titleWords } from './write-prose.ts';

/** Items per generated RSS file, as the benchmark issue asks. */
export const ARTICLES_PER_FEED = 1000;

/** What an article is, for the matching stage: a real match, a decoy, or noise. */
export type ArticleKind = 'related' | 'decoy' | 'plain';

/**
 * Exactly 2 % of articles quote or discuss an episode and 1 % are decoys sharing a host's
 * name; a fixed residue (not a coin toss) keeps those shares exact at every size.
 */
export function articleKind(index: number): ArticleKind {
  if (index % 50 === 17) return 'related';
  if (index % 100 === 42) return 'decoy';
  return 'plain';
}

const DAY_MS = 86_400_000;
const FIRST_ARTICLE = Date.UTC(2004, 0, 1);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri, 17 Jan 2025 09:30:00 +0000` (RFC 2822, as RSS 2.0 wants). */
export function rfc2822(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The quote as a journalist might print it: straight, curly, recased, cut or split. */
function varyQuote(rng: Random, text: string, speaker: string): string {
  const words = text.split(' ');
  switch (rng.int(0, 5)) {
    case 0:
      return `"${text}" ${speaker} said.`;
    case 1:
      return `\u201c${text}\u201d said ${speaker}.`;
    case 2:
      return `${speaker} put it plainly: "${text.toLowerCase()}"`;
    case 3: {
      if (words.length < 8) return `"${text}" ${speaker} recalled.`;
      const cut = words.slice(0, 3).concat('\u2026', words.slice(-4)).join(' ');
      return `"${cut}" ${speaker} said.`;
    }
    case 4: {
      const drop = rng.int(1, words.length - 2);
      return `"${words.filter((_, i) => i !== drop).join(' ')}" ${speaker} told listeners.`;
    }
    default: {
      const half = Math.max(2, Math.floor(words.length / 2));
      return `"${words.slice(0, half).join(' ').replace(/[.,]$/, '')}," ${speaker} said, "${words.slice(half).join(' ')}"`;
    }
  }
}

interface BenchArticle {
  title: string;
  pubDate: number;
  creator: string;
  paragraphs: string[];
}

/** Article `index` (0-based); `episodes` is the whole show, for the ones that discuss one. */
function makeArticle(seed: number, index: number, episodes: readonly BenchEpisode[]): BenchArticle {
  const rng = createRandom(seedFor(seed, 'article', index));
  const kind = articleKind(index);
  const creator = personName(rng);
  const ep = episodes.length > 0 ? episodes[rng.int(0, episodes.length - 1)] : undefined;
  if (kind === 'related' && ep) {
    const quote = rng.pick(ep.quotes);
    const people = [...ep.hosts, ...ep.guests].join(', ');
    return {
      title: `${quote.speaker} on the making of ${ep.subject.title}`,
      pubDate: Date.parse(`${ep.date}T12:00:00Z`) + rng.int(0, 40) * DAY_MS + rng.int(0, 86_399) * 1000,
      creator,
      paragraphs: [
        `This week the rewatch podcast ${benchPodcast.title} revisited "${ep.subject.title}", the episode of ${ep.subject.show} that first aired in ${ep.subject.aired.slice(0, 4)}. ${people} talked through the whole thing. ${prose(rng, 30).text}`,
        `${varyQuote(rng, quote.text, quote.speaker)} ${prose(rng, 60).text}`,
        prose(rng, 70).text,
        prose(rng, 50).text,
      ],
    };
  }
  const pubDate = FIRST_ARTICLE + rng.int(0, 8000) * DAY_MS + rng.int(0, 86_399) * 1000;
  if (kind === 'decoy') {
    const host = rng.pick(benchPodcast.hosts);
    const film = titleWords(rng);
    return {
      title: `${host} joins the cast of ${film}`,
      pubDate,
      creator,
      paragraphs: [
        `${host} has signed on to star in ${film}, a feature film shooting next spring. ${prose(rng, 40).text}`,
        prose(rng, 80).text,
        `${host} said the part was a change of pace. ${prose(rng, 60).text}`,
        prose(rng, 40).text,
      ],
    };
  }
  return {
    title: titleWords(rng),
    pubDate,
    creator,
    paragraphs: [prose(rng, 70).text, prose(rng, 70).text, prose(rng, 60).text, prose(rng, 50).text],
  };
}

/** The name of feed file `k` (0-based): `articles-01.xml`, … */
export function feedFileName(k: number, feedCount: number): string {
  return `articles-${String(k + 1).padStart(Math.max(2, String(feedCount).length), '0')}.xml`;
}

/** RSS 2.0 file `k` of `total` articles: items k·1000 … k·1000+999. */
export function makeArticleFeed(seed: number, k: number, total: number, episodes: readonly BenchEpisode[]): string {
  const outlet = outlets[k % outlets.length] as string;
  const name = k < outlets.length ? outlet : `${outlet} ${Math.floor(k / outlets.length) + 1}`;
  const host = `${slugify(name)}.example`;
  const items: string[] = [];
  const end = Math.min(total, (k + 1) * ARTICLES_PER_FEED);
  for (let i = k * ARTICLES_PER_FEED; i < end; i++) {
    const a = makeArticle(seed, i, episodes);
    const day = new Date(a.pubDate).toISOString().slice(0, 10).replace(/-/g, '/');
    const link = `https://${host}/${day}/${slugify(a.title)}-${i}/`;
    items.push(
      [
        '  <item>',
        `    <title>${escapeXml(a.title)}</title>`,
        `    <link>${link}</link>`,
        `    <guid isPermaLink="false">${host}-article-${i}</guid>`,
        `    <pubDate>${rfc2822(a.pubDate)}</pubDate>`,
        `    <dc:creator>${escapeXml(a.creator)}</dc:creator>`,
        `    <content:encoded><![CDATA[${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}]]></content:encoded>`,
        '  </item>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `  <title>${escapeXml(name)}</title>`,
    `  <link>https://${host}/</link>`,
    `  <description>TV news and reviews from ${escapeXml(name)}.</description>`,
    '  <language>en-us</language>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
