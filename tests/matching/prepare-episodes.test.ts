import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { contentHash } from '../../src/incremental/content-hash.ts';
import { matchEpisodesCached, prepareShowAhead, readMatchCacheAhead } from '../../src/incremental/match-episodes-cached.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { buildEpisodeProfile } from '../../src/matching/episode-profile.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import { matchIncrementally, type EpisodeKeys } from '../../src/matching/match-incrementally.ts';
import { prepareEpisode, prepareShow } from '../../src/matching/prepare-episodes.ts';
import { pickSharedNames } from '../../src/matching/prepare-matching.ts';
import { countedKeys, properNameCandidates } from '../../src/matching/prepare-matching.ts';
import { sharedDir } from '../shared-dir.ts';
import { memoryCorpus } from './make-fixtures.ts';

// Issue 5 item 5: a build prepares the episodes' side of matching before the articles arrive;
// the result must be the very one of matching without it.
const root = mkdtempSync(path.join(tmpdir(), 'prepare-episodes-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const { articles } = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const episodes = show.episodes;
const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };
const keys: EpisodeKeys = {
  key: (e) => contentHash(JSON.stringify(e)),
  quotesKey: (e) => contentHash(JSON.stringify(e.quotes)),
};
const corpus = memoryCorpus(articles);

describe('prepareShow', () => {
  it("gives each episode's profile, title key, proper names and quotes key", () => {
    const episode = episodes.find((e) => e.slug === 'road-trip')!;
    const [prepared] = prepareShow([episode], keys.quotesKey).episodes;
    const profile = buildEpisodeProfile(episode);
    expect(prepared!.profile).toEqual(profile);
    expect(prepared!.titleKey).toBe(profile.title!.tokens.join(' '));
    expect(prepared!.proper).toEqual(properNameCandidates(profile));
    expect(prepared!.proper.length).toBeGreaterThan(0);
    expect(prepared!.quotesKey).toBe(contentHash(JSON.stringify(episode.quotes)));
  });

  it("counts the show's keys in episode order and picks its shared names", () => {
    const show = prepareShow(episodes, keys.quotesKey);
    const counted = show.episodes.map((p) => countedKeys(p.profile));
    const keysInOrder = [...new Set(counted.flat())];
    expect(show.keys).toEqual(keysInOrder);
    const uses = (key: string) => counted.filter((keys) => keys.includes(key)).length;
    expect(show.counts).toEqual(keysInOrder.map(uses));
    show.counted.forEach((ids, e) => expect([...ids].map((id) => show.keys[id])).toEqual(counted[e]));
    const shared = pickSharedNames(
      show.episodes.map((p) => p.proper),
      new Set(show.episodes.map((p) => p.titleKey)),
      uses,
    );
    expect(show.sharedNames).toEqual(shared);
    expect(show.sharedNames.length).toBeGreaterThan(0);
    expect(show.counts.some((n) => n >= 2)).toBe(true);
  });

  it('leaves the matches of a cold run as they are', () => {
    const index = buildCorpusIndex(articles);
    const prepared = prepareShow(episodes, keys.quotesKey);
    const withPrepared = matchIncrementally(episodes, index, options, undefined, keys, prepared);
    const without = matchIncrementally(episodes, index, options, undefined, keys);
    expect(new Map(withPrepared.related)).toEqual(new Map(without.related));
    expect(new Map(withPrepared.related)).toEqual(matchEpisodes(episodes, articles, options));
    expect(withPrepared.state).toEqual(without.state);
  });

  it('refuses prepared episodes that are not the episodes', () => {
    const index = buildCorpusIndex(articles);
    const prepared = { ...prepareShow(episodes, keys.quotesKey), episodes: [prepareEpisode(episodes[0]!, keys.quotesKey)] };
    expect(() => matchIncrementally(episodes, index, options, undefined, keys, prepared)).toThrow(
      'internal error: prepared episodes do not match the episodes',
    );
  });
});

describe('prepareShowAhead', () => {
  it('prepares every episode for a clean build, and for one with no cached state', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prepare-ahead-'));
    const clean = await prepareShowAhead(episodes, { clean: true });
    expect(clean?.episodes.map((p) => p.profile.episode.slug)).toEqual(episodes.map((e) => e.slug));
    const first = await prepareShowAhead(episodes, { clean: false, ahead: readMatchCacheAhead(cacheDir) });
    expect(first?.episodes.length).toBe(episodes.length);
  });

  it('prepares nothing when a cached state may spare most episodes, and the rebuild still equals a clean one', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prepare-ahead-'));
    const settings = { ...options, cacheDir, tool: 'test', clean: false };
    const prepared = await prepareShowAhead(episodes, { clean: false, ahead: readMatchCacheAhead(cacheDir) });
    const cold = await matchEpisodesCached(episodes, corpus, { ...settings, prepared });
    expect(new Map(cold.related)).toEqual(matchEpisodes(episodes, articles, options));
    await cold.save();
    const ahead = readMatchCacheAhead(cacheDir);
    expect(await prepareShowAhead(episodes, { clean: false, ahead })).toBeUndefined();
    expect(await prepareShowAhead(episodes, { clean: false })).toBeUndefined();
    const edited = episodes.map((e) => (e.slug === 'road-trip' ? { ...e, body: `${e.body}\n\nBo Kettleman returns.` } : e));
    const warm = await matchEpisodesCached(edited, corpus, { ...settings, ahead });
    expect(warm.evaluated).toBeLessThan(episodes.length);
    expect(new Map(warm.related)).toEqual(matchEpisodes(edited, articles, options));
  });
});
