import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { silentLogger } from '../../src/logger.ts';
import { repoRoot, sharedDir } from '../shared-dir.ts';

/** The sample show's own feeds (SPEC §1 `feeds/`): read offline, as the default build does. */
async function sample() {
  return loadArticles([{ location: 'feeds/hollywood-news.xml' }, { location: 'feeds/tv-wire.atom' }], {
    root: repoRoot,
    offline: true,
    refreshSeconds: 21600,
    logger: silentLogger,
  });
}

describe('the sample show feeds', () => {
  it('read cleanly: 15 articles, no warnings', async () => {
    const result = await sample();
    expect(result.warnings).toEqual([]);
    expect(result.feeds.map((f) => [f.name, f.status, f.articles])).toEqual([
      ['Hollywood News', 'local', 10],
      ['TV Wire', 'local', 5],
    ]);
    expect(result.articles).toHaveLength(15);
  });

  it('carry the seed article in full', async () => {
    const result = await sample();
    const seed = await readFile(path.join(sharedDir, 'seed', 'hollywood-news-jim-kisses-pam.txt'), 'utf8');
    const article = result.articles.find((a) => a.url === 'https://hollywoodnews.example/tv/the-office-jim-kisses-pam-casino-night-secret');
    expect(article).toMatchObject({
      title: 'Jim Kisses Pam: The Secret Behind The Office’s Unforgettable Casino Night Kiss',
      source: 'Hollywood News',
      author: 'Hollywood News Desk',
      published: new Date('2025-03-02T16:30:00Z'),
      image: 'https://hollywoodnews.example/images/the-office-casino-night-kiss.jpg',
    });
    expect(article?.text).toBe(seed.replace(/\s+/g, ' ').trim());
    expect(article?.text).toContain('“Don’t leave until you’re called. Don’t speak to John. And just be alone.”');
    expect(article?.html.startsWith('<p>Greg Daniels and director Ken Kwapis')).toBe(true);
  });

  it('read the Atom feed: relative link with tracking resolved, xhtml, text summary, updated-only date, enclosure image', async () => {
    const result = await sample();
    const wire = result.articles.filter((a) => a.source === 'TV Wire');
    expect(wire.map((a) => [a.url, a.published?.toISOString()])).toEqual([
      ['https://tvwire.example/2025/01/abbott-elementary-mockumentary', '2025-01-15T20:00:00.000Z'],
      ['https://tvwire.example/2025/02/steve-carell-the-morning-show', '2025-02-04T12:00:00.000Z'],
      ['https://tvwire.example/2025/03/jenna-fischer-the-actors-life', '2025-03-18T09:00:00.000Z'],
      ['https://tvwire.example/2025/04/cooking-competition-guide', '2025-04-02T08:30:00.000Z'],
      ['https://tvwire.example/2025/04/fall-schedule-comedies', '2025-04-18T12:00:00.000Z'],
    ]);
    expect(wire[1]?.image).toBe('https://tvwire.example/images/morning-show.jpg');
    expect(wire[2]?.html).toContain('<p>Jenna Fischer wrote <em>The Actor’s Life</em> for the version');
    expect(wire[4]?.html).toBe(
      'Three new workplace sitcoms &amp; a revived game show lead the fall schedules, as networks look for shows that audiences watch together &lt;and&gt; talk about the next day.',
    );
  });
});
