import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { previewEdits } from '../../src/dev/preview-edits.ts';
import { silentLogger } from '../../src/logger.ts';
import { copyShow } from '../temp-show.ts';

async function built() {
  const root = await copyShow('mini-show');
  const report = await runBuild({ root, logger: silentLogger, keepSnapshot: true });
  return { root, out: path.join(root, 'out'), snapshot: report.snapshot! };
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

const page = (out: string, slug: string) => readFile(path.join(out, 'episodes', slug, 'index.html'), 'utf8');

describe('previewing an edited episode in the dev server', () => {
  it('writes the edited page at once, the same page the rebuild then writes', async () => {
    const { root, out, snapshot } = await built();
    await edit(path.join(root, 'episodes/booze-cruise.md'), 'Everybody gets on a boat.', 'Everybody gets on a boat, and Michael gives a speech.');
    expect(await previewEdits(snapshot, ['episodes/booze-cruise.md'])).toEqual(['episodes/booze-cruise/index.html']);
    const previewed = await page(out, 'booze-cruise');
    expect(parseHTML(previewed).document.querySelector('main')!.textContent).toContain('Michael gives a speech.');
    const report = await runBuild({ root, logger: silentLogger });
    expect(report.mode).toBe('incremental');
    expect(await page(out, 'booze-cruise')).toBe(previewed);
  });

  it('shows a new title on the page itself', async () => {
    const { root, out, snapshot } = await built();
    await edit(path.join(root, 'episodes/casino-night.md'), 'title: "Casino Night"', 'title: "Casino Night, Live"');
    expect(await previewEdits(snapshot, ['episodes/casino-night.md'])).toEqual(['episodes/casino-night/index.html']);
    expect(parseHTML(await page(out, 'casino-night')).document.querySelector('h1')!.textContent).toBe('Casino Night, Live');
  });

  it('previews nothing, and writes nothing, for what only a rebuild gets right', async () => {
    const { root, out, snapshot } = await built();
    const before = await page(out, 'booze-cruise');
    const file = path.join(root, 'episodes/booze-cruise.md');
    const good = await readFile(file, 'utf8');
    // A new date moves the episode among the others.
    await edit(file, 'date: 2020-10-07T09:30:00-07:00', 'date: 2020-10-20T09:30:00-07:00');
    expect(await previewEdits(snapshot, ['episodes/booze-cruise.md'])).toEqual([]);
    // An edit with an error keeps the last good page.
    await writeFile(file, good.replace('date: 2020-10-07T09:30:00-07:00', 'date: 2021-02-29'));
    expect(await previewEdits(snapshot, ['episodes/booze-cruise.md'])).toEqual([]);
    // A draft is not listed where it was.
    await writeFile(file, good.replace('number: 40', 'number: 40\ndraft: true'));
    expect(await previewEdits(snapshot, ['episodes/booze-cruise.md'])).toEqual([]);
    // Not an episode the last build had, or not an episode at all.
    await writeFile(path.join(root, 'episodes/new-one.md'), good.replace('title: Booze Cruise', 'title: New One'));
    expect(await previewEdits(snapshot, ['episodes/new-one.md'])).toEqual([]);
    expect(await previewEdits(snapshot, ['shownotes.config.yaml'])).toEqual([]);
    // With one of several edits not previewable, none is.
    await writeFile(file, good.replace('Everybody gets on a boat.', 'Everybody gets on a ship.'));
    expect(await previewEdits(snapshot, ['episodes/booze-cruise.md', 'templates/episode.hbs'])).toEqual([]);
    expect(await page(out, 'booze-cruise')).toBe(before);
  });
});
