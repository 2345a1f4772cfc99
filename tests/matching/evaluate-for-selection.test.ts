import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { evaluateEpisode, evaluateForSelection } from '../../src/matching/evaluate-matches.ts';
import { DEFAULT_MIN_SCORE, round } from '../../src/matching/match-episodes.ts';
import { prepareMatching } from '../../src/matching/prepare-matching.ts';
import { sharedDir } from '../shared-dir.ts';

// Issue 5 item 5: leaving out the candidates that cannot pass must not change a single result.
const root = mkdtempSync(path.join(tmpdir(), 'evaluate-for-selection-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const { articles } = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const episodes = show.episodes;

describe('evaluateForSelection', () => {
  const context = prepareMatching(episodes, articles);

  it.each([0.01, 0.3, DEFAULT_MIN_SCORE, 0.8, 0.95])('scores in full every candidate that passes %s, exactly as evaluateEpisode does', (minScore) => {
    let passing = 0;
    let left = 0;
    episodes.forEach((_, e) => {
      const full = evaluateEpisode(context, e);
      const selected = evaluateForSelection(context, e, minScore);
      expect([...selected.considered]).toEqual(full.map((c) => c.article));
      const byArticle = new Map(selected.candidates.map((c) => [c.article, c]));
      for (const candidate of full) {
        const kept = byArticle.get(candidate.article);
        if (kept) expect(kept).toEqual(candidate);
        else left++;
        if (candidate.anchored && round(candidate.score) >= minScore) {
          passing++;
          expect(kept).toBeDefined();
        }
      }
    });
    expect(passing).toBeGreaterThan(0);
    // The low threshold leaves nothing out; the high ones leave some.
    if (minScore >= DEFAULT_MIN_SCORE) expect(left).toBeGreaterThan(0);
  });
});
