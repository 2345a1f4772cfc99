import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShow } from '../../src/load-show.ts';
import { writeFileStamped } from '../../src/output/write-file-stamped.ts';
import { loadTheme } from '../../src/render/load-theme.ts';
import { renderEpisodeCards } from '../../src/render/render-quote-cards.ts';
import { siteView } from '../../src/render/site-view.ts';
import { startQuoteCards } from '../../src/render/start-quote-cards.ts';
import { repoRoot } from '../shared-dir.ts';
import { tempDir } from '../temp-show.ts';

describe('quote cards shared between their thread and the main thread', () => {
  it("makes every episode's cards once, whichever thread takes the episode, the same bytes either way", async () => {
    const { config, episodes: all } = await loadShow(repoRoot);
    const episodes = all.filter((e) => !e.draft && e.quotes.length > 0);
    const site = siteView(config!, episodes);
    const { theme } = await loadTheme(repoRoot, { timezone: config!.timezone }, {});
    const staging = await tempDir();
    const cards = startQuoteCards({ staging, root: repoRoot, themeSpecs: theme!.specs, timezone: config!.timezone, site, images: false, episodes });

    // Taken at once, while the thread loads its theme: this thread writes the cards of the
    // episodes it takes where the thread writes the others.
    const taken: number[] = [];
    const made = new Set<string>();
    const mine = new Set<string>();
    for (let i = cards.claim(); i !== undefined; i = cards.claim()) {
      taken.push(i);
      for (const file of renderEpisodeCards(episodes[i]!, site, theme!, false)) {
        writeFileStamped(path.join(staging, file.path), file.data, made);
        mine.add(file.path);
      }
      // Leave the thread some episodes too.
      if (taken.length === Math.ceil(episodes.length / 2)) break;
    }
    const theirs = await cards.done;

    expect(taken.length).toBeGreaterThan(0);
    expect(cards.claim()).toBeUndefined();
    const expected = episodes.flatMap((e) => renderEpisodeCards(e, site, theme!, false));
    expect(expected.length).toBeGreaterThan(4);
    // Every card by exactly one of the two, none twice, none missing.
    expect([...theirs.keys()].filter((p) => mine.has(p))).toEqual([]);
    expect(new Set([...mine, ...theirs.keys()])).toEqual(new Set(expected.map((f) => f.path)));
    expect(theirs.size).toBeGreaterThan(0);
    for (const file of expected) expect(await readFile(path.join(staging, file.path), 'utf8'), file.path).toBe(file.data);
  });
});
