import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from 'podcast-partytime';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { ShowError, formatDiagnostic } from '../../src/diagnostics.ts';
import { loadShow } from '../../src/load-show.ts';
import type { OutputFile } from '../../src/output/output-file.ts';
import { silentLogger } from '../../src/logger.ts';
import type { RelatedArticle } from '../../src/matching/related.ts';
import { loadTheme } from '../../src/render/load-theme.ts';
import { renderFeeds } from '../../src/render/render-feeds.ts';
import { siteView } from '../../src/render/site-view.ts';
import { repoRoot } from '../shared-dir.ts';
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

  it('writes the notes into feed.json as they are, also beside text of the template that holds the placeholder mark', async () => {
    const root = await copyShow('mini-show');
    const { config, episodes } = await loadShow(root);
    const input = { config: config!, site: siteView(config!, episodes), episodes, related: new Map<string, RelatedArticle[]>() };
    const items = async () => {
      const theme = (await loadTheme(root, { timezone: config!.timezone })).theme!;
      const file = renderFeeds(input, theme).files.find((f) => f.path === 'feed.json')!;
      return (JSON.parse(String('data' in file ? file.data : '')) as { items: { id: string; mark?: string; content_html: string }[] }).items;
    };
    const plain = await items();
    expect(plain[0]!.content_html).toContain('<h3>Quotes</h3>');
    // The template's own text holds the mark: the placeholders are refused and the item made the slow way.
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed-item.json.hbs'), '{ "id": {{json guid}}, "mark": "\\u0001", "content_html": {{json content}} }\n');
    const marked = await items();
    expect(marked.map((i) => [i.id, i.mark, i.content_html])).toEqual(plain.map((i) => [i.id, '\u0001', i.content_html]));
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

  it.each([
    ['feed.json.hbs', '{ "title": {{json feed.title}}, }\n'],
    ['feed-item.json.hbs', '{ "id": {{json guid}}, }\n'],
    // The notes are set aside while the item is checked: the error is the same.
    ['feed-item.json.hbs', '{ "id": {{json guid}}, "content_html": "<div>{{json content}}</div>" }\n'],
  ])('fails the build naming %s when an override gives invalid JSON, leaving out/ as it was', async (file, content) => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await readTree(path.join(root, 'out'));
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates', file), content);
    const error = await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    const messages = (error as ShowError).diagnostics.map(formatDiagnostic);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.startsWith(`templates/${file} error the template did not give valid JSON: `)).toBe(true);
    expect(await readTree(path.join(root, 'out'))).toEqual(before);
  });

  it('fails a first build (feeds made on their own thread) naming feed-item.json.hbs, writing no out/', async () => {
    const root = await copyShow('mini-show');
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed-item.json.hbs'), '{ "id": {{json guid}}, }\n');
    const error = await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    const messages = (error as ShowError).diagnostics.map(formatDiagnostic);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^templates\/feed-item\.json\.hbs error the template did not give valid JSON: /);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
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

/** A rendered file's text. */
function textOf(file: OutputFile): string {
  return 'data' in file ? Buffer.from(file.data).toString('utf8') : '';
}

/** The default document templates written the way themes wrote them before item templates: every item's fields in a `{{#each feed.items}}`. */
async function wholeDocumentTemplates(): Promise<{ xml: string; json: string }> {
  const read = (name: string) => readFile(path.join(repoRoot, 'templates', name), 'utf8');
  const dropComment = (text: string) => text.replace(/^\{\{!--[\s\S]*?--\}\}\n/, '');
  const xmlItem = dropComment(await read('feed-item.xml.hbs'));
  const jsonItem = dropComment(await read('feed-item.json.hbs')).replace(/\}\n$/, '}{{#unless @last}},{{/unless}}\n');
  const xml = dropComment(await read('feed.xml.hbs')).replace('{{{feed.itemsXml}}}\n', `{{#each feed.items}}\n${xmlItem}{{/each}}\n`);
  const json = dropComment(await read('feed.json.hbs')).replace('{{{feed.itemsJson}}}', `[\n{{#each feed.items}}\n${jsonItem}{{/each}}\n  ]`);
  expect(xml).not.toContain('itemsXml');
  expect(json).not.toContain('itemsJson');
  return { xml, json };
}

describe('feed templates a theme overrides', () => {
  it('renders a whole-document feed.xml.hbs and feed.json.hbs (items from feed.items) to the same bytes as the item templates', async () => {
    const root = await copyShow('feeds-show');
    await runBuild({ root, logger: silentLogger, out: 'default' });
    const { xml, json } = await wholeDocumentTemplates();
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed.xml.hbs'), xml);
    await writeFile(path.join(root, 'templates/feed.json.hbs'), json);
    await runBuild({ root, logger: silentLogger, out: 'themed' });
    for (const name of ['feed.xml', 'feed.json']) {
      const themed = await readFile(path.join(root, 'themed', name), 'utf8');
      expect(themed).toContain('<h3>Chapters</h3>');
      expect(themed).toBe(await readFile(path.join(root, 'default', name), 'utf8'));
    }
  });

  it('writes no line where the items go and an empty items array when nothing is published, as whole-document templates do', async () => {
    const root = await copyShow('mini-show');
    const { config, episodes } = await loadShow(root);
    const none = episodes.filter((e) => e.draft);
    const input = { config: config!, site: siteView(config!, none), episodes: none, related: new Map() };
    const theme = (await loadTheme(root, { timezone: config!.timezone })).theme!;
    const files = renderFeeds(input, theme).files.map(textOf);
    expect(files[0]).toContain('<podcast:medium>podcast</podcast:medium>\n  </channel>\n</rss>\n');
    expect(JSON.parse(files[1]!)).toMatchObject({ items: [] });
    expect(files[1]).toContain('"items": []\n}');

    const { xml, json } = await wholeDocumentTemplates();
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed.xml.hbs'), xml);
    await writeFile(path.join(root, 'templates/feed.json.hbs'), json);
    const whole = (await loadTheme(root, { timezone: config!.timezone })).theme!;
    expect(renderFeeds(input, whole).files.map(textOf)).toEqual(files);
  });

  it("uses a show's own feed-item.xml.hbs for each item, and keeps the channel from feed.xml.hbs", async () => {
    const root = await copyShow('mini-show');
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'templates/feed-item.xml.hbs'), '    <item><title>{{xml title}} · {{xml feed.title}}</title><guid isPermaLink="false">{{guid}}</guid></item>\n');
    await runBuild({ root, logger: silentLogger });
    const xml = await readFile(path.join(root, 'out/feed.xml'), 'utf8');
    const rss = await rssParser().parseString(xml);
    expect(rss.title).toBe('Mini Rewatch');
    expect(rss.items.map((i) => i.title)).toEqual(['Casino Night · Mini Rewatch', 'Booze Cruise · Mini Rewatch']);
    expect(xml).toContain('<item><title>Booze Cruise · Mini Rewatch</title>');
  });
});
