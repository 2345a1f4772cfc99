import { describe, expect, it } from 'vitest';
import { formatFeedReport } from '../../src/articles/format-feed-report.ts';

describe('formatFeedReport', () => {
  it('prints an aligned table with status, count, time, feed and cause', () => {
    expect(
      formatFeedReport([
        { source: 'feeds/hollywood-news.xml', name: 'Hollywood News', status: 'local', articles: 14, ms: 12 },
        { source: 'https://tv.example/rss', name: 'Example TV News', status: 'not-modified', articles: 120, ms: 340 },
        { source: 'https://down.example/rss', name: 'https://down.example/rss', status: 'failed', articles: 0, ms: 15003, cause: 'timed out after 15 s' },
      ]),
    ).toBe(
      [
        'status        articles    time  feed',
        'local               14   12 ms  Hollywood News (feeds/hollywood-news.xml)',
        'not modified       120  340 ms  Example TV News (https://tv.example/rss)',
        'failed               0  15.0 s  https://down.example/rss: timed out after 15 s',
      ].join('\n'),
    );
  });

  it('prints only the header when there are no feeds', () => {
    expect(formatFeedReport([])).toBe('status  articles  time  feed');
  });
});
