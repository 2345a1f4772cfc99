import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from 'podcast-partytime';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { ShowError, formatDiagnostic } from '../../src/diagnostics.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import type { RelatedArticle } from '../../src/matching/related.ts';
import { loadTheme } from '../../src/render/load-theme.ts';
import { renderFeeds } from '../../src/render/render-feeds.ts';
import { siteView } from '../../src/render/site-view.ts';
import { copyShow, readTree } from '../temp-show.ts';
import { rssParser } from './feeds-parsers.ts';

describe('feeds and the theme', () => {
  it('renders related articles into content:encoded when the matcher gives some', async () => {
    const root = await copyShow('mini-show');
    const { config, episodes } = await loadShow(root);
    const theme = (await loadTheme(root, { timezone: config!.timezone })).theme!;
    const article: RelatedArticle = {
      url: 'https://news.example/a?x=1&y=2',
      title: 'Fischer & Kinsey <talk> ]]> kiss',
      source: 'Hollywood News',
      published: '2025-03-02T10:00:00Z',
      score: 0.9,
      pinned: false,
      reasons: [],
    };
    const related = new Map([['casino-night', [article]]]);
    const { files } = renderFeeds({ config: config!, site: siteView(config!, episodes), episodes, related }, theme);
    const text = (name: string) => {
      const file = files.find((f) => f.path === name);
      return file && 'data' in file ? String(file.data) : '';
    };
    const xml = text('feed.xml');
    const rss = await rssParser().parseString(xml);
    expect(rss.items[0]!.contentEncoded).toContain(
      '<h3>In the news</h3>\n<ul>\n  <li><a href="https://news.example/a?x&#x3D;1&amp;y&#x3D;2">Fischer &amp; Kinsey &lt;talk&gt; ]]&gt; kiss</a> (Hollywood News, March 2, 2025)</li>\n</ul>',
    );
    expect(rss.items[1]!.contentEncoded).not.toContain('In the news');
    const json = JSON.parse(text('feed.json')) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toContain('Fischer &amp; Kinsey &lt;talk&gt; ]]&gt; kiss');
  });

  it("uses a show's own feed-item.html.hbs for the item HTML of both feeds", async () => {
    const root = await copyShow('mini-show');
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed-item.html.hbs'), '<p>Custom: {{title}}</p>\n');
    await runBuild({ root, logger: silentLogger });
    const party = parseFeed(await readFile(path.join(root, 'out/feed.xml'), 'utf8'))!;
    expect(party.items.map((i) => i.content)).toEqual(['<p>Custom: Casino Night</p>', '<p>Custom: Booze Cruise</p>']);
    const json = JSON.parse(await readFile(path.join(root, 'out/feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toBe('<p>Custom: Casino Night</p>');
  });

  it('fails the build naming feed.json.hbs when an override gives invalid JSON, leaving out/ as it was', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await readTree(path.join(root, 'out'));
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed.json.hbs'), '{ "title": {{json feed.title}}, }\n');
    const error = await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    const messages = (error as ShowError).diagnostics.map(formatDiagnostic);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^templates\/feed\.json\.hbs error the template did not give valid JSON: /);
    expect(await readTree(path.join(root, 'out'))).toEqual(before);
  });

  it('writes byte-identical feeds on a second build', async () => {
    const root = await copyShow('feeds-show');
    await runBuild({ root, logger: silentLogger, out: 'out1' });
    await runBuild({ root, logger: silentLogger, out: 'out2' });
    for (const file of ['feed.xml', 'feed.json', 'episodes/hostile/chapters.json']) {
      const a = await readFile(path.join(root, 'out1', file));
      const b = await readFile(path.join(root, 'out2', file));
      expect(a.equals(b)).toBe(true);
    }
  });
});
