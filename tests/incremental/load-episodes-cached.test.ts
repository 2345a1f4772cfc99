import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadEpisodes } from '../../src/episodes/load-episodes.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { episodeDigest } from '../../src/incremental/episode-digest.ts';
import { episodeKey } from '../../src/incremental/episode-key.ts';
import { loadEpisodesCached } from '../../src/incremental/load-episodes-cached.ts';
import { copyShow, tempDir } from '../temp-show.ts';

const TZ = 'America/Los_Angeles';

async function cachedLoad(root: string, cacheDir: string) {
  const result = await loadEpisodesCached(root, TZ, { cacheDir, tool: 'test', clean: false, fileExists: existsSync });
  await result.save();
  return result;
}

/** The episodes as plain data (reading every field, the lazily loaded notes included). */
const plain = (episodes: readonly object[]) => JSON.parse(JSON.stringify(episodes)) as unknown;

/** An episode's digest as plain data (a revived one splits its quote ids on first read). */
function digestOf(episode: Episode) {
  const { quoteIds, quoteCount, cardsKey, hasChapters } = episodeDigest(episode);
  return { quoteIds: [...quoteIds], quoteCount, cardsKey, hasChapters };
}

describe('episodes reused from the build cache', () => {
  it('gives the same episodes as a fresh parse, notes included, without parsing again', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    const first = await cachedLoad(root, cacheDir);
    expect([first.parsed, first.reused]).toEqual([3, 0]);
    // One index of what every build reads; the notes and quotes apart, in records files.
    const files = await readdir(path.join(cacheDir, 'episodes'));
    expect(files.filter((f) => f.endsWith('.v8'))).toEqual(['index.v8']);
    expect(files.some((f) => f.endsWith('.records'))).toBe(true);

    const second = await cachedLoad(root, cacheDir);
    expect([second.parsed, second.reused]).toEqual([0, 3]);
    const fresh = await loadEpisodes(root, TZ);
    expect(plain(second.episodes)).toEqual(plain(fresh.episodes));
    const booze = second.episodes.find((e) => e.slug === 'booze-cruise')!;
    expect(booze.html).toContain('Everybody gets on a boat.');
    expect(booze.body).toContain('Everybody gets on a boat.');
    // The feeds' notes come from the records too, not enumerable, as a fresh parse has them.
    expect(fresh.episodes.some((e) => e.feedNotes !== undefined)).toBe(true);
    for (const episode of second.episodes) {
      const parsed = fresh.episodes.find((e) => e.slug === episode.slug)!;
      expect(episode.feedNotes, episode.slug).toEqual(parsed.feedNotes);
      expect(Object.keys(episode)).not.toContain('feedNotes');
    }
  });

  it('revives the quotes, chapters and people on first use, in the order and with the digest of a fresh parse', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const revived = (await cachedLoad(root, cacheDir)).episodes.find((e) => e.slug === 'casino-night')!;
    const fresh = (await loadEpisodes(root, TZ)).episodes.find((e) => e.slug === 'casino-night')!;
    // Stored apart and read on first use: accessors until then.
    for (const field of ['quotes', 'chapters', 'guests', 'topics', 'related', 'body', 'html']) {
      expect(typeof Object.getOwnPropertyDescriptor(revived, field)?.get, field).toBe('function');
    }
    // What planning reads of every episode comes from the cache, equal to a fresh episode's.
    expect(digestOf(revived)).toEqual(digestOf(fresh));
    expect(episodeDigest(revived).quoteIds).toEqual(fresh.quotes.map((q) => q.id));
    // Same fields, same order, same values: JSON (and so any key made from it) is the same.
    expect(JSON.stringify(revived)).toBe(JSON.stringify(fresh));
    expect(revived.quotes).toBe(revived.quotes);
    expect(revived.quotes[0]!.speaker).toBe(fresh.quotes[0]!.speaker);
    // A field set by a caller replaces the stored one.
    revived.topics = ['replaced'];
    expect(revived.topics).toEqual(['replaced']);
    expect(revived.quotes).toEqual(fresh.quotes);
  });

  it('parses a file again after an edit that keeps its size', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const file = path.join(root, 'episodes/booze-cruise.md');
    const text = await readFile(file, 'utf8');
    // Past the file system's timestamp granularity, as any edit by a person is.
    await sleep(20);
    await writeFile(file, text.replace('Everybody gets on a boat.', 'EVERYBODY gets on a boat.'));
    const next = await cachedLoad(root, cacheDir);
    expect([next.parsed, next.reused]).toEqual([1, 2]);
    expect(next.episodes.find((e) => e.slug === 'booze-cruise')!.html).toContain('EVERYBODY gets on a boat.');
  });

  it('reuses a file whose times changed but whose text did not, and then skips reading it', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const file = path.join(root, 'episodes/casino-night.md');
    await utimes(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const touched = await cachedLoad(root, cacheDir);
    expect([touched.parsed, touched.reused]).toEqual([0, 3]);
    expect(touched.episodes.find((e) => e.slug === 'casino-night')!.html).toContain('<p>');
    const again = await cachedLoad(root, cacheDir);
    expect([again.parsed, again.reused]).toEqual([0, 3]);
  });

  it('parses the notes again when their records file is lost, and gives the same episodes', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    for (const name of await readdir(path.join(cacheDir, 'episodes'))) {
      if (name.endsWith('.records')) await rm(path.join(cacheDir, 'episodes', name));
    }
    const reloaded = await loadEpisodesCached(root, TZ, { cacheDir, tool: 'test', clean: false, fileExists: existsSync });
    expect([reloaded.parsed, reloaded.reused]).toEqual([0, 3]);
    const fresh = (await loadEpisodes(root, TZ)).episodes;
    expect(plain(reloaded.episodes)).toEqual(plain(fresh));
    expect(reloaded.episodes.map((e) => e.feedNotes)).toEqual(fresh.map((e) => e.feedNotes));
  });

  it('keeps what was revived readable after the next build rewrites the records', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    // Revived, not read yet (as the dev server keeps the last build's episodes).
    const earlier = await cachedLoad(root, cacheDir);
    for (const name of ['booze-cruise.md', 'casino-night.md', 'next-week.md']) {
      const file = path.join(root, 'episodes', name);
      await sleep(20);
      await writeFile(file, `${await readFile(file, 'utf8')}\nOne more line.\n`);
      await cachedLoad(root, cacheDir);
      await writeFile(file, (await readFile(file, 'utf8')).replace('\nOne more line.\n', ''));
    }
    const fresh = await loadEpisodes(root, TZ);
    expect(plain(earlier.episodes)).toEqual(plain(fresh.episodes));
  });

  it('drops nothing and writes nothing when no file changed', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const index = path.join(cacheDir, 'episodes', 'index.v8');
    const before = (await stat(index)).mtimeMs;
    await sleep(20);
    const again = await cachedLoad(root, cacheDir);
    expect((await stat(index)).mtimeMs).toBe(before);
    expect([again.parsed, again.reused]).toEqual([0, 3]);
  });

  it("keeps every episode's digest through an index written again with one file changed", async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const episodes = path.join(root, 'episodes');
    const names = (await readdir(episodes)).filter((n) => n.endsWith('.md')).sort();
    // The first file loses its quotes, so the rows after it are copied from the last index to
    // other places in its quote ids.
    const first = path.join(episodes, names[0]!);
    const text = await readFile(first, 'utf8');
    await writeFile(first, text.replace(/^quotes:[\s\S]*?(?=^\w)/m, ''));
    await cachedLoad(root, cacheDir);
    const revived = (await cachedLoad(root, cacheDir)).episodes;
    const fresh = (await loadEpisodes(root, TZ)).episodes;
    expect(revived.map(digestOf)).toEqual(fresh.map(digestOf));
    expect(fresh.map((e) => e.quotes.length)).toContain(0);
    expect(fresh.filter((e) => e.quotes.length > 1).length).toBeGreaterThan(0);
  });

  it('forgets a removed episode and parses a new one', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const episodes = path.join(root, 'episodes');
    const [first] = (await readdir(episodes)).filter((n) => n.endsWith('.md')).sort();
    const text = await readFile(path.join(episodes, first!), 'utf8');
    await rm(path.join(episodes, first!));
    await writeFile(path.join(episodes, 'zz-copy.md'), text.replace(/^slug:.*$/m, 'slug: zz-copy'));
    const changed = await cachedLoad(root, cacheDir);
    expect([changed.parsed, changed.reused]).toEqual([1, 2]);
    const again = await cachedLoad(root, cacheDir);
    expect([again.parsed, again.reused]).toEqual([0, 3]);
    expect(plain(again.episodes)).toEqual(plain((await loadEpisodes(root, TZ)).episodes));
  });

  it('moves revived episodes to their records when saving writes their records file again', async () => {
    const root = await copyShow('mini-show');
    const episodes = path.join(root, 'episodes');
    const text = await readFile(path.join(episodes, 'casino-night.md'), 'utf8');
    // More files than records files: some share one with the file edited below.
    for (let i = 0; i < 100; i++) await writeFile(path.join(episodes, `copy-${i}.md`), text.replace('Casino Night', `Casino Night ${i}`));
    const cacheDir = path.join(await tempDir(), 'cache');
    await cachedLoad(root, cacheDir);
    const expected = plain((await loadEpisodes(root, TZ)).episodes.filter((e) => e.slug !== 'copy-0'));
    await sleep(20);
    await writeFile(path.join(episodes, 'copy-0.md'), text.replace('Casino Night', 'Edited'));
    const revived = await cachedLoad(root, cacheDir);
    expect([revived.parsed, revived.reused]).toEqual([1, 102]);
    // Were a revived episode to parse its file again, it would find other text and fail.
    for (let i = 1; i < 100; i++) await writeFile(path.join(episodes, `copy-${i}.md`), 'changed since');
    expect(plain(revived.episodes.filter((e) => e.slug !== 'copy-0'))).toEqual(expected);
  });

  it("removes the previous layout's shards when it first writes its index", async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    await mkdir(path.join(cacheDir, 'episodes'), { recursive: true });
    for (const name of ['0.v8', '0.notes.v8', '63.v8', 'other.v8']) await writeFile(path.join(cacheDir, 'episodes', name), 'old');
    await cachedLoad(root, cacheDir);
    const files = await readdir(path.join(cacheDir, 'episodes'));
    expect(files.filter((f) => f.endsWith('.v8')).sort()).toEqual(['index.v8', 'other.v8']);
  });
});

