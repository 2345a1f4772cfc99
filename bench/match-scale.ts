/**
 * Scale benchmark for the matcher (issue 5 item 5): deterministic synthetic episodes (8 quotes
 * each) and articles (~250 words) in memory; prints index time, match time and peak RSS.
 *
 *   node --import tsx bench/match-scale.ts                       # 4 sizes, one process each
 *   node --import tsx bench/match-scale.ts --episodes 4000 --articles 20000
 *   node --import tsx bench/match-scale.ts --episodes 4000 --articles 20000 --rebuild
 *   node --import tsx bench/match-scale.ts --episodes 4000 --articles 20000 --out related.json
 *
 * With `--rebuild`, also times `matchIncrementally` after one episode's notes gain a sentence
 * (issue 7; in memory, so without the cache files' reading and writing). With `--out FILE`, writes
 * the result as `related.json`, to compare two versions of the matcher byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/articles/article.ts';
import type { Episode } from '../src/episodes/episode.ts';
import { buildCorpusIndex } from '../src/matching/corpus-index.ts';
import { matchEpisodes } from '../src/matching/match-episodes.ts';
import { matchIncrementally } from '../src/matching/match-incrementally.ts';
import { renderRelatedJson } from '../src/matching/render-related-json.ts';

/** mulberry32: a small seeded PRNG, so every run builds the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20261126);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'ne', 'dri', 'pal', 'su', 'gor', 'en', 'ti', 'bra', 'mo', 'quel', 'ash', 'fin', 'dor', 'lee'];
/** A distinct made-up word for every number: its digits in base 20, one syllable each. */
function word(n: number): string {
  let w = '';
  do {
    w += SYLLABLES[n % 20];
    n = Math.floor(n / 20);
  } while (n > 0);
  return w;
}
const capital = (w: string): string => w[0]!.toUpperCase() + w.slice(1);

// A Zipf-like vocabulary: a few very common words, a long tail of rare ones.
const VOCAB = Array.from({ length: 30_000 }, (_, i) => word(i));
const CUMULATIVE: number[] = [];
let sum = 0;
for (let i = 0; i < VOCAB.length; i++) CUMULATIVE.push((sum += 1 / (i + 1)));
function zipfWord(): string {
  const x = rand() * sum;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
}
function sentence(words: number): string {
  const list = Array.from({ length: words }, zipfWord);
  list[0] = capital(list[0]!);
  return `${list.join(' ')}.`;
}
// Names come from their own stock of words (numbers past the vocabulary), common first names and rare surnames.
const person = (): string => `${capital(word(100_000 + Math.floor(rand() * 2000)))} ${capital(word(200_000 + Math.floor(rand() * 60_000)))}`;

/** `count` synthetic episodes of 25 shows, 8 quotes each. */
export function makeEpisodes(count: number): Episode[] {
  const shows = Array.from({ length: 25 }, (_, i) => ({ name: `${capital(word(300_000 + i))} ${capital(zipfWord())}`, hosts: [person(), person()] }));
  return Array.from({ length: count }, (_, i) => {
    const show = pick(shows);
    const title = `${capital(zipfWord())} ${capital(word(400_000 + i))}`;
    const guest = person();
    return {
      slug: `episode-${i}`,
      file: `/bench/episode-${i}.md`,
      relativeFile: `episodes/episode-${i}.md`,
      title,
      date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000),
      dateOnly: true,
      type: 'full',
      summary: sentence(20),
      hosts: show.hosts.map((name) => ({ name, role: 'host' })),
      guests: [{ name: guest, role: 'guest' }],
      subject: { show: show.name, season: 1, episode: i, title, aired: '2010-01-01' },
      topics: Array.from({ length: 5 }, () => `${zipfWord()} ${zipfWord()}`),
      quotes: Array.from({ length: 8 }, (_, q) => ({
        id: `q${q}`,
        text: sentence(14 + (q % 8)),
        speaker: q % 2 ? guest : show.hosts[q % 2]!,
        at: q * 60,
        duration: 15,
      })),
      chapters: [],
      related: { pin: [], block: [] },
      draft: false,
      body: Array.from({ length: 6 }, () => sentence(20)).join(' '),
      html: '',
      sourceHash: '',
    } satisfies Episode;
  });
}

