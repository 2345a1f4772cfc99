import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import type { RelatedArticle } from '../../src/matching/related.ts';
import { sharedDir } from '../shared-dir.ts';

// Issue 5 item 4: the labelled matching-dev show, with the default settings (max_related 5 from
// its config, the project's default min_score). Copied to a temp dir so nothing is written there.
const root = mkdtempSync(path.join(tmpdir(), 'matching-dev-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
if (!show.config || show.diagnostics.length > 0) throw new Error(`matching-dev does not load: ${JSON.stringify(show.diagnostics)}`);
const { episodes } = show;
const loaded = await loadArticles(show.config.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
if (loaded.warnings.length > 0) throw new Error(`matching-dev feeds: ${JSON.stringify(loaded.warnings)}`);
const { articles } = loaded;
const labelFile = JSON.parse(readFileSync(path.join(root, 'labels.json'), 'utf8')) as Record<string, unknown>;
delete labelFile.notes;
const labels = labelFile as Record<string, { relevant: string[]; quotes: string[] }>;
// The config's max_related (5); min_score is left to the project's default.
const options = { maxRelated: show.config.articles.maxRelated, minScore: DEFAULT_MIN_SCORE };

describe('the matching-dev set', () => {
  const related = matchEpisodes(episodes, articles, options);

  it('loads 8 episodes and 40 articles', () => {
    expect(episodes).toHaveLength(8);
    expect(articles).toHaveLength(40);
  });

  it('reaches precision and recall of at least 0.9 (micro-averaged) and finds every quote', () => {
    let truePositives = 0;
    let predicted = 0;
    let relevant = 0;
    let quoteFound = 0;
    let quoteLabels = 0;
    const rows: string[] = [];
    for (const [slug, label] of Object.entries(labels)) {
      const list = (related.get(slug) ?? []).filter((r) => !r.pinned);
      const urls = new Set(list.map((r) => r.url));
      const hits = label.relevant.filter((url) => urls.has(url)).length;
      truePositives += hits;
      predicted += urls.size;
      relevant += label.relevant.length;
      for (const url of label.quotes) {
        quoteLabels++;
        if (list.find((r) => r.url === url)?.reasons.some((r) => r.kind === 'quote')) quoteFound++;
      }
      rows.push(`${slug.padEnd(18)} precision ${(urls.size ? hits / urls.size : 1).toFixed(2)}  recall ${(hits / label.relevant.length).toFixed(2)}  (${hits}/${urls.size} predicted, ${label.relevant.length} relevant)`);
    }
    const precision = truePositives / predicted;
    const recall = truePositives / relevant;
    rows.push(`micro              precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}  quote recall ${(quoteFound / quoteLabels).toFixed(2)} (${quoteFound}/${quoteLabels})`);
    process.stdout.write(`\nmatching-dev, min_score ${DEFAULT_MIN_SCORE}:\n${rows.join('\n')}\n`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(quoteFound).toBe(quoteLabels);
  });

  it('gives every episode a key, scores in [0, 1], and the same output on a second run', () => {
    expect([...related.keys()].sort()).toEqual(episodes.map((e) => e.slug).sort());
    for (const list of related.values()) {
      for (const entry of list) {
        expect(entry.score).toBeGreaterThanOrEqual(0);
        expect(entry.score).toBeLessThanOrEqual(1);
      }
    }
    const again = matchEpisodes(episodes, articles, options);
    expect(JSON.stringify([...again])).toBe(JSON.stringify([...related]));
  });

  it('does not depend on the order of the feeds or of the episodes', () => {
    const reversed = matchEpisodes([...episodes].reverse(), [...articles].reverse(), options);
    const sorted = (map: Map<string, RelatedArticle[]>): string => JSON.stringify([...map].sort(([x], [y]) => (x < y ? -1 : 1)));
    expect(sorted(reversed)).toBe(sorted(related));
  });
});
