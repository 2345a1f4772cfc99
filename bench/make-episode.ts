import { createRandom, seedFor, type Random } from './create-random.ts';
import { firstNames, lastNames, nouns, adjectives, roles } from './word-list.ts';
import { capitalise, prose, sentence, titleWords } from './write-prose.ts';

/** The podcast every generated show is: two hosts rewatching fictional sitcoms. */
export const benchPodcast = {
  title: 'Rerun Club',
  hosts: ['Marnie Castellan', 'Theo Whitlock'],
  author: 'Rerun Club Audio',
  url: 'https://rerun-club.example/',
} as const;

/** One quote as the generator knows it (times in seconds). */
export interface BenchQuote {
  text: string;
  speaker: string;
  at: number;
  duration: number;
}

/** A generated episode's data, from which its Markdown file is written. */
export interface BenchEpisode {
  index: number;
  slug: string;
  title: string;
  /** `YYYY-MM-DD`. */
  date: string;
  hosts: string[];
  guests: string[];
  subject: { show: string; season: number; episode: number; title: string; aired: string };
  topics: string[];
  quotes: BenchQuote[];
  chapters: { at: number; title: string }[];
  audio: { url: string; length: number; duration: number };
  body: string;
}

/** Episodes per fictional TV show before the podcast moves on to the next one. */
const EPISODES_PER_SHOW = 240;
const EPISODES_PER_SEASON = 24;
const DAY_MS = 86_400_000;
const FIRST_EPISODE = Date.UTC(2004, 0, 5);

/** `1:05:09` or `42:10`: SPEC §4 time formats. */
export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `0:45:00`: always hours, as the audio duration is written. */
export function formatDuration(seconds: number): string {
  const time = formatTime(seconds);
  return time.length === 5 ? `0:${time}` : time;
}

/** `YYYY-MM-DD` of a UTC timestamp. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "Golden Hallway" → "golden-hallway". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The fictional TV show a block of episodes rewatches; same for every episode of the block. */
function showName(seed: number, block: number): string {
  return titleWords(createRandom(seedFor(seed, 'show', block)));
}

/** A person's name from the generator's lists. */
export function personName(rng: Random): string {
  return `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
}

/** `count` distinct sorted integers in [min, max]. */
function sortedTimes(rng: Random, count: number, min: number, max: number): number[] {
  const set = new Set<number>();
  while (set.size < count) set.add(rng.int(min, max));
  return [...set].sort((a, b) => a - b);
}

/** Episode `index` (0-based) of the show made from `seed`; independent of the show's size. */
export function makeEpisode(seed: number, index: number): BenchEpisode {
  const rng = createRandom(seedFor(seed, 'episode', index));
  const block = Math.floor(index / EPISODES_PER_SHOW);
  const inBlock = index % EPISODES_PER_SHOW;
  const season = Math.floor(inBlock / EPISODES_PER_SEASON) + 1;
  const episode = (inBlock % EPISODES_PER_SEASON) + 1;
  const firstAired = Date.UTC(1982 + ((block * 3) % 36), 8, 20);
  const aired = firstAired + ((season - 1) * 365 + (episode - 1) * 7) * DAY_MS;
  const subjectTitle = titleWords(rng);
  const number = index + 1;

  const guests: string[] = [];
  const guestCount = rng.int(0, 2);
  while (guests.length < guestCount) {
    const name = personName(rng);
    if (!guests.includes(name) && !(benchPodcast.hosts as readonly string[]).includes(name)) guests.push(name);
  }
  const hosts = [...benchPodcast.hosts];
  const speakers = [...hosts, ...guests];

  const duration = rng.int(45 * 60, 90 * 60);
  const quotes = sortedTimes(rng, 8, 60, duration - 90).map((at) => ({
    text: rng.chance(0.3) ? `${sentence(rng)} ${sentence(rng)}` : sentence(rng),
    speaker: rng.pick(speakers),
    at,
    duration: rng.int(8, 20),
  }));
  const chapters = [0, ...sortedTimes(rng, 4, 120, duration - 300)].map((at, i) => ({
    at,
    title: i === 0 ? 'Cold open' : titleWords(rng),
  }));
  const topics: string[] = [];
  while (topics.length < 4) {
    const topic = `${rng.pick(adjectives)} ${rng.pick(nouns)}`;
    if (!topics.includes(topic)) topics.push(topic);
  }

  const slug = `${String(number).padStart(4, '0')}-${slugify(subjectTitle)}`;
  const show = showName(seed, block);
  return {
    index,
    slug,
    title: subjectTitle,
    date: isoDay(FIRST_EPISODE + index * 2 * DAY_MS),
    hosts,
    guests,
    subject: { show, season, episode, title: subjectTitle, aired: isoDay(aired) },
    topics,
    quotes,
    chapters,
    audio: {
      url: `https://cdn.rerun-club.example/audio/${slug}.mp3`,
      // 128 kbit/s MP3.
      length: duration * 16_000,
      duration,
    },
    body: episodeBody(rng, show, subjectTitle, guests),
  };
}

