/** Test-only builders for hand-made episodes and articles. */
import type { Article } from '../../src/articles/article.ts';
import type { Episode, Quote } from '../../src/episodes/episode.ts';
import type { CachedCorpus } from '../../src/incremental/load-articles-cached.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';

/** An episode with every required field; `overrides` replace fields wholesale. */
export function makeEpisode(overrides: Partial<Episode> & { slug: string }): Episode {
  return {
    file: `/show/episodes/${overrides.slug}.md`,
    relativeFile: `episodes/${overrides.slug}.md`,
    title: overrides.slug,
    date: new Date('2020-10-14T07:00:00Z'),
    dateOnly: true,
    type: 'full',
    summary: '',
    hosts: [],
    guests: [],
    topics: [],
    quotes: [],
    chapters: [],
    related: { pin: [], block: [] },
    draft: false,
    body: '',
    html: '',
    sourceHash: '',
    ...overrides,
  };
}

/** A quote with defaults for the audio fields. */
export function makeQuote(id: string, text: string, speaker: string): Quote {
  return { id, text, speaker, at: 0, duration: 15 };
}

/** An article; the excerpt is the text's first 300 characters. */
export function makeArticle(url: string, title: string, text: string, published?: string, source = 'Test News'): Article {
  return {
    url,
    title,
    source,
    ...(published ? { published: new Date(published) } : {}),
    text,
    excerpt: text.slice(0, 300),
    html: `<p>${text}</p>`,
  };
}

/** The sample show's Casino Night episode, hosted by two fictional people (SPEC §4). */
export function casinoNight(overrides: Partial<Episode> = {}): Episode {
  return makeEpisode({
    slug: 'casino-night',
    title: 'Casino Night',
    date: new Date('2020-10-14T07:00:00Z'),
    summary: 'Jim tells Pam how he feels.',
    hosts: [
      { name: 'Dana Whitlock', role: 'host' },
      { name: 'Marcus Bellamy', role: 'host' },
    ],
    guests: [{ name: 'Ken Kwapis', role: 'guest' }],
    subject: { show: 'The Office', season: 2, episode: 22, title: 'Casino Night', aired: '2006-05-11' },
    topics: ['Jim and Pam', 'first kiss', 'one-camera scene'],
    quotes: [
      makeQuote('trailer-orders', "Don't leave until you're called. Don't speak to John. And just be alone.", 'Jenna Fischer'),
      makeQuote('super-eerie', 'All the lights were dim. There was no one around. It was super eerie. There was no crew, nothing.', 'Jenna Fischer'),
    ],
    body:
      'Dana and Marcus rewatch the season two finale of The Office. Michael Scott throws a casino night in the warehouse for charity, ' +
      'Jim Halpert tells Pam Beesly that he is in love with her, and director Ken Kwapis explains how the kiss in the office kitchen was shot with one camera.',
    ...overrides,
  });
}

/** A build's corpus over articles in memory; `reads` counts the calls that hand out articles or their index. */
export function memoryCorpus(list: readonly Article[], fingerprint = 'f1', reads = { count: 0 }): CachedCorpus {
  return {
    fingerprint,
    warnings: [],
    reused: true,
    articles: async () => {
      reads.count++;
      return list;
    },
    index: async () => {
      reads.count++;
      return buildCorpusIndex(list);
    },
    release: () => {},
    save: async () => {},
  };
}
