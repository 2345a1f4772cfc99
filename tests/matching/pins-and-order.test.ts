import { describe, expect, it } from 'vitest';
import { explainMatches } from '../../src/matching/explain-matches.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import { casinoNight, makeArticle } from './make-fixtures.ts';

const RECAP =
  "The Office closed its second season with 'Casino Night', the episode in which Michael Scott runs a charity casino in the warehouse. " +
  'Jim Halpert finally tells Pam Beesly how he feels, and the kiss in the office kitchen was shot with a single camera.';
const recapA = makeArticle('https://a.example/casino-night-recap/', "Looking back at 'Casino Night'", RECAP, '2021-05-11', 'A News');
const recapB = makeArticle('https://b.example/casino-night', "'Casino Night' at fifteen", `${RECAP} Director Ken Kwapis kept the crew small.`, '2021-05-12', 'B News');
const unrelated = makeArticle('https://c.example/harbor-lights', 'Harbor Lights is a slow detective story', 'The coastal mystery takes its time: fog, gulls and a detective staring at a moored trawler.', '2019-09-20', 'C News');
const corpus = [recapA, recapB, unrelated];
const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };

describe('pins and blocks', () => {
  it('lists both recaps by score without pins or blocks', () => {
    const list = matchEpisodes([casinoNight()], corpus, options).get('casino-night')!;
    expect(list.map((r) => [r.url, r.pinned])).toEqual([
      ['https://b.example/casino-night', false],
      ['https://a.example/casino-night-recap/', false],
    ]);
  });

  it('puts pins first, found in the corpus whatever the trailing slash and tracking parameters', () => {
    const episode = casinoNight({
      related: { pin: ['https://a.example/casino-night-recap?utm_source=newsletter', 'https://c.example/harbor-lights/'], block: [] },
    });
    const list = matchEpisodes([episode], corpus, options).get('casino-night')!;
    expect(list.map((r) => [r.url, r.title, r.source, r.score, r.pinned])).toEqual([
      ['https://a.example/casino-night-recap/', "Looking back at 'Casino Night'", 'A News', 1, true],
      ['https://c.example/harbor-lights', 'Harbor Lights is a slow detective story', 'C News', 1, true],
      ['https://b.example/casino-night', "'Casino Night' at fifteen", 'B News', list[2]!.score, false],
    ]);
    expect(list[2]!.score).toBeLessThan(1);
  });

  it('keeps a pin that is in no feed, titled by its URL, sourced by its host', () => {
    const episode = casinoNight({ related: { pin: ['https://www.elsewhere.example/interview'], block: [] } });
    const [first] = matchEpisodes([episode], corpus, options).get('casino-night')!;
    expect(first).toEqual({
      url: 'https://www.elsewhere.example/interview',
      title: 'https://www.elsewhere.example/interview',
      source: 'elsewhere.example',
      score: 1,
      pinned: true,
      reasons: [],
    });
  });

  it('never lists a blocked article, however its URL is written', () => {
    const episode = casinoNight({ related: { pin: [], block: ['HTTPS://B.EXAMPLE/casino-night/#top', 'https://a.example/casino-night-recap/?fbclid=x'] } });
    expect(matchEpisodes([episode], corpus, options).get('casino-night')).toEqual([]);
  });

  it('lets a block win over a pin of the same article', () => {
    const episode = casinoNight({ related: { pin: ['https://b.example/casino-night'], block: ['https://b.example/casino-night/'] } });
    expect(matchEpisodes([episode], corpus, options).get('casino-night')!.map((r) => r.url)).toEqual(['https://a.example/casino-night-recap/']);
  });

  it('stops at max_related', () => {
    expect(matchEpisodes([casinoNight()], corpus, { ...options, maxRelated: 1 }).get('casino-night')!.map((r) => r.url)).toEqual([
      'https://b.example/casino-night',
    ]);
  });
});

describe('determinism', () => {
  it('gives the same output every run and for any feed order; equal scores go by URL', () => {
    const twin = makeArticle('https://a.example/casino-night-copy', recapA.title, recapA.text, '2021-05-11', 'A News');
    const run = (articles: typeof corpus) => JSON.stringify([...matchEpisodes([casinoNight()], articles, options)]);
    const first = run([recapA, twin, unrelated]);
    expect(run([unrelated, twin, recapA])).toBe(first);
    expect(run([recapA, twin, unrelated])).toBe(first);
    const list = matchEpisodes([casinoNight()], [twin, recapA], options).get('casino-night')!;
    expect(list[0]!.score).toBe(list[1]!.score);
    expect(list.map((r) => r.url)).toEqual(['https://a.example/casino-night-copy', 'https://a.example/casino-night-recap/']);
  });

  it('writes dates as ISO strings and leaves undated articles undated', () => {
    const undated = makeArticle('https://d.example/undated', "'Casino Night' remembered", RECAP);
    const list = matchEpisodes([casinoNight()], [undated, unrelated], options).get('casino-night')!;
    expect(list).toHaveLength(1);
    expect(list[0]!.published).toBeUndefined();
    const dated = matchEpisodes([casinoNight()], [recapA, unrelated], options).get('casino-night')!;
    expect(dated[0]!.published).toBe('2021-05-11T00:00:00.000Z');
  });

  it('gives every episode a key, with an empty list when nothing matched', () => {
    const related = matchEpisodes([casinoNight(), casinoNight({ slug: 'other', subject: { show: 'Nothing', title: 'Nowhere' }, quotes: [], topics: [], guests: [], body: '' })], [unrelated], options);
    expect([...related.entries()]).toEqual([['casino-night', []], ['other', []]]);
  });
});

describe('explainMatches agrees with matchEpisodes', () => {
  it('lists the same articles in the same order, pins first, blocked ones marked', () => {
    const episode = casinoNight({ related: { pin: ['https://c.example/harbor-lights'], block: ['https://a.example/casino-night-recap'] } });
    const matched = matchEpisodes([episode], corpus, options).get('casino-night')!.map((r) => r.url);
    const explained = explainMatches(episode, [episode], corpus, options);
    expect(explained.filter((x) => x.status === 'pinned' || x.status === 'listed').map((x) => x.url)).toEqual(matched);
    expect(explained.map((x) => [x.url, x.status])).toEqual([
      ['https://c.example/harbor-lights', 'pinned'],
      ['https://b.example/casino-night', 'listed'],
      ['https://a.example/casino-night-recap/', 'blocked'],
    ]);
  });
});
