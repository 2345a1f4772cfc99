import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { contentHash } from '../../src/incremental/content-hash.ts';
import { matchEpisodesCached } from '../../src/incremental/match-episodes-cached.ts';
import { relatedDigest, relatedText } from '../../src/incremental/related-text.ts';
import { decodeMatchState, LostMatchRecord, matchStateIndexFile, writeMatchState } from '../../src/incremental/stored-match-state.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import { matchIncrementally, type EpisodeKeys, type MatchState } from '../../src/matching/match-incrementally.ts';
import { sharedDir } from '../shared-dir.ts';
import { memoryCorpus } from '../matching/make-fixtures.ts';

// Issue 7: the matching state is kept as an index and per-episode records read by position; a
// rebuild from it must equal a clean run, reading only the records of what it matches again.
const root = mkdtempSync(path.join(tmpdir(), 'stored-match-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const articles = (await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger })).articles;
const base = show.episodes;
const index = buildCorpusIndex(articles);
const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };
const keys: EpisodeKeys = {
  key: (e) => contentHash(JSON.stringify(e)),
  quotesKey: (e) => contentHash(JSON.stringify(e.quotes)),
};
const first = matchIncrementally(base, index, options, undefined, keys);

function edit(slug: string, change: (e: Episode) => Partial<Episode>): Episode[] {
  return base.map((e) => (e.slug === slug ? { ...e, ...change(e) } : e));
}

/** A state written to a fresh folder and read back. */
async function stored(state: MatchState, stamp = 's1'): Promise<{ dir: string; state: MatchState }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'match-state-'));
  await writeMatchState(dir, stamp, state);
  return { dir, state: decodeMatchState(readFileSync(matchStateIndexFile(dir)), stamp, dir)! };
}

/** The records files of a stored state. */
function recordsFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.records'));
}

