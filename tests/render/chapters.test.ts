import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { silentLogger } from '../../src/logger.ts';
import { renderChapters, type JsonChapters } from '../../src/render/render-chapters.ts';
import { makeEpisode } from '../matching/make-fixtures.ts';
import { copyShow } from '../temp-show.ts';

function episodeWith(chapters: Episode['chapters']): Episode {
  return makeEpisode({ slug: 'ep', title: 'Tom & Jerry', date: new Date('2024-01-01T00:00:00Z'), chapters });
}

describe('renderChapters', () => {
  it('writes version 1.2 with chapters sorted by start time, url and img only when given', () => {
    const text = renderChapters(
      episodeWith([
        { at: 750.5, title: 'The kiss', url: 'https://example.com/kiss' },
        { at: 0, title: 'Cold open' },
        { at: 300, title: 'Art', img: 'https://img.example/a.jpg' },
      ]),
      'The Show',
    )!;
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      version: '1.2',
      title: 'Tom & Jerry',
      podcastName: 'The Show',
      chapters: [
        { startTime: 0, title: 'Cold open' },
        { startTime: 300, title: 'Art', img: 'https://img.example/a.jpg' },
        { startTime: 750.5, title: 'The kiss', url: 'https://example.com/kiss' },
      ],
    });
  });

  it('writes nothing for an episode without chapters', () => {
    expect(renderChapters(episodeWith([]), 'The Show')).toBeUndefined();
  });
});

describe('chapters.json in a build', () => {
  it('is written for the mini show episode with chapters, sorted though the front matter is not', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const file = JSON.parse(await readFile(path.join(root, 'out/episodes/casino-night/chapters.json'), 'utf8')) as JsonChapters;
    expect(file).toEqual({
      version: '1.2',
      title: 'Casino Night',
      podcastName: 'Mini Rewatch',
      chapters: [
        { startTime: 0, title: 'Cold open' },
        { startTime: 750, title: 'The kiss', url: 'https://example.com/kiss' },
      ],
    });
  });
});
