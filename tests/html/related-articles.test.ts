import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShow, type BuiltShow } from './build-sample.ts';
import { readPage } from './read-page.ts';

describe('related articles on the sample episode pages', () => {
  let site: BuiltShow;
  beforeAll(async () => {
    site = await buildShow();
  });

  it('Casino Night lists the Hollywood News article with its source, date, excerpt and reasons', async () => {
    const document = await readPage(path.join(site.out, 'episodes/casino-night/index.html'));
    const section = document.querySelector('section.related');
    expect(section?.querySelector('h2')?.textContent).toBe('In the news');
    const url = 'https://hollywoodnews.example/tv/the-office-jim-kisses-pam-casino-night-secret';
    const article = [...document.querySelectorAll('.related-article')].find((li) => li.querySelector('a.related-title')?.getAttribute('href') === url);
    if (!article) throw new Error(`no related article links ${url}`);
    // The article that quotes the episode comes first.
    expect(document.querySelector('.related-article')).toBe(article);
    const title = article.querySelector('a.related-title');
    expect(title?.textContent).toMatch(/^Jim Kisses Pam/);
    expect(article.querySelector('.related-meta')?.textContent).toBe('Hollywood News · March 2, 2025');
    expect(article.querySelector('.related-meta time')?.getAttribute('datetime')).toBe('2025-03-02T16:30:00.000Z');
    expect(article.querySelector('.related-excerpt')?.textContent).toMatch(/^Greg Daniels and director Ken Kwapis/);
    const reasons = [...article.querySelectorAll('.related-why')].map((p) => p.textContent);
    expect(reasons).toContain('Quotes Jenna Fischer: ‘Don’t leave until you’re called…’');
    expect(reasons.some((r) => r?.startsWith('Mentions Casino Night'))).toBe(true);
  });

  it('an episode nothing matched has no empty news section', async () => {
    const document = await readPage(path.join(site.out, 'episodes/valentines-day/index.html'));
    expect(document.querySelector('section.related')).toBeNull();
    expect(document.querySelector('#related-heading')).toBeNull();
  });
});
