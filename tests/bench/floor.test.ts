import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorTable, type FloorRow } from '../../bench/floor.ts';
import { listTree, runFloorPart, type FloorPartResult } from '../../bench/floor-part.ts';
import { matchCold, readShowForMatching } from '../../bench/match-cold.ts';
import { loadShow } from '../../src/load-show.ts';
import { renderRelatedJson } from '../../src/matching/render-related-json.ts';
import { repoRoot } from '../shared-dir.ts';
import { tempDir } from '../temp-show.ts';

const item = (n: number): string =>
  `<item><title>Story ${n}</title><link>https://news.example/${n}</link><description>Text ${n}</description></item>`;

describe('floor parts', () => {
  it('makes the same folders and file sizes as the model tree, and counts them', async () => {
    const dir = await tempDir();
    const model = path.join(dir, 'model');
    await mkdir(path.join(model, 'quotes', 'ep-1', 'q-1'), { recursive: true });
    await mkdir(path.join(model, 'empty'), { recursive: true });
    await writeFile(path.join(model, 'index.html'), 'x'.repeat(70_000));
    await writeFile(path.join(model, 'quotes', 'ep-1', 'q-1', 'index.html'), '<p>card</p>');
    await writeFile(path.join(model, 'quotes', 'ep-1', 'q-1', 'oembed.json'), '');
    const made = path.join(dir, 'made');

    const result = (await runFloorPart(['tree', model, made])) as FloorPartResult;

    expect(result).toMatchObject({ count: 3, folders: 4 });
    expect(result.cpuMs).toBeGreaterThanOrEqual(result.systemMs);
    const sorted = (t: ReturnType<typeof listTree>) => ({ folders: [...t.folders].sort(), files: [...t.files].sort((a, b) => a.path.localeCompare(b.path)) });
    expect(sorted(listTree(made))).toEqual(sorted(listTree(model)));
    expect(listTree(made).files.find((f) => f.path === 'index.html')?.size).toBe(70_000);
  });

  it('counts the items rss-parser finds in every feed, and the episodes read', async () => {
    const show = await tempDir();
    await mkdir(path.join(show, 'feeds'));
    const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${items}</channel></rss>`;
    await writeFile(path.join(show, 'feeds', 'a.xml'), rss([1, 2, 3].map(item).join('')));
    await writeFile(path.join(show, 'feeds', 'b.xml'), rss(item(4)));
    await writeFile(path.join(show, 'feeds', 'notes.txt'), 'not a feed');

    expect(await runFloorPart(['feeds', show])).toMatchObject({ count: 4 });
    const episodes = (await readdir(path.join(repoRoot, 'episodes'))).filter((n) => n.endsWith('.md'));
    expect(await runFloorPart(['episodes', repoRoot])).toMatchObject({ count: episodes.length });
    expect(await runFloorPart(['tree', show])).toMatch(/^usage: floor-part.ts/);
  });

  it("renders each of the sample show's pages and quote cards once, timing Handlebars alone", async () => {
    const { config, episodes } = await loadShow(repoRoot);
    const published = episodes.filter((e) => !e.draft);
    const quotes = published.reduce((sum, e) => sum + e.quotes.length, 0);
    const indexPages = Math.ceil(published.length / 20);

    const result = (await runFloorPart(['templates', repoRoot])) as FloorPartResult;

    expect(config).toBeDefined();
    // Episode pages, index pages, quote-card pages, the sitemap and the 404 page.
    expect(result.count).toBe(published.length + indexPages + quotes + 2);
    expect(result.cpuMs).toBeGreaterThan(0);
    expect(result.wallMs).toBeGreaterThan(0);
  });

  it("matches the sample show's published episodes against every article of its feeds", async () => {
    const data = await readShowForMatching(repoRoot, { plainArticles: false });
    const { related } = matchCold(data);

    const result = (await runFloorPart(['matcher', repoRoot])) as FloorPartResult;

    expect(result).toMatchObject({ count: data.episodes.length, articles: data.articles.length });
    expect(data.articles.length).toBeGreaterThan(0);
    expect(result.cpuMs).toBeGreaterThan(0);
    // The same matching a build does: the sample show's related.json is what it finds.
    const built = JSON.parse(renderRelatedJson(data.episodes, related)) as Record<string, { url: string }[]>;
    expect(Object.keys(built).sort()).toEqual(data.episodes.map((e) => e.slug).sort());
    expect(Object.values(built).some((list) => list.length > 0)).toBe(true);
  });
});

describe('floorTable', () => {
  const run = (wallMs: number, cpuMs: number, systemMs = 0): FloorPartResult => ({ wallMs, cpuMs, systemMs, count: 1 });
  const rows: FloorRow[] = [
    { label: 'make out/', kind: 'floor', runs: [run(2000, 2000, 1900), run(2400, 2400, 2300), run(2200, 2200, 2100)] },
    { label: "make Eleventy's _site/", kind: 'eleventy', runs: [run(300, 300, 300)] },
    { label: 'rss-parser alone', kind: 'floor', runs: [run(1200, 1200)] },
    { label: 'gray-matter + markdown-it alone', kind: 'floor', runs: [run(1400, 1400)] },
  ];

  it('spreads the CPU of the parts ours must do over the cores, Eleventy’s own left out', () => {
    const text = floorTable(rows, { ours: 13_000, eleventy: 4_000 }, 2);
    // (2.2 + 1.2 + 1.4) s over 2 cores = 2.4 s, more than the longest part alone (2.2 s).
    expect(text).toContain('bound for ours: 2.40 s (the CPU of the parts ours must do, 4.80 s, on 2 cores)');
    expect(text).toContain('cold build, median: ours 13.00 s, Eleventy 4.00 s; bound / Eleventy 0.60');
    expect(text).toMatch(/^make Eleventy's _site\/ \(not ours\) +300 ms +300 ms +300 ms$/m);
    expect(text).toMatch(/^make out\/ +2\.20 s +2\.20 s +2\.10 s$/m);
    expect(text).not.toContain('bound with our matcher');
  });

  it('sets the bound with our matcher added beside the floor’s', () => {
    const matcher: FloorRow = { label: 'our matcher alone', kind: 'matcher', runs: [run(2500, 3000), run(2300, 2800), run(2400, 2900)] };
    const text = floorTable([...rows, matcher], { ours: 13_000, eleventy: 4_000 }, 2);
    // The floor alone, as without the matcher; then (4.8 + 2.9) s over 2 cores = 3.85 s.
    expect(text).toContain('bound for ours: 2.40 s (the CPU of the parts ours must do, 4.80 s, on 2 cores)');
    expect(text).toContain('bound with our matcher: 3.85 s (7.70 s of CPU on 2 cores) = 0.96 of Eleventy');
    expect(text).toMatch(/^our matcher alone +2\.40 s +2\.90 s +0 ms$/m);
    // Without Eleventy's figure, no ratio.
    expect(floorTable([...rows, matcher], { ours: 13_000 }, 2)).toMatch(/^bound with our matcher: 3\.85 s \(7\.70 s of CPU on 2 cores\)$/m);
  });

  it('never puts the bound under the longest part alone', () => {
    expect(floorTable(rows, { ours: 13_000 }, 8)).toContain('bound for ours: 2.20 s (the CPU of the parts ours must do, 4.80 s, on 8 cores)');
  });
});
