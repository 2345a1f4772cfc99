import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import { sharedDir } from '../shared-dir.ts';
import { casinoNight, makeArticle } from './make-fixtures.ts';

const seedText = readFileSync(path.join(sharedDir, 'seed/hollywood-news-jim-kisses-pam.txt'), 'utf8');
const SEED_URL = 'https://hollywoodnews.example/the-office-jim-kisses-pam-casino-night';

const articles = [
  makeArticle('https://news.example/krasinski-quiet-place', "John Krasinski goes quiet again",
    'John Krasinski, best known as Jim from The Office, returns to direct another A Quiet Place film. The horror sequel follows the Abbott family as they leave the farm and head for an island. Emily Blunt stars again, and the sound design is as tense as ever.', '2024-03-01'),
  makeArticle('https://news.example/fischer-new-comedy', 'Jenna Fischer joins a new workplace comedy',
    'Jenna Fischer has signed on to star in a new half-hour comedy about a small bakery, her first regular television role in years. The series begins production in the spring in Toronto.', '2024-05-02'),
  makeArticle('https://news.example/school-casino-night', 'School casino night raises money for new band uniforms',
    'The parent association of Lincoln Middle School held its annual casino night on Friday. Volunteers dealt blackjack and ran a roulette wheel, and the night raised about four thousand dollars for band uniforms.', '2023-11-20'),
  makeArticle('https://news.example/dundies-recap', "The Office rewatch: 'The Dundies' and Pam's big night",
    "The Office opened its second season with 'The Dundies', Michael Scott's awards show at a Chili's. Pam drinks too much, kisses Jim on the cheek, and gets banned from the restaurant.", '2021-09-20'),
  makeArticle('https://news.example/box-office-weekend', 'Weekend box office: a heist comedy edges out the robot sequel',
    'The heist comedy Vault Service opened to an estimated forty-one million dollars this weekend, narrowly beating the second weekend of the robot sequel.', '2024-07-22'),
  makeArticle(SEED_URL, 'Jim kisses Pam: how The Office shot its most famous scene', seedText, '2025-03-02', 'Hollywood News'),
];

describe('the seed article', () => {
  it('is the top match of Casino Night, with a quote reason for Jenna Fischer', () => {
    const related = matchEpisodes([casinoNight()], articles, { maxRelated: 5, minScore: DEFAULT_MIN_SCORE });
    const list = related.get('casino-night')!;
    expect(list[0]!.url).toBe(SEED_URL);
    expect(list[0]!.title).toBe('Jim kisses Pam: how The Office shot its most famous scene');
    expect(list[0]!.source).toBe('Hollywood News');
    expect(list[0]!.score).toBeGreaterThan(0.9);
    const quotes = list[0]!.reasons.filter((r) => r.kind === 'quote');
    expect(quotes.map((q) => q.kind === 'quote' && q.quote)).toEqual(['trailer-orders', 'super-eerie']);
    expect(quotes[0]).toEqual({
      kind: 'quote',
      quote: 'trailer-orders',
      speaker: 'Jenna Fischer',
      text: 'Don’t leave until you’re called. Don’t speak to John. And just be alone',
    });
    expect(list[0]!.reasons.at(-1)).toEqual({ kind: 'mentions', terms: ['Ken Kwapis', 'Jim and Pam'] });
  });

  it('leaves out the distractors: the actors\' other work, a school casino night, another episode', () => {
    const related = matchEpisodes([casinoNight()], articles, { maxRelated: 5, minScore: DEFAULT_MIN_SCORE });
    expect(related.get('casino-night')!.map((r) => r.url)).toEqual([SEED_URL]);
  });
});