/** About 600 words of show notes with headings, lists, emphasis and links. */
function episodeBody(rng: Random, show: string, title: string, guests: string[]): string {
  const link = (): string => {
    const text = `${rng.pick(adjectives)} ${rng.pick(nouns)}`;
    return `[${text}](https://example.org/${slugify(text)}/${rng.int(1, 9999)})`;
  };
  const guestLine =
    guests.length > 0
      ? ` This week we are joined by ${guests.map((g) => `**${g}**, ${rng.pick(roles)}`).join(', and ')}.`
      : '';
  const parts = [
    `We rewatch *${title}* from ${show}.${guestLine} ${prose(rng, 50).text}`,
    '## Behind the scenes',
    `${prose(rng, 60).text} Read more about the ${link()} and the ${link()}. ${prose(rng, 50).text}`,
    [1, 2, 3, 4].map(() => `- ${sentence(rng)}`).join('\n'),
    '## Stories from the set',
    prose(rng, 110).text,
    `${prose(rng, 80).text} See also ${link()}.`,
    '### Listener questions',
    [1, 2, 3].map((n) => `${n}. ${sentence(rng)}`).join('\n'),
    `## ${capitalise(rng.pick(adjectives))} moments`,
    prose(rng, 80).text,
    '## Links',
    [1, 2, 3].map(() => `- ${link()}`).join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The episode's Markdown file: YAML front matter (SPEC §4) and the notes. */
export function episodeMarkdown(ep: BenchEpisode): string {
  // JSON strings are valid YAML double-quoted scalars, so every text is quoted safely.
  const q = (text: string): string => JSON.stringify(text);
  const lines = [
    '---',
    `title: ${q(ep.title)}`,
    `date: ${ep.date}`,
    `number: ${ep.index + 1}`,
    `slug: ${ep.slug}`,
    'audio:',
    `  url: ${ep.audio.url}`,
    '  type: audio/mpeg',
    `  length: ${ep.audio.length}`,
    `  duration: "${formatDuration(ep.audio.duration)}"`,
    `hosts: [${ep.hosts.map(q).join(', ')}]`,
  ];
  if (ep.guests.length > 0) lines.push('guests:', ...ep.guests.map((g) => `  - ${q(g)}`));
  lines.push(
    'subject:',
    `  show: ${q(ep.subject.show)}`,
    `  season: ${ep.subject.season}`,
    `  episode: ${ep.subject.episode}`,
    `  title: ${q(ep.subject.title)}`,
    `  aired: ${ep.subject.aired}`,
    `topics: [${ep.topics.map(q).join(', ')}]`,
    'quotes:',
  );
  for (const quote of ep.quotes) {
    lines.push(
      `  - text: ${q(quote.text)}`,
      `    speaker: ${q(quote.speaker)}`,
      `    at: "${formatTime(quote.at)}"`,
      `    duration: ${quote.duration}`,
    );
  }
  lines.push('chapters:');
  for (const c of ep.chapters) lines.push(`  - { at: "${formatTime(c.at)}", title: ${q(c.title)} }`);
  lines.push('---', ep.body);
  return lines.join('\n');
}
