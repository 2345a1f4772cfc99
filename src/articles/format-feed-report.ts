import type { FeedReport } from './feed-report.ts';

const STATUS_LABELS: Record<FeedReport['status'], string> = {
  local: 'local',
  fresh: 'fresh',
  'not-modified': 'not modified',
  updated: 'updated',
  failed: 'failed',
  offline: 'offline',
};

/**
 * The table `shownotes fetch` prints: one row per feed with status, article count and time,
 * then the feed's name and location, and the cause when there is one.
 */
export function formatFeedReport(reports: readonly FeedReport[]): string {
  const rows = reports.map((report) => ({
    status: STATUS_LABELS[report.status],
    articles: String(report.articles),
    time: formatMs(report.ms),
    feed: report.name === report.source ? report.source : `${report.name} (${report.source})`,
    cause: report.cause,
  }));
  const header = { status: 'status', articles: 'articles', time: 'time', feed: 'feed' };
  const width = (key: 'status' | 'articles' | 'time') =>
    Math.max(header[key].length, ...rows.map((row) => row[key].length));
  const [s, a, t] = [width('status'), width('articles'), width('time')];
  const line = (row: { status: string; articles: string; time: string; feed: string }) =>
    `${row.status.padEnd(s)}  ${row.articles.padStart(a)}  ${row.time.padStart(t)}  ${row.feed}`;
  const lines = [line(header)];
  for (const row of rows) lines.push(line(row) + (row.cause ? `: ${row.cause}` : ''));
  return lines.join('\n');
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
