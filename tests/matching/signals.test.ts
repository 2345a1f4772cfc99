import { describe, expect, it } from 'vitest';
import { explainMatches, type MatchExplanation } from '../../src/matching/explain-matches.ts';
import { DEFAULT_MIN_SCORE } from '../../src/matching/match-episodes.ts';
import { casinoNight, makeArticle, makeEpisode } from './make-fixtures.ts';

const filler = [
  makeArticle('https://news.example/box-office', 'Weekend box office', 'The heist comedy Vault Service opened to an estimated forty-one million dollars this weekend, narrowly beating the robot sequel. Further down the chart the animated musical held steady.', '2024-07-22'),
  makeArticle('https://news.example/price', 'Streamline raises its prices', 'The streaming service will raise the price of its ad-free plan by two dollars a month, the company said, its second increase in eighteen months.', '2024-08-06'),
  makeArticle('https://news.example/lighthouse', 'Keepers of the Light', 'The documentary visits five families whose parents tended lighthouses before automation. It is a quiet film built on home movies, logbooks and a great deal of wind.', '2012-06-18'),
  makeArticle('https://news.example/harbor', 'Harbor Lights is a slow detective story', 'The coastal mystery takes its time: fog, gulls and a detective staring at a moored trawler before anybody says the word murder.', '2019-09-20'),
];

const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };
const RECAP =
  "The Office closed its second season with 'Casino Night', the episode in which Michael Scott runs a charity casino in the warehouse. " +
  'Jim Halpert finally tells Pam Beesly how he feels, and the kiss in the office kitchen was shot with a single camera.';

function explain(articleText: string, title: string, published?: string, episode = casinoNight()): MatchExplanation {
  const article = makeArticle('https://news.example/subject', title, articleText, published);
  const list = explainMatches(episode, [episode], [...filler, article], { ...options, below: 10 });
  const found = list.find((x) => x.url === article.url);
  if (!found) throw new Error(`no candidate: ${JSON.stringify(list)}`);
  return found;
}

const signal = (x: MatchExplanation, name: string): number => x.signals.find((s) => s.name === name)!.value;

describe('subject: the TV episode\'s title in the show\'s context', () => {
  it('lists a recap of the TV episode, with the title in its reasons', () => {
    const x = explain(RECAP, "Looking back at 'Casino Night'", '2021-05-11');
    expect(x.status).toBe('listed');
    expect(signal(x, 'subject')).toBeGreaterThan(0.5);
    expect(x.reasons).toEqual([{ kind: 'mentions', terms: ['Casino Night', 'Jim Halpert', 'Michael Scott', 'Pam'] }]);
  });

  it('does not count another show\'s episode of the same title', () => {
    const x = explain(
      "Grange Hall's 'Casino Night' turns the town hall into a gambling den for one evening, and the mayor loses the budget at roulette.",
      "Grange Hall review: 'Casino Night'", '2019-10-11');
    expect(x.passed).toBe(false);
    expect(signal(x, 'subject')).toBeLessThan(0.25);
  });

  it('does not count a casino night in lower case, in an unrelated story', () => {
    const x = explain('The parent association held its annual casino night on Friday and raised money for band uniforms.', 'School fundraiser', '2023-11-20');
    expect(x.passed).toBe(false);
    expect(x.score).toBeLessThan(0.2);
  });
});

describe('people', () => {
  it('counts a guest named in the show\'s context', () => {
    const x = explain('On the rewatch, director Ken Kwapis said The Office always shot its kisses with one camera in the kitchen, to keep the moment small.', 'Ken Kwapis on one camera', '2020-10-20');
    expect(x.passed).toBe(true);
    expect(x.reasons).toEqual([{ kind: 'mentions', terms: ['Ken Kwapis'] }]);
  });

  it('does not list an actor\'s other film, named alone', () => {
    const episode = casinoNight({ guests: [{ name: 'John Krasinski', role: 'guest' }] });
    const x = explain('John Krasinski returns to direct another A Quiet Place film. The horror sequel follows the Abbott family to an island, and Emily Blunt stars again.', 'Krasinski goes quiet again', '2024-03-01', episode);
    expect(x.passed).toBe(false);
    expect(x.reasons).toEqual([{ kind: 'mentions', terms: ['John Krasinski'] }]);
  });

  it('counts hosts barely: they are on every episode', () => {
    const x = explain('Dana Whitlock and Marcus Bellamy announced a live tour of their podcast for the autumn, with dates in ten cities.', 'Podcast hosts go on tour', '2021-01-10');
    expect(x.passed).toBe(false);
    expect(signal(x, 'people')).toBeCloseTo(0.1, 5);
  });
});

describe('topics', () => {
  it('rises with the episode\'s own story words', () => {
    const story = explain(RECAP, 'A recap', '2021-05-11');
    const other = explain("The Office opened its second season with 'The Dundies', Michael Scott's awards show at a restaurant.", 'The Dundies', '2021-05-11');
    expect(signal(story, 'topics')).toBeGreaterThan(signal(other, 'topics'));
    expect(other.passed).toBe(false);
  });
});

describe('time', () => {
  it('counts an article a little more when it follows the episode', () => {
    const after = explain(RECAP, "Looking back at 'Casino Night'", '2020-10-20');
    const later = explain(RECAP, "Looking back at 'Casino Night'", '2025-01-01');
    expect(signal(after, 'time')).toBe(1);
    expect(signal(later, 'time')).toBe(0);
    expect(after.score).toBeGreaterThan(later.score);
  });

  it('discounts an article published before the TV episode aired', () => {
    const before = explain(RECAP, "Looking ahead to 'Casino Night'", '2006-01-02');
    expect(before.penalties).toEqual(['published before the TV episode aired']);
    expect(before.passed).toBe(false);
  });

  it('matches undated articles on the other signals, without a date', () => {
    const undated = explain(RECAP, "Looking back at 'Casino Night'");
    expect(undated.published).toBeUndefined();
    expect(signal(undated, 'time')).toBe(0);
    expect(undated.status).toBe('listed');
  });
});

describe('explanations', () => {
  it('give shares that add up to the score', () => {
    const x = explain(RECAP, "Looking back at 'Casino Night'", '2021-05-11');
    const total = x.signals.reduce((sum, s) => sum + s.share, 0);
    expect(total).toBeCloseTo(x.score, 2);
  });

  it('include the best candidates under the threshold, marked', () => {
    const episode = makeEpisode({ slug: 'empty', subject: { show: 'Nothing Show', title: 'Nothing Here' } });
    const list = explainMatches(episode, [episode], filler, { ...options, below: 2 });
    expect(list.length).toBeLessThanOrEqual(2);
    expect(list.every((x) => x.status === 'below-threshold' && !x.passed)).toBe(true);
  });
});
