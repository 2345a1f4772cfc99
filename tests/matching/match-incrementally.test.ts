import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { loadArticles } from '../../src/articles/load-articles.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { contentHash } from '../../src/incremental/content-hash.ts';
import { matchEpisodesCached } from '../../src/incremental/match-episodes-cached.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { decodeCorpusIndex, encodeCorpusIndex } from '../../src/matching/store-corpus-index.ts';
import { DEFAULT_MIN_SCORE, matchEpisodes } from '../../src/matching/match-episodes.ts';
import { matchIncrementally, type EpisodeKeys, type MatchState } from '../../src/matching/match-incrementally.ts';
import { sharedDir } from '../shared-dir.ts';
import { makeArticle, makeEpisode, makeQuote, memoryCorpus } from './make-fixtures.ts';

// Issue 7: matching again only what an edit can change must give exactly what a clean run gives.
// The labelled matching-dev show has shared names, owners and quotes across its 8 episodes.
const root = mkdtempSync(path.join(tmpdir(), 'match-incremental-'));
cpSync(path.join(sharedDir, 'fixtures/matching-dev'), root, { recursive: true });
const show = await loadShow(root);
const loaded = await loadArticles(show.config!.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
const articles = loaded.articles;
const base = show.episodes;
const options = { maxRelated: 5, minScore: DEFAULT_MIN_SCORE };
const keys: EpisodeKeys = {
  key: (e) => contentHash(JSON.stringify(e)),
  quotesKey: (e) => contentHash(JSON.stringify(e.quotes)),
};
/** The index through the bytes the cache stores. */
function throughBytes(list: Article[]) {
  const chunks = encodeCorpusIndex(buildCorpusIndex(list), 'meta');
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return decodeCorpusIndex(bytes)!;
}
// The state and the index go through v8 and bytes as the cache stores them.
const index = throughBytes(articles).index;
const roundTrip = (state: MatchState): MatchState => v8.deserialize(v8.serialize(state)) as MatchState;
const first = matchIncrementally(base, index, options, undefined, keys);

function edit(slug: string, change: (e: Episode) => Partial<Episode>): Episode[] {
  return base.map((e) => (e.slug === slug ? { ...e, ...change(e) } : e));
}

/** Incremental from the first build's state, and the clean result, for the edited show. */
function both(episodes: Episode[]) {
  const incremental = matchIncrementally(episodes, index, options, roundTrip(first.state), keys);
  return { incremental, clean: matchEpisodes(episodes, articles, options) };
}

describe('the stored corpus index', () => {
  it('gives back every article field and array, a lone surrogate and accents included', () => {
    const odd = { ...makeArticle('https://x.example/é', 'Caf\u00e9 \ud83c', 'Text with \u2019 and \udc00 alone.', '2020-01-02'), author: 'Zoë' };
    const undated = makeArticle('https://x.example/2', 'Second', 'No date here.');
    const original = buildCorpusIndex([odd, undated]);
    const { meta, index: decoded } = throughBytes([odd, undated]);
    expect(meta).toBe('meta');
    expect(decoded.articles.map((a) => [a.url, a.title, a.source, a.text, a.excerpt, a.author, a.image, a.published?.toISOString()])).toEqual([
      [odd.url, odd.title, odd.source, odd.text, odd.excerpt, 'Zoë', undefined, '2020-01-02T00:00:00.000Z'],
      [undated.url, undated.title, undated.source, undated.text, undated.excerpt, undefined, undefined, undefined],
    ]);
    expect([...decoded.tokens]).toEqual([...original.tokens]);
    expect([...decoded.postDoc]).toEqual([...original.postDoc]);
    expect(decoded.words).toEqual(original.words);
    expect(decoded.vocab.get('alone')).toBe(original.vocab.get('alone'));
    expect(() => decoded.articles[0]!.html).toThrow('internal error');
  });

  it('refuses bytes that are not an index', () => {
    expect(decodeCorpusIndex(new Uint8Array(16))).toBeUndefined();
  });
});

describe('matchIncrementally', () => {
  it('gives a first build equal to matchEpisodes, every episode evaluated', () => {
    expect(new Map(first.related)).toEqual(matchEpisodes(base, articles, options));
    expect([first.prepared, first.evaluated]).toEqual([8, 8]);
    expect(first.related.get('flu-season')!.length).toBeGreaterThan(0);
  });

  it('evaluates nothing when nothing changed', () => {
    const { incremental, clean } = both(base);
    expect(new Map(incremental.related)).toEqual(clean);
    expect([incremental.prepared, incremental.evaluated]).toEqual([0, 0]);
  });

  it('evaluates only the edited episode after a body edit with no new shared word', () => {
    const { incremental, clean } = both(edit('road-trip', (e) => ({ body: `${e.body}\n\nThanks for listening.` })));
    expect(new Map(incremental.related)).toEqual(clean);
    expect([incremental.prepared, incremental.evaluated]).toEqual([1, 1]);
  });

  it('re-evaluates the episodes reading a name a body edit makes shared', () => {
    // "Bo Kettleman" is Li'l Sebastian's guest; naming him in Road Trip's notes makes him a
    // shared name of the show's world for every article that names him.
    const episodes = edit('road-trip', (e) => ({ body: `${e.body}\n\nWe also talked to Bo Kettleman about the horse again.` }));
    const { incremental, clean } = both(episodes);
    expect(new Map(incremental.related)).toEqual(clean);
    expect(incremental.evaluated).toBeGreaterThan(1);
  });

  it('equals a clean run after a quote is dropped, changing who owns its article', () => {
    const episodes = edit('flu-season', (e) => ({ quotes: e.quotes.slice(1) }));
    const { incremental, clean } = both(episodes);
    expect(new Map(incremental.related)).toEqual(clean);
    expect(clean.get('flu-season')).not.toEqual(first.related.get('flu-season'));
  });

  it('equals a clean run after a quote is reworded', () => {
    const episodes = edit('flu-season', (e) => ({ quotes: [{ ...e.quotes[0]!, text: 'We kept a spray bottle of glycerin on the cart for the fever look.' }, ...e.quotes.slice(1)] }));
    expect(new Map(both(episodes).incremental.related)).toEqual(both(episodes).clean);
  });

  it('equals a clean run after a guest is replaced', () => {
    const episodes = edit('flu-season', () => ({ guests: [{ name: 'Inez Marwood', role: 'guest' }] }));
    const { incremental, clean } = both(episodes);
    expect(new Map(incremental.related)).toEqual(clean);
    expect(clean.get('flu-season')).not.toEqual(first.related.get('flu-season'));
  });

  it('equals a clean run after the TV title changes', () => {
    const episodes = edit('the-fight', (e) => ({ title: 'Harvest Festival', subject: { ...e.subject, title: 'Harvest Festival' } }));
    const { incremental, clean } = both(episodes);
    expect(new Map(incremental.related)).toEqual(clean);
    expect(clean.get('the-fight')).not.toEqual(first.related.get('the-fight'));
  });

  it('equals a clean run after an episode is added, and after one is removed', () => {
    const copy = { ...base.find((e) => e.slug === 'flu-season')!, slug: 'flu-season-again', title: 'Flu Season, again' };
    const added = both([...base, copy]);
    expect(new Map(added.incremental.related)).toEqual(added.clean);
    expect(added.incremental.evaluated).toBe(9);
    const removed = both(base.filter((e) => e.slug !== 'lil-sebastian'));
    expect(new Map(removed.incremental.related)).toEqual(removed.clean);
    expect(removed.incremental.related.has('lil-sebastian')).toBe(false);
  });

  it('equals a clean run after a chain of edits, each from the state the last one left', () => {
    let state = first.state;
    let episodes = base;
    const edits: ((list: Episode[]) => Episode[])[] = [
      (list) => list.map((e) => (e.slug === 'road-trip' ? { ...e, body: `${e.body}\n\nBo Kettleman returns.` } : e)),
      (list) => list.map((e) => (e.slug === 'flu-season' ? { ...e, quotes: e.quotes.slice(1) } : e)),
      (list) => [...list].reverse(),
      (list) => list.filter((e) => e.slug !== 'the-fight'),
      (list) => list.map((e) => (e.slug === 'road-trip' ? { ...e, body: e.body.replace('Bo Kettleman returns.', '') } : e)),
    ];
    for (const change of edits) {
      episodes = change(episodes);
      const next = matchIncrementally(episodes, index, options, roundTrip(state), keys);
      expect(new Map(next.related)).toEqual(matchEpisodes(episodes, articles, options));
      state = next.state;
    }
  });
});

// A hand-made show where an edit of one episode changes another's result through a statistic the
// other does not read as a word count: who owns an article, and which names are the show's world.
const hosts = [
  { name: 'Wren Holloway', role: 'host' },
  { name: 'Ozzie Trammell', role: 'host' },
];
const harbor = (slug: string, title: string, body: string, extra: Partial<Episode> = {}): Episode =>
  makeEpisode({ slug, title, hosts, body, subject: { show: 'Harbor Street', season: 1, episode: 1, title }, ...extra });
const QUOTE = 'Every lantern on that pier was lit by hand before the first take of the night.';
const pilot = harbor('lantern-job', 'The Lantern Job', 'We rewatch the pilot and its pier.', {
  quotes: [makeQuote('lanterns', QUOTE, 'Mara Quintero')],
});
const finale = harbor('foggy-bottom', 'Foggy Bottom', 'Notes on the finale with Dana Quill, who wrote it.');
const ferry = harbor('night-ferry', 'Night Ferry', 'The ferry episode, shot in one night.');
const harborArticles = [
  makeArticle('https://news.example/lanterns', 'Inside Foggy Bottom', `On Harbor Street, "${QUOTE}" said Mara Quintero of Foggy Bottom.`, '2021-02-01'),
  makeArticle('https://news.example/ferry', 'Night Ferry, remembered', 'Night Ferry was written by Dana Quill over one long weekend.', '2021-02-02'),
];
const loose = { maxRelated: 10, minScore: 0.01 };

describe('matchIncrementally across episodes', () => {
  const harborIndex = buildCorpusIndex(harborArticles);
  const show = [pilot, finale, ferry];
  const start = matchIncrementally(show, harborIndex, loose, undefined, keys);
  const check = (edited: Episode[]) => {
    const next = matchIncrementally(edited, harborIndex, loose, roundTrip(start.state), keys);
    const clean = matchEpisodes(edited, harborArticles, loose);
    expect(new Map(next.related)).toEqual(clean);
    return { next, clean };
  };

  it('evaluates again an episode whose article lost its other owner (a quote given to a host)', () => {
    const edited = [{ ...pilot, quotes: [makeQuote('lanterns', QUOTE, 'Wren Holloway')] }, finale, ferry];
    const { next, clean } = check(edited);
    // Foggy Bottom's score for the article rises: it is no longer rather about the Lantern Job.
    expect(start.related.get('foggy-bottom')![0]!.score).toBeLessThan(clean.get('foggy-bottom')![0]!.score);
    expect(next.evaluated).toBe(2);
  });

  it('evaluates again an episode whose article now names the show world (a name shared by a body edit)', () => {
    const edited = [{ ...pilot, body: `${pilot.body} Dana Quill stopped by.` }, finale, ferry];
    const { next, clean } = check(edited);
    expect(start.related.get('night-ferry')).toEqual([]);
    expect(clean.get('night-ferry')!.map((r) => r.url)).toEqual(['https://news.example/ferry']);
    expect(next.evaluated).toBe(3);
  });
});

describe('matchEpisodesCached', () => {
  it('keeps the index in the cache: a rebuild after an edit reads no article and equals a clean build', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'match-cache-'));
    const reads = { count: 0 };
    const settings = { ...options, cacheDir, tool: 'test', clean: false };
    const cold = await matchEpisodesCached(base, memoryCorpus(articles, 'f1', reads), settings);
    await cold.save();
    expect([reads.count, cold.evaluated]).toEqual([1, 8]);
    const edited = edit('road-trip', (e) => ({ body: `${e.body}\n\nBo Kettleman returns.` }));
    const warm = await matchEpisodesCached(edited, memoryCorpus(articles, 'f1', reads), settings);
    expect(reads.count).toBe(1);
    expect(warm.evaluated).toBeLessThan(8);
    expect(new Map(warm.related)).toEqual(matchEpisodes(edited, articles, options));
    await warm.save();
    const same = await matchEpisodesCached(edited, memoryCorpus(articles, 'f1', reads), settings);
    expect([same.reused, same.evaluated]).toEqual([true, 0]);
  });

  it('matches everything again when the corpus changes', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'match-cache-'));
    const reads = { count: 0 };
    const settings = { ...options, cacheDir, tool: 'test', clean: false };
    await (await matchEpisodesCached(base, memoryCorpus(articles, 'f1', reads), settings)).save();
    const fewer = articles.slice(0, 20);
    const next = await matchEpisodesCached(base, memoryCorpus(fewer, 'f2', reads), settings);
    expect([reads.count, next.evaluated]).toEqual([2, 8]);
    expect(new Map(next.related)).toEqual(matchEpisodes(base, fewer, options));
  });
});
