import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { buildEpisodeProfile } from '../../src/matching/episode-profile.ts';
import type { CorpusIndex } from '../../src/matching/corpus-index.ts';
import { findPhrase, findPhrases, PhraseFinder, toPhrase, type Phrase } from '../../src/matching/find-phrase.ts';
import type { PhraseHit } from '../../src/matching/phrase-hits.ts';
import { sharedDir } from '../shared-dir.ts';
import { makeArticle } from './make-fixtures.ts';

// Phrase look-ups must give exactly the occurrences a plain reading finds: matching's results
// depend on the hits, their counts and capitals, and on the order of the articles.
const root = mkdtempSync(path.join(tmpdir(), 'find-phrases-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const { articles } = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const index = buildCorpusIndex(articles);

/** The oracle: every start position of every article, compared word by word. */
function plainFind(corpus: CorpusIndex, phrase: Phrase, abbreviated = false): Map<number, PhraseHit> {
  const hits = new Map<number, PhraseHit>();
  const n = phrase.tokens.length;
  const short = abbreviated && n >= 2 && phrase.tokens[n - 1]!.length >= 6;
  for (let a = 0; a < corpus.size; a++) {
    const body = corpus.bodyStart[a]!;
    for (let i = corpus.docStart[a]!; n > 0 && i + n <= corpus.docStart[a + 1]!; i++) {
      if (i < body && i + n > body) continue;
      const words = phrase.tokens.map((_, j) => corpus.words[corpus.tokens[i + j]!]!);
      const same = words.every((w, j) => w === phrase.tokens[j] || (short && j === n - 1 && w.length >= 3 && phrase.tokens[j]!.startsWith(w)));
      if (!same) continue;
      const strong = phrase.caps.every((c, j) => !c || corpus.caps[i + j] === 1);
      const hit = hits.get(a) ?? { count: 0, strong: false, inHeadline: false };
      hits.set(a, { count: hit.count + 1, strong: hit.strong || strong, inHeadline: hit.inHeadline || i < body });
    }
  }
  return hits;
}

describe('findPhrases', () => {
  it('finds what a plain reading finds for every title, show, person and name of the matching-dev episodes', () => {
    const phrases = show.episodes.flatMap((episode) => {
      const p = buildEpisodeProfile(episode);
      return [...(p.title ? [p.title] : []), ...(p.show ? [p.show] : []), ...p.guests, ...p.hosts, ...p.names];
    });
    const found = findPhrases(index, phrases);
    expect(phrases.length).toBeGreaterThan(100);
    let hits = 0;
    phrases.forEach((phrase, k) => {
      const plain = plainFind(index, phrase);
      hits += plain.size;
      expect([...found[k]!]).toEqual([...plain]);
      expect([...findPhrase(index, phrase)]).toEqual([...plain]);
      expect([...findPhrase(index, phrase, true)]).toEqual([...plainFind(index, phrase, true)]);
    });
    expect(hits).toBeGreaterThan(100);
    // Single look-ups read only the articles holding the phrase's rarest word when those are few
    // (under a quarter of the corpus), else every article: both ways were compared above.
    const rarestDf = phrases.map((p) => Math.min(...p.tokens.map((t) => index.df[index.vocab.get(t) ?? -1] ?? Infinity)));
    expect(rarestDf.some((df) => df * 4 <= index.size)).toBe(true);
    expect(rarestDf.some((df) => Number.isFinite(df) && df * 4 > index.size)).toBe(true);
  });

  it('finds a show by its shortened name when abbreviated, and only then', () => {
    const small = buildCorpusIndex([
      makeArticle('https://a.example/1', 'Parks and Rec returns', 'We loved Parks and Recreation. Parks and Re is too short.'),
      makeArticle('https://a.example/2', 'Other', 'parks and recreational vehicles'),
    ]);
    const show = toPhrase('Parks and Recreation');
    expect([...findPhrase(small, show, true)]).toEqual([[0, { count: 2, strong: true, inHeadline: true }]]);
    expect([...findPhrase(small, show)]).toEqual([[0, { count: 1, strong: true, inHeadline: false }]]);
    expect([...findPhrases(small, [show, toPhrase('Parks Rec')], true)[1]!]).toEqual([]);
  });

  it('counts every occurrence, keeps capitals and headlines apart, and never runs across the headline', () => {
    const small = buildCorpusIndex([
      makeArticle('https://a.example/1', 'Casino Night', 'casino night again. Casino Night! And Casino'),
      makeArticle('https://a.example/2', 'A night at the casino', 'Night falls on the casino. Casino night.'),
      makeArticle('https://a.example/3', 'Ends with Casino', 'Night owls.'),
    ]);
    const phrases = ['Casino Night', 'casino', 'Night owls', 'Unknown Words', ''].map(toPhrase);
    const [casinoNight, casino, owls, unknown, empty] = findPhrases(small, phrases);
    expect([...casinoNight!]).toEqual([
      [0, { count: 3, strong: true, inHeadline: true }],
      [1, { count: 1, strong: false, inHeadline: false }],
    ]);
    expect([...casino!].map(([a, hit]) => [a, hit.count])).toEqual([[0, 4], [1, 3], [2, 1]]);
    // "Casino" ends article 3's headline and "Night" starts its body: not "Casino Night" (above).
    expect([...owls!]).toEqual([[2, { count: 1, strong: true, inHeadline: false }]]);
    expect(unknown!.size).toBe(0);
    expect(empty!.size).toBe(0);
    phrases.forEach((phrase, k) => expect([...findPhrases(small, phrases)[k]!]).toEqual([...plainFind(small, phrase)]));
  });

  it('fills the phrase cache of a PhraseFinder, which then answers as before', () => {
    const finder = new PhraseFinder(index);
    const phrases = show.episodes.map((e) => toPhrase(e.subject?.title ?? e.title));
    finder.prefetch(phrases);
    for (const phrase of phrases) expect([...finder.find(phrase)]).toEqual([...plainFind(index, phrase)]);
  });
});