describe('episode keys', () => {
  const keysOf = (episodes: readonly Episode[]) => Object.fromEntries(episodes.map((e) => [e.slug, episodeKey(e)]));

  it('are the same for a fresh parse and for the episode revived from the cache, and change with the text or the time zone', async () => {
    const root = await copyShow('mini-show');
    const cacheDir = path.join(await tempDir(), 'cache');
    const fresh = keysOf((await cachedLoad(root, cacheDir)).episodes);
    const revived = keysOf((await cachedLoad(root, cacheDir)).episodes);
    expect(revived).toEqual(fresh);
    expect(new Set(Object.values(fresh)).size).toBe(Object.keys(fresh).length);

    const file = path.join(root, 'episodes', 'booze-cruise.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Everybody gets on a boat.', 'Everybody gets on a ship.'));
    const edited = keysOf((await cachedLoad(root, cacheDir)).episodes);
    expect(edited['booze-cruise']).not.toBe(fresh['booze-cruise']);
    expect({ ...edited, 'booze-cruise': '' }).toEqual({ ...fresh, 'booze-cruise': '' });

    const elsewhere = await loadEpisodesCached(root, 'Europe/Paris', { cacheDir, tool: 'test', clean: false, fileExists: existsSync });
    for (const episode of elsewhere.episodes) expect(episodeKey(episode)).not.toBe(edited[episode.slug]);
  });
});
