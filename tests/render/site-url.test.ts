import { describe, expect, it } from 'vitest';
import { siteUrl } from '../../src/render/site-view.ts';

const BASES = [
  'https://breakroomrewatch.example/',
  'https://example.com/shows/break-room/',
  'https://EXAMPLE.com:443/Show/',
  'http://example.com:8080/a%20b/',
  'https://bücher.example/notes/',
  'https://example.com/show/?preview=1/',
  'https://example.com/show/#top/',
  'https://example.com/a/../b/',
];

const PATHS = [
  '',
  'episodes/casino-night/',
  'quotes/casino-night/trailer-orders/',
  'quotes/0001-the-full-rehearsal/dont-leave-until-youre-called-3f9a2c/',
  'feed.xml',
  'page/2/',
  '../escape/',
  './episodes/x/',
  'episodes/Casino Night/',
  '//other.example/x/',
  'https://other.example/x/',
  'episodes/x/?q=1',
  'episodes/x/#t=12',
];

describe('siteUrl', () => {
  it('gives what new URL(path, site.url).href gives, for every base and path', () => {
    for (const url of BASES) {
      for (const path of PATHS) expect([url, path, siteUrl(path, { url })]).toEqual([url, path, new URL(path, url).href]);
    }
  });

  it('follows a change of base URL between calls (a dev server rebuild with another --base-url)', () => {
    expect(siteUrl('episodes/a/', { url: 'https://one.example/' })).toBe('https://one.example/episodes/a/');
    expect(siteUrl('episodes/a/', { url: 'https://two.example/sub/' })).toBe('https://two.example/sub/episodes/a/');
  });
});
