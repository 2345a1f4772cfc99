import { describe, expect, it } from 'vitest';
import { normalizeArticleUrl } from '../../src/articles/normalize-article-url.ts';

describe('normalizeArticleUrl', () => {
  it('removes tracking parameters and keeps the others in order', () => {
    expect(
      normalizeArticleUrl('https://news.example/a?utm_source=rss&id=3&UTM_Medium=x&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=tw&page=2#comments'),
    ).toBe('https://news.example/a?id=3&page=2');
  });

  it('drops the query when only tracking parameters were there', () => {
    expect(normalizeArticleUrl('https://news.example/a?utm_campaign=x')).toBe('https://news.example/a');
  });

  it('keeps an untouched query byte for byte', () => {
    expect(normalizeArticleUrl('https://news.example/a?q=a%20b&x')).toBe('https://news.example/a?q=a%20b&x');
  });

  it('resolves relative links against the base', () => {
    expect(normalizeArticleUrl('/tv/1', 'https://news.example/feed/')).toBe('https://news.example/tv/1');
    expect(normalizeArticleUrl('2', 'https://news.example/feed/')).toBe('https://news.example/feed/2');
  });

  it('removes credentials and lowercases the host', () => {
    expect(normalizeArticleUrl('HTTPS://user:pw@News.Example:443/A')).toBe('https://news.example/A');
  });

  it.each([
    ['javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['ftp://news.example/a', undefined],
    ['mailto:a@b.example', undefined],
    ['/relative/without/base', undefined],
    ['   ', undefined],
    ['http://[bad', undefined],
  ])('refuses %j', (raw, base) => {
    expect(normalizeArticleUrl(raw, base)).toBeUndefined();
  });
});
