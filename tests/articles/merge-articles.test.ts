import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { mergeArticles } from '../../src/articles/merge-articles.ts';

function article(url: string, source: string, text: string, extra: Partial<Article> = {}): Article {
  return { url, title: `${source} title`, source, text, excerpt: text, html: text, ...extra };
}

describe('mergeArticles', () => {
  it('keeps the fullest copy and fills in what it lacks from the others', () => {
    const merged = mergeArticles([
      article('https://a.example/1', 'Short Wire', 'short', { published: new Date('2025-03-02T00:00:00Z'), author: 'Ann' }),
      article('https://a.example/1', 'Full Wire', 'the full text', { image: 'https://a.example/i.jpg' }),
    ]);
    expect(merged).toEqual([
      article('https://a.example/1', 'Full Wire', 'the full text', {
        image: 'https://a.example/i.jpg',
        published: new Date('2025-03-02T00:00:00Z'),
        author: 'Ann',
      }),
    ]);
  });

  it('prefers the earlier copy on a tie and sorts by URL', () => {
    const merged = mergeArticles([
      article('https://b.example/', 'First', 'same'),
      article('https://a.example/', 'Only', 'x'),
      article('https://b.example/', 'Second', 'same'),
    ]);
    expect(merged.map((a) => [a.url, a.source])).toEqual([
      ['https://a.example/', 'Only'],
      ['https://b.example/', 'First'],
    ]);
  });

  it('gives the same result whatever order the feeds answered in, when texts differ', () => {
    const one = article('https://c.example/', 'One', 'longer text');
    const two = article('https://c.example/', 'Two', 'short');
    expect(mergeArticles([one, two])).toEqual(mergeArticles([two, one]));
  });
});
