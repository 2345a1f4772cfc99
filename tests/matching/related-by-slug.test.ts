import { describe, expect, it } from 'vitest';
import { relatedDigest } from '../../src/incremental/related-text.ts';
import { RelatedBySlug, relatedDigestOf } from '../../src/matching/related-by-slug.ts';
import type { RelatedArticle } from '../../src/matching/related.ts';

const article = (n: number): RelatedArticle => ({ url: `https://news.example.com/${n}`, title: `Story ${n}`, source: 'News', score: 0.5, pinned: false, reasons: [] });

/** A record whose list is counted when read; `stored` gives it the digest the matching cache keeps. */
function source(list: RelatedArticle[], stored: boolean, reads: string[], slug: string) {
  return {
    get related() {
      reads.push(slug);
      return list;
    },
    ...(stored ? { relatedDigest: relatedDigest(list) } : {}),
  };
}

describe('RelatedBySlug', () => {
  it('reads a list only when asked for, gives digests without reading stored lists, and keeps the order', () => {
    const reads: string[] = [];
    const lists = { a: [article(1)], b: [article(2), article(3)], c: [] as RelatedArticle[] };
    const related = new RelatedBySlug([
      ['a', source(lists.a, true, reads, 'a')],
      ['b', source(lists.b, true, reads, 'b')],
      ['c', source(lists.c, false, reads, 'c')],
    ]);
    expect(related.size).toBe(3);
    expect(relatedDigestOf(related, 'a')).toBe(relatedDigest(lists.a));
    expect(related.digest('b')).toBe(relatedDigest(lists.b));
    expect(reads).toEqual([]);
    // A list with no stored digest is read to make one.
    expect(related.digest('c')).toBe(relatedDigest([]));
    expect(reads).toEqual(['c']);
    expect(related.get('b')).toBe(lists.b);
    expect(related.get('b')).toBe(lists.b);
    expect(reads).toEqual(['c', 'b']);
    expect(related.has('a') && !related.has('z')).toBe(true);
    // Walking the map reads the rest, in the episodes' order.
    expect([...related]).toEqual([
      ['a', lists.a],
      ['b', lists.b],
      ['c', lists.c],
    ]);
    expect(reads).toEqual(['c', 'b', 'a']);
    expect(new Map(related)).toEqual(new Map(Object.entries(lists)));
  });

  it('takes a list set over a stored one, and forgets a deleted one', () => {
    const reads: string[] = [];
    const related = new RelatedBySlug([
      ['a', source([article(1)], true, reads, 'a')],
      ['b', source([article(2)], true, reads, 'b')],
    ]);
    const replaced = [article(9)];
    related.set('a', replaced);
    expect(related.digest('a')).toBe(relatedDigest(replaced));
    expect(related.delete('b')).toBe(true);
    expect([...related.keys()]).toEqual(['a']);
    expect([...related.values()]).toEqual([replaced]);
    expect(reads).toEqual([]);
  });

  it('gives the same digests for a plain map', () => {
    const list = [article(4)];
    expect(relatedDigestOf(new Map([['a', list]]), 'a')).toBe(relatedDigest(list));
    expect(relatedDigestOf(new Map(), 'missing')).toBe(relatedDigest(undefined));
  });
});