/** `count` synthetic articles of ~250 words; one in four is about an episode, one in eight quotes it. */
export function makeArticles(count: number, episodes: readonly Episode[]): Article[] {
  return Array.from({ length: count }, (_, i) => {
    const parts = Array.from({ length: 12 }, () => sentence(20));
    // One article in four talks about an episode: its title, its guest, and often a quote.
    if (i % 4 === 0 && episodes.length) {
      const episode = episodes[(i / 4) % episodes.length]!;
      parts[2] = `${episode.subject!.show} and "${episode.title}" with ${episode.guests[0]!.name}.`;
      if (i % 8 === 0) parts[5] = `“${episode.quotes[i % 8]!.text}” said ${episode.quotes[i % 8]!.speaker}.`;
    }
    const text = parts.join(' ');
    return {
      url: `https://news.example/${i}`,
      title: sentence(8),
      source: 'Bench News',
      published: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000),
      text,
      excerpt: text.slice(0, 300),
      html: '',
    };
  });
}

/** Times a rebuild's matching after one episode's body edit, from a first incremental run's state. */
function runRebuild(episodes: Episode[], articles: Article[]): void {
  const index = buildCorpusIndex(articles);
  const options = { maxRelated: 5, minScore: 0.5 };
  const keys = { key: (e: Episode) => `${e.slug}|${e.body}`, quotesKey: (e: Episode) => JSON.stringify(e.quotes) };
  const first = matchIncrementally(episodes, index, options, undefined, keys);
  const middle = Math.floor(episodes.length / 2);
  const edited = episodes.map((e, i) => (i === middle ? { ...e, body: `${e.body} ${sentence(12)}` } : e));
  const usage = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t0 = performance.now();
  const c0 = usage();
  const next = matchIncrementally(edited, index, options, first.state, keys);
  console.log(
    `rebuild after one body edit: ${(performance.now() - t0).toFixed(0)} ms (cpu ${(usage() - c0).toFixed(0)})  ` +
      `episodes prepared ${next.prepared}, evaluated ${next.evaluated}`,
  );
}

function runOne(episodeCount: number, articleCount: number, out?: string): void {
  const episodes = makeEpisodes(episodeCount);
  const articles = makeArticles(articleCount, episodes);
  const words = articles.reduce((n, a) => n + a.text.split(' ').length, 0) / articles.length;
  const cpu = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const t0 = performance.now();
  const c0 = cpu();
  buildCorpusIndex(articles);
  const t1 = performance.now();
  const c1 = cpu();
  const related = matchEpisodes(episodes, articles, { maxRelated: 5, minScore: 0.5 });
  const t2 = performance.now();
  const c2 = cpu();
  let links = 0;
  for (const list of related.values()) links += list.length;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `episodes ${String(episodeCount).padStart(5)}  articles ${String(articleCount).padStart(6)} (~${Math.round(words)} words)  ` +
      `index ${(t1 - t0).toFixed(0).padStart(5)} ms (cpu ${(c1 - c0).toFixed(0)})  ` +
      `match, index included ${(t2 - t1).toFixed(0).padStart(5)} ms (cpu ${(c2 - c1).toFixed(0)})  ` +
      `peak RSS ${rss.toFixed(0)} MB  related links ${links}`,
  );
  if (out) writeFileSync(out, renderRelatedJson(episodes, related));
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
const args = isMain ? process.argv.slice(2) : [];
const option = (name: string): number | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : undefined;
};
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args[outAt + 1] : undefined;
const episodesArg = option('episodes');
const articlesArg = option('articles');
if (episodesArg !== undefined || articlesArg !== undefined) {
  runOne(episodesArg ?? 4000, articlesArg ?? 20_000, outFile);
  if (args.includes('--rebuild')) {
    const episodes = makeEpisodes(episodesArg ?? 4000);
    runRebuild(episodes, makeArticles(articlesArg ?? 20_000, episodes));
  }
} else if (isMain) {
  // Each size in its own process, so that peak RSS belongs to that size alone.
  const self = fileURLToPath(import.meta.url);
  for (const [e, a] of [[500, 2500], [1000, 5000], [2000, 10_000], [4000, 20_000]] as const) {
    process.stdout.write(
      execFileSync(process.execPath, ['--import', 'tsx', self, '--episodes', String(e), '--articles', String(a)], { encoding: 'utf8' }),
    );
  }
}