describe('the stored matching state', () => {
  it('gives back what was written: slugs, keys, lists, related articles, shared names and counts', async () => {
    const { state } = await stored(first.state);
    expect(state.episodes.map((r) => [r.slug, r.key])).toEqual(first.state.episodes.map((r) => [r.slug, r.key]));
    for (const [e, record] of state.episodes.entries()) {
      const original = first.state.episodes[e]!;
      expect([...record.owns, ...record.reads, ...record.candidates, ...record.counted]).toEqual([...original.owns, ...original.reads, ...original.candidates, ...original.counted]);
      expect([record.related, record.proper, record.quotes, record.quotesKey, record.titleKey]).toEqual([
        original.related,
        original.proper,
        original.quotes,
        original.quotesKey,
        original.titleKey,
      ]);
      // The related articles' JSON is the stored text itself, and their digest for output keys
      // the stored one: both equal what a fresh list of the same articles gives.
      expect(relatedText(record.related)).toBe(JSON.stringify(original.related));
      expect(relatedDigest(record.related)).toBe(relatedDigest(JSON.parse(JSON.stringify(original.related)) as typeof original.related));
    }
    expect([state.keys, state.counts, state.shared, state.sharedNames, state.properKeys]).toEqual([
      first.state.keys,
      first.state.counts,
      first.state.shared,
      first.state.sharedNames,
      first.state.properKeys,
    ]);
  });

  it('is not used with another stamp, or when its index is damaged', async () => {
    const { dir } = await stored(first.state);
    const bytes = readFileSync(matchStateIndexFile(dir));
    expect(decodeMatchState(bytes, 's2', dir)).toBeUndefined();
    expect(decodeMatchState(bytes.subarray(0, 100), 's1', dir)).toBeUndefined();
    expect(decodeMatchState(undefined, 's1', dir)).toBeUndefined();
  });

  it('after a body edit reads only the edited episode’s record, and equals a clean run', async () => {
    const episodes = edit('road-trip', (e) => ({ body: `${e.body}\n\nThanks for listening.` }));
    const { dir } = await stored(first.state);
    // Find the records file of road-trip: with every other one gone, the rebuild still works.
    const files = recordsFiles(dir);
    let kept: string | undefined;
    for (const file of files) {
      const { dir: copy } = await stored(first.state);
      for (const other of files) if (other !== file) rmSync(path.join(copy, other));
      const state = decodeMatchState(readFileSync(matchStateIndexFile(copy)), 's1', copy)!;
      try {
        const next = matchIncrementally(episodes, index, options, state, keys);
        expect(new Map(next.related)).toEqual(matchEpisodes(episodes, articles, options));
        expect([next.prepared, next.evaluated]).toEqual([1, 1]);
        kept = file;
      } catch (error) {
        expect(error).toBeInstanceOf(LostMatchRecord);
      }
    }
    expect(kept).toBeDefined();
    expect(files.length).toBeGreaterThan(1);
  });

  it('after an edit that adds a proper name reads every record for the shared names, and equals a clean run', async () => {
    // "Bo Kettleman" becomes one of Road Trip's name candidates: the shared names are picked again.
    const episodes = edit('road-trip', (e) => ({ body: `${e.body}\n\nWe also talked to Bo Kettleman about the horse again.` }));
    const { dir, state } = await stored(first.state);
    const next = matchIncrementally(episodes, index, options, state, keys);
    expect(new Map(next.related)).toEqual(matchEpisodes(episodes, articles, options));
    expect([first.state.properKeys.includes('bo kettleman'), next.state.properKeys.includes('bo kettleman')]).toEqual([false, true]);
    // With only one records file left, some record is missing.
    const files = recordsFiles(dir);
    for (const file of files.slice(1)) rmSync(path.join(dir, file));
    const partial = decodeMatchState(readFileSync(matchStateIndexFile(dir)), 's1', dir)!;
    expect(() => matchIncrementally(episodes, index, options, partial, keys)).toThrow(LostMatchRecord);
  });

  it('equals a clean run after a chain of edits, each from the state the last one stored', async () => {
    const edits: ((list: Episode[]) => Episode[])[] = [
      (list) => list.map((e) => (e.slug === 'flu-season' ? { ...e, quotes: e.quotes.slice(1) } : e)),
      (list) => list.map((e) => (e.slug === 'road-trip' ? { ...e, body: `${e.body}\n\nBo Kettleman returns.` } : e)),
      (list) => list.filter((e) => e.slug !== 'lil-sebastian'),
      (list) => [...list, { ...base.find((e) => e.slug === 'lil-sebastian')!, slug: 'lil-sebastian-again' }],
      (list) => list.map((e) => (e.slug === 'road-trip' ? { ...e, body: `${e.body}\n\nThanks for listening.` } : e)),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'match-chain-'));
    await writeMatchState(dir, 's1', first.state);
    let episodes = base;
    for (const change of edits) {
      episodes = change(episodes);
      const state = decodeMatchState(readFileSync(matchStateIndexFile(dir)), 's1', dir)!;
      const next = matchIncrementally(episodes, index, options, state, keys);
      const clean = matchEpisodes(episodes, articles, options);
      expect(new Map(next.related)).toEqual(clean);
      // Kept and fresh lists alike, each digest is that of the list a clean run gives.
      for (const [slug, list] of next.related) expect(relatedDigest(list), slug).toBe(relatedDigest(clean.get(slug)));
      await writeMatchState(dir, 's1', next.state);
    }
  });

  it('matches everything again when a records file was lost since the index was written', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'match-lost-'));
    const corpus = memoryCorpus(articles);
    const settings = { ...options, cacheDir, tool: 'test', clean: false };
    await (await matchEpisodesCached(base, corpus, settings)).save();
    const dir = path.join(cacheDir, 'matching');
    for (const file of recordsFiles(dir)) writeFileSync(path.join(dir, file), 'not a records file');
    const episodes = edit('road-trip', (e) => ({ body: `${e.body}\n\nThanks for listening.` }));
    const next = await matchEpisodesCached(episodes, corpus, settings);
    expect(next.evaluated).toBe(8);
    expect(new Map(next.related)).toEqual(matchEpisodes(episodes, articles, options));
    await next.save();
    const after = await matchEpisodesCached(edit('road-trip', (e) => ({ body: `${e.body}\n\nThanks again.` })), corpus, settings);
    expect(after.evaluated).toBe(1);
  });
});
