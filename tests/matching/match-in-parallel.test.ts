import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { evaluateEpisode, evaluateForSelection } from '../../src/matching/evaluate-matches.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes, matchEpisodesInParallel, round } from '../../src/matching/match-episodes.ts';
import { prepareMatching } from '../../src/matching/prepare-matching.ts';
import { startBuildingCorpusIndex } from '../../src/matching/start-building-corpus-index.ts';
import { sharedDir } from '../shared-dir.ts';

// Issue 5 item 5: the faster paths must not change a single result.
const root = mkdtempSync(path.join(tmpdir(), 'match-parallel-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const { articles } = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const episodes = show.episodes;

describe('the corpus index built on a worker thread', () => {
  it('equals the one built here, token ids and vocabulary included', async () => {
    const here = buildCorpusIndex(articles);
    const threaded = await startBuildingCorpusIndex(articles, { thread: true });
    const { vocab: hereVocab, ...hereRest } = here;
    const { vocab: threadVocab, ...threadRest } = threaded;
    expect(threadRest).toEqual(hereRest);
    expect(threaded.articles).toBe(articles);
    expect(threadVocab.size).toBe(hereVocab.size);
    for (const word of here.words) expect(threadVocab.get(word)).toBe(hereVocab.get(word));
    expect(here.size).toBe(40);
  });

  it('gives matchEpisodesInParallel the result of matchEpisodes', async () => {
    const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };
    const related = matchEpisodes(episodes, articles, options);
    expect([...related.values()].flat().length).toBeGreaterThan(10);
    expect(await matchEpisodesInParallel(episodes, articles, options)).toEqual(related);
  });
});

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
