import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import type { MatchReason } from '../../src/matching/related.ts';
import { casinoNight, makeArticle, makeEpisode, makeQuote } from './make-fixtures.ts';

// Filler articles give the corpus statistics something to compare with.
const filler = [
  makeArticle('https://news.example/box-office', 'Weekend box office', 'The heist comedy Vault Service opened to an estimated forty-one million dollars this weekend, narrowly beating the robot sequel. Further down the chart the animated musical held steady.', '2024-07-22'),
  makeArticle('https://news.example/price', 'Streamline raises its prices', 'The streaming service will raise the price of its ad-free plan by two dollars a month, the company said, its second increase in eighteen months. Subscribers can move to a cheaper plan with ads.', '2024-08-06'),
  makeArticle('https://news.example/lighthouse', 'Keepers of the Light', 'The documentary visits five families whose parents tended lighthouses before automation. It is a quiet film built on home movies, logbooks and a great deal of wind.', '2012-06-18'),
];

const URL = 'https://news.example/fischer-remembers';

/** The quote reasons given to one article that carries `passage`, attributed to Jenna Fischer. */
function quoteReasons(passage: string, episode = casinoNight()): MatchReason[] {
  const article = makeArticle(URL, 'An Office star remembers a night on set',
    `Jenna Fischer looked back on the night on her podcast. ${passage} The crew kept the lights low for the whole evening.`, '2024-02-01');
  const related = matchEpisodes([episode], [...filler, article], { maxRelated: 5, minScore: DEFAULT_MIN_SCORE });
  const entry = related.get(episode.slug)!.find((r) => r.url === URL);
  return entry?.reasons.filter((r) => r.kind === 'quote') ?? [];
}

describe('a quote is recognised', () => {
  it('word for word', () => {
    expect(quoteReasons("\"Don't leave until you're called. Don't speak to John. And just be alone.\"")).toEqual([
      { kind: 'quote', quote: 'trailer-orders', speaker: 'Jenna Fischer', text: "Don't leave until you're called. Don't speak to John. And just be alone" },
    ]);
  });

  it('with curly quote marks and apostrophes', () => {
    const [reason] = quoteReasons('“Don’t leave until you’re called. Don’t speak to John. And just be alone.”');
    expect(reason).toMatchObject({ quote: 'trailer-orders', text: 'Don’t leave until you’re called. Don’t speak to John. And just be alone' });
  });

  it('in another case', () => {
    const [reason] = quoteReasons("DON'T LEAVE UNTIL YOU'RE CALLED. don't speak to john. and just be alone.");
    expect(reason).toMatchObject({ quote: 'trailer-orders', text: "DON'T LEAVE UNTIL YOU'RE CALLED. don't speak to john. and just be alone" });
  });

  it('with other punctuation and white space', () => {
    const [reason] = quoteReasons("Don't leave -- until you're called;\n\n don't   speak to John, and just be alone!");
    expect(reason).toMatchObject({ quote: 'trailer-orders', text: "Don't leave -- until you're called; don't speak to John, and just be alone" });
  });

  it('with a middle dropped for an ellipsis (… or ...)', () => {
    expect(quoteReasons("“Don't leave until you're called… And just be alone.”")[0]).toMatchObject({
      quote: 'trailer-orders',
      text: "Don't leave until you're called… And just be alone",
    });
    expect(quoteReasons('"Don\'t leave until you\'re called ... and just be alone."')[0]).toMatchObject({ quote: 'trailer-orders' });
  });

  it('with a word changed', () => {
    expect(quoteReasons("\"Don't leave until you're summoned. Don't speak to John. And just be alone.\"")[0]).toMatchObject({
      quote: 'trailer-orders',
    });
  });

  it('with a word dropped', () => {
    expect(quoteReasons("\"Don't leave until called. Don't speak to John. And just be alone.\"")[0]).toMatchObject({
      quote: 'trailer-orders',
      text: "Don't leave until called. Don't speak to John. And just be alone",
    });
  });

  it('split by an attribution', () => {
    expect(quoteReasons("\"Don't leave,\" she said, \"until you're called. Don't speak to John. And just be alone.\"")[0]).toMatchObject({
      quote: 'trailer-orders',
      text: "Don't leave,\" she said, \"until you're called. Don't speak to John. And just be alone",
    });
    const short = casinoNight({ quotes: [makeQuote('called', "Don't leave until you're called.", 'Jenna Fischer')] });
    expect(quoteReasons("\"Don't leave,\" she said, \"until you're called.\"", short)[0]).toMatchObject({
      quote: 'called',
      text: "Don't leave,\" she said, \"until you're called",
    });
  });
});

describe('a quote is not recognised', () => {
  it('from its common words in another context', () => {
    const episode = casinoNight();
    const article = makeArticle(URL, 'Waiting rooms are getting better',
      'Patients at the new clinic no longer have to stand in line. They can leave the building until they are called by text message, and a nurse will speak to them alone in a private room.', '2024-02-01');
    const related = matchEpisodes([episode], [...filler, article], { maxRelated: 5, minScore: DEFAULT_MIN_SCORE });
    expect(related.get('casino-night')).toEqual([]);
  });

  it('when the same words are given to someone else in another story', () => {
    const episode = casinoNight();
    const article = makeArticle(URL, 'Inside the quiz show green room',
      'The producer of the quiz show Big Deal keeps contestants apart before taping. "Don\'t leave until you\'re called. Don\'t speak to John. And just be alone," stage manager Rita Moreno tells each of them.', '2024-02-01');
    const related = matchEpisodes([episode], [...filler, article], { maxRelated: 5, minScore: DEFAULT_MIN_SCORE });
    expect(related.get('casino-night')).toEqual([]);
  });

  it('when it is shorter than five words', () => {
    const episode = makeEpisode({ slug: 'short', quotes: [makeQuote('short', 'Just be alone.', 'Jenna Fischer')] });
    expect(quoteReasons('"Just be alone," Jenna Fischer said.', episode)).toEqual([]);
  });
});
