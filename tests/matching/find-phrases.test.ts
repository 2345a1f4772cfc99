import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { buildEpisodeProfile } from '../../src/matching/episode-profile.ts';
import { findPhrase, findPhrases, PhraseFinder, toPhrase } from '../../src/matching/find-phrase.ts';
import { sharedDir } from '../shared-dir.ts';
import { makeArticle } from './make-fixtures.ts';

// `findPhrases` must give, phrase by phrase, exactly what `findPhrase` gives: matching's results
// depend on the hits, their counts and capitals, and on the order of the articles.
const root = mkdtempSync(path.join(tmpdir(), 'find-phrases-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const { articles } = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const index = buildCorpusIndex(articles);

describe('findPhrases', () => {
  it('equals findPhrase for every title, show, person and name of the matching-dev episodes', () => {
    const phrases = show.episodes.flatMap((episode) => {
      const p = buildEpisodeProfile(episode);
      return [...(p.title ? [p.title] : []), ...(p.show ? [p.show] : []), ...p.guests, ...p.hosts, ...p.names];
    });
    const found = findPhrases(index, phrases);
    expect(phrases.length).toBeGreaterThan(100);
    let hits = 0;
    phrases.forEach((phrase, k) => {
      const one = findPhrase(index, phrase);
      hits += one.size;
      expect([...found[k]!]).toEqual([...one]);
    });
    expect(hits).toBeGreaterThan(100);
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
    phrases.forEach((phrase, k) => expect([...findPhrases(small, phrases)[k]!]).toEqual([...findPhrase(small, phrase)]));
  });

  it('fills the phrase cache of a PhraseFinder, which then answers as before', () => {
    const finder = new PhraseFinder(index);
    const phrases = show.episodes.map((e) => toPhrase(e.subject?.title ?? e.title));
    finder.prefetch(phrases);
    for (const phrase of phrases) expect([...finder.find(phrase)]).toEqual([...findPhrase(index, phrase)]);
  });
});
