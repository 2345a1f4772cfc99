import { describe, expect, it } from 'vitest';
import { describeReason } from '../../src/matching/describe-reason.ts';
import { formatExplanation, type MatchExplanation } from '../../src/matching/explain-matches.ts';

describe('describeReason', () => {
  it('cuts a quote at its first sentence', () => {
    expect(describeReason({ kind: 'quote', quote: 'trailer-orders', speaker: 'Jenna Fischer', text: "Don't leave until you're called. Don't speak to John. And just be alone" }))
      .toBe("Quotes Jenna Fischer: ‘Don't leave until you're called…’");
  });

  it('cuts a long sentence after eight words, and keeps a short quote whole', () => {
    expect(describeReason({ kind: 'quote', quote: 'q', speaker: 'Wren Holloway', text: 'the whole drive is two people trying very hard not to say the thing' }))
      .toBe('Quotes Wren Holloway: ‘the whole drive is two people trying very…’');
    expect(describeReason({ kind: 'quote', quote: 'q', speaker: 'Ozzie Trammell', text: '“They fixed a swing.”' })).toBe('Quotes Ozzie Trammell: ‘They fixed a swing.’');
  });

  it('lists mentioned terms', () => {
    expect(describeReason({ kind: 'mentions', terms: ['Casino Night', 'Ken Kwapis'] })).toBe('Mentions Casino Night, Ken Kwapis');
  });
});

describe('formatExplanation', () => {
  const item = (over: Partial<MatchExplanation>): MatchExplanation => ({
    url: 'https://a.example/x',
    title: 'A title',
    source: 'A News',
    published: '2021-05-11T00:00:00.000Z',
    score: 0.9,
    passed: true,
    status: 'listed',
    signals: [
      { name: 'quote', value: 1, share: 0.6 },
      { name: 'subject', value: 0.8, share: 0.2 },
      { name: 'people', value: 0, share: 0 },
      { name: 'topics', value: 0.5, share: 0.1 },
      { name: 'time', value: 0, share: 0 },
    ],
    penalties: [],
    reasons: [{ kind: 'mentions', terms: ['Casino Night'] }],
    ...over,
  });

  it('prints a table: score, each signal\'s share, rank or mark, and the reasons', () => {
    const text = formatExplanation([
      item({}),
      item({ url: 'https://b.example/y', title: 'Below', score: 0.3, passed: false, status: 'below-threshold', penalties: ['no quote, title or guest of this episode'], reasons: [], published: undefined }),
    ]);
    expect(text).toBe(
      'score    quote subject  people  topics    time  article\n' +
      '0.900     0.60    0.20       -    0.10       -  1. A title (A News, 2021-05-11)\n' +
      '                                               https://a.example/x\n' +
      '                                               Mentions Casino Night\n' +
      '0.300     0.60    0.20       -    0.10       -  [below min_score] Below (A News)\n' +
      '                                               https://b.example/y\n' +
      '                                               (no quote, title or guest of this episode)\n',
    );
  });

  it('says so when nothing was found', () => {
    expect(formatExplanation([])).toBe('No article shares a quote, a title or a name with this episode.\n');
  });
});
