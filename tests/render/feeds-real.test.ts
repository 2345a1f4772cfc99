import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from 'podcast-partytime';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { silentLogger } from '../../src/logger.ts';
import { sharedDir } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';

/**
 * The Podcasting 2.0 features we claim, by podcast-partytime's phase numbers. The README's
 * "Podcasting 2.0 tags we emit" list says the same.
 */
const CLAIMED: Record<number, string[]> = {
  1: ['locked', 'transcript', 'chapters', 'soundbite'],
  2: ['person', 'season', 'episode'],
  3: ['trailer', 'guid'],
  4: ['medium'],
};

/** Podcast-namespace tags real feeds use that the config and front matter have nothing for. */
const NOT_EMITTED = [
  'alternateEnclosure', 'block', 'chat', 'complete', 'contentLink', 'funding', 'images', 'integrity', 'license',
  'liveItem', 'liveValue', 'location', 'podping', 'podroll', 'publisher', 'remoteItem', 'socialInteract', 'source',
  'tracker', 'txt', 'updateFrequency', 'value', 'valueRecipient', 'valueTimeSplit',
];

const realDir = path.join(sharedDir, 'fixtures/real-feeds/podcasts');
const realFeeds = readdirSync(realDir).filter((f) => f.endsWith('.xml') || f.endsWith('.rss')).sort();

function features(support: Record<number, string[]>): string[] {
  return Object.entries(support).flatMap(([phase, names]) => names.map((n) => `${phase}:${n}`)).sort();
}

function podcastTags(xml: string): Set<string> {
  return new Set([...xml.matchAll(/<podcast:([A-Za-z]+)/g)].map((m) => m[1]!));
}

describe('our feed next to the real podcast feeds', () => {
  let ours: string;
  beforeAll(async () => {
    const root = await copyShow('feeds-show');
    await runBuild({ root, logger: silentLogger });
    ours = await readFile(path.join(root, 'out/feed.xml'), 'utf8');
  });

  it('has the real feeds to compare with', () => {
    expect(realFeeds).toContain('partytime_pc20rss.xml');
    expect(realFeeds.length).toBeGreaterThanOrEqual(10);
  });

  it('is recognised by podcast-partytime as supporting exactly the features we claim', () => {
    expect(features(parseFeed(ours)!.pc20support)).toEqual(features(CLAIMED));
  });

  it('supports every claimed feature that the namespace reference feed (pc20rss.xml) shows', () => {
    const reference = features(parseFeed(readFileSync(path.join(realDir, 'partytime_pc20rss.xml'), 'utf8'))!.pc20support);
    const claimed = new Set(features(CLAIMED));
    const shared = reference.filter((f) => claimed.has(f));
    expect(shared).toEqual(['1:chapters', '1:locked', '1:transcript', '2:person', '3:guid']);
    const mine = new Set(features(parseFeed(ours)!.pc20support));
    expect(shared.filter((f) => !mine.has(f))).toEqual([]);
  });

  it('emits every podcast tag the real feeds use, except the documented ones we have no data for', () => {
    const used = new Set(realFeeds.flatMap((f) => [...podcastTags(readFileSync(path.join(realDir, f), 'utf8'))]));
    const mine = podcastTags(ours);
    const missing = [...used].filter((t) => !mine.has(t)).sort();
    expect(missing).toEqual(NOT_EMITTED);
    // And nothing of ours is unheard of in the real feeds.
    expect([...mine].filter((t) => !used.has(t))).toEqual([]);
  });

  it('uses every itunes tag most real podcast feeds use, except the two Apple no longer reads', () => {
    const withItems = realFeeds
      .map((f) => readFileSync(path.join(realDir, f), 'utf8'))
      .filter((xml) => xml.includes('<item') && xml.includes('xmlns:itunes'));
    const tagsOf = (xml: string) => new Set([...xml.matchAll(/<(itunes:[A-Za-z]+)/g)].map((m) => m[1]!));
    const counts = new Map<string, number>();
    for (const xml of withItems) for (const tag of tagsOf(xml)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const common = [...counts].filter(([, n]) => n >= withItems.length / 2).map(([tag]) => tag);
    expect(common.length).toBeGreaterThanOrEqual(8);
    const mine = tagsOf(ours);
    // itunes:summary and itunes:subtitle left Apple's tag list; description carries the notes.
    expect(common.filter((t) => !mine.has(t)).sort()).toEqual(['itunes:subtitle', 'itunes:summary']);
  });
});
