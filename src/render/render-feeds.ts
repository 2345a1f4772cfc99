import type { Diagnostic } from '../diagnostics.ts';
import { ShowError } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { contentHash } from '../incremental/content-hash.ts';
import type { OutputFile } from '../output/output-file.ts';
import { planFile, type PlannedOutput, type RenderedFile } from '../output/planned-output.ts';
import { feedChannel, feedItem, feedShow, type FeedInput, type FeedItemView } from './feed-view.ts';
import type { Theme } from './load-theme.ts';
import { renderChapters } from './render-chapters.ts';
import type { SiteKeys } from './render-site.ts';

/**
 * What a document template writes where the items go: `{{{feed.itemsXml}}}` in `feed.xml.hbs`
 * (on a line of its own: each item then ends its own line, and the line goes when there are
 * none) and `{{{feed.itemsJson}}}` as a value in `feed.json.hbs`. Fixed, so a template that
 * misuses them still gives the same bytes on every build.
 */
const ITEMS_XML = 'shownotes:feed-items:xml:1f0c9e';
const ITEMS_JSON_TEXT = 'shownotes:feed-items:json:1f0c9e';
const ITEMS_JSON = `"${ITEMS_JSON_TEXT}"`;

/** Where one item's fragment sits in a feed document: its key and its span (byte offsets). */
export type ItemSpan = [key: string, start: number, end: number];

/**
 * Where each item sits in the feed documents just rendered, for the next build to reuse: the
 * XML items as the document holds them, the JSON items with the indentation they were placed at.
 */
export interface FeedLayout {
  xml?: ItemSpan[];
  json?: { pad: string; spans: ItemSpan[] };
}

/**
 * Item fragments kept from an earlier render, by item key (see `feedItemKey`), and the place a
 * render reports to: an incremental build renders only the items whose key is new (issue 7).
 */
export interface FeedFragments {
  /** An item's bytes in `feed.xml`, as the document holds them. */
  xml(key: string): Uint8Array | undefined;
  /** An item's bytes in `feed.json`, indented at `pad` plus two spaces. */
  json(key: string, pad: string): Uint8Array | undefined;
  /** Told once per render: the documents' bytes and layout, and how many items were rendered or reused. */
  rendered(files: { xml?: Uint8Array; json?: Uint8Array }, layout: FeedLayout, counts: { rendered: number; reused: number }): void;
}

/**
 * `feed.xml`, `feed.json` (from the theme's `feed.xml.hbs` and `feed.json.hbs`, each item's
 * HTML from `feed-item.html.hbs`) and every episode's `chapters.json` (SPEC §5). Chapters
 * are written for every episode that gets a page, drafts included; the feeds never list drafts.
 */
export function renderFeeds(input: FeedInput, theme: Theme): { files: OutputFile[]; warnings: Diagnostic[] } {
  const { files, warnings } = renderFeedDocuments(input, theme);
  const out: OutputFile[] = [...files];
  for (const episode of input.episodes) {
    const chapters = renderChapters(episode, input.config.title);
    if (chapters !== undefined) out.push({ path: `episodes/${episode.slug}/chapters.json`, data: chapters });
  }
  return { files: out, warnings };
}

/**
 * The feeds and chapters as plans for the incremental build: the two feeds read every episode
 * and its related articles; a `chapters.json` reads its episode and the show title (in the site
 * key). With `fragments`, the feeds are assembled from the items of the last build wherever an
 * item's key is unchanged, so a one-episode edit renders one item again.
 */
export function planFeeds(input: FeedInput, theme: Theme, keys: SiteKeys, fragments?: FeedFragments): PlannedOutput[] {
  const feedKey = contentHash(
    'feeds',
    keys.site,
    ...input.episodes.flatMap((e) => [keys.episode(e), JSON.stringify(input.related.get(e.slug) ?? [])]),
  );
  const plans: PlannedOutput[] = [
    { paths: ['feed.xml', 'feed.json'], key: feedKey, render: () => renderFeedDocuments(input, theme, fragments && { keys, fragments }) },
  ];
  for (const episode of input.episodes) {
    if (!episode.chapters.length) continue;
    const key = contentHash('chapters', keys.site, keys.episode(episode));
    plans.push(planFile(`episodes/${episode.slug}/chapters.json`, key, () => renderChapters(episode, input.config.title)!));
  }
  return plans;
}

/**
 * What one feed item's fragments are made from: the theme, config and site (the site key),
 * the episode and its related articles. Item templates see nothing of other episodes.
 */
export function feedItemKey(keys: SiteKeys, episode: Episode, related: ReadonlyMap<string, unknown>): string {
  return contentHash('feed-item', keys.site, keys.episode(episode), JSON.stringify(related.get(episode.slug) ?? []));
}

/** An item view with its HTML (`feed-item.html.hbs`), as the item and document templates see it. */
type RenderedItemView = FeedItemView & { content: string };

/**
 * `feed.xml` and `feed.json`, and the warnings about the show's feed. The document templates
 * get the channel and the items already rendered (`feed-item.xml.hbs`, `feed-item.json.hbs`);
 * a document template that reads `feed.items` instead (a theme written before item templates)
 * gets every item's view and is rendered whole.
 */
export function renderFeedDocuments(
  input: FeedInput,
  theme: Theme,
  reuse?: { keys: SiteKeys; fragments: FeedFragments },
): { files: RenderedFile[]; warnings: Diagnostic[] } {
  const { channel, warnings } = feedChannel(input);
  const show = feedShow(input);
  const published = input.episodes.filter((e) => !e.draft);
  const keys = reuse ? published.map((e) => feedItemKey(reuse.keys, e, input.related)) : undefined;
  const views: RenderedItemView[] = new Array(published.length);
  let rendered = 0;
  const view = (i: number): RenderedItemView => {
    let item = views[i];
    if (!item) {
      rendered++;
      const bare = feedItem(published[i]!, input, show.guid);
      item = views[i] = { ...bare, content: theme.render('feed-item.html', { site: input.site, feed: show, ...bare }).trim() };
    }
    return item;
  };
  let usedXml = false;
  let usedJson = false;
  let allItems: RenderedItemView[] | undefined;
  const feed = { ...channel } as typeof channel & { items: RenderedItemView[]; itemsXml: string; itemsJson: string };
  Object.defineProperties(feed, {
    items: { enumerable: true, get: () => (allItems ??= published.map((_, i) => view(i))) },
    itemsXml: { enumerable: true, get: () => ((usedXml = true), ITEMS_XML) },
    itemsJson: { enumerable: true, get: () => ((usedJson = true), ITEMS_JSON) },
  });

  const layout: FeedLayout = {};
  const xmlText = theme.render('feed.xml', { site: input.site, feed });
  let xml: Buffer | string = xmlText;
  if (usedXml) {
    const items = published.map((_, i) => {
      const kept = keys && reuse!.fragments.xml(keys[i]!);
      return kept ?? theme.render('feed-item.xml', { site: input.site, feed: show, ...view(i) });
    });
    const spliced = spliceItems(xmlText, items);
    xml = spliced.bytes;
    if (keys && spliced.starts) layout.xml = spans(keys, spliced.starts, spliced.placed);
  }

  let json: Buffer | string = reformatJson(theme.render('feed.json', { site: input.site, feed }), 'templates/feed.json.hbs');
  if (usedJson) {
    const pad = json.slice(json.lastIndexOf('\n', json.indexOf(ITEMS_JSON)) + 1).match(/^ */)![0];
    const items = published.map((_, i) => {
      const kept = keys && reuse!.fragments.json(keys[i]!, pad);
      if (kept !== undefined) return kept;
      const text = theme.render('feed-item.json', { site: input.site, feed: show, ...view(i) });
      return Buffer.from(indent(reformatJson(text, 'templates/feed-item.json.hbs').trimEnd(), `${pad}  `));
    });
    const spliced = spliceJsonArray(json, items, pad);
    json = spliced.bytes;
    if (keys && spliced.starts) layout.json = { pad, spans: spans(keys, spliced.starts, items) };
  }
  const files: RenderedFile[] = [
    { path: 'feed.xml', data: xml },
    { path: 'feed.json', data: json },
  ];
  const reused = (usedXml || usedJson ? published.length : 0) - rendered;
  reuse?.fragments.rendered(
    { xml: typeof xml === 'string' ? undefined : xml, json: typeof json === 'string' ? undefined : json },
    layout,
    { rendered, reused: Math.max(0, reused) },
  );
  return { files, warnings };
}

function spans(keys: readonly string[], starts: readonly number[], placed: readonly Uint8Array[]): ItemSpan[] {
  return keys.map((key, i) => [key, starts[i]!, starts[i]! + placed[i]!.byteLength]);
}

/**
 * The document's bytes with the items where it has the items marker. On a line of its own,
 * each item ends its own line and the marker's line goes with it; elsewhere the items are
 * written as they are. Assembled as bytes: a kept item is never decoded, and no document-sized
 * string is made. Offsets are those of the first marker's items.
 */
function spliceItems(doc: string, items: readonly (string | Uint8Array)[]): { bytes: Buffer; starts?: number[]; placed: Uint8Array[] } {
  const parts = doc.split(ITEMS_XML);
  if (parts.length === 1) return { bytes: Buffer.from(doc), placed: [] };
  const alone = (parts[0] === '' || parts[0]!.endsWith('\n')) && parts[1]!.startsWith('\n');
  const placed = items.map((item) => (typeof item === 'string' ? Buffer.from(alone && !item.endsWith('\n') ? `${item}\n` : item) : item));
  const chunks: Uint8Array[] = [];
  const starts: number[] = [];
  let position = 0;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    position += chunk.byteLength;
  };
  parts.forEach((part, i) => {
    if (i > 0) {
      for (const item of placed) {
        if (i === 1) starts.push(position);
        push(item);
      }
    }
    push(Buffer.from(i > 0 && alone && part.startsWith('\n') ? part.slice(1) : part));
  });
  return { bytes: Buffer.concat(chunks, position), starts, placed };
}

/** The reformatted document's bytes with the JSON items, already indented, as the items array. */
function spliceJsonArray(doc: string, items: readonly Uint8Array[], pad: string): { bytes: Buffer; starts?: number[] } {
  const at = doc.indexOf(ITEMS_JSON);
  if (at === -1) return { bytes: Buffer.from(doc) };
  const chunks: Uint8Array[] = [Buffer.from(`${doc.slice(0, at)}${items.length ? '[\n' : '[]'}`)];
  let position = chunks[0]!.byteLength;
  const starts: number[] = [];
  const comma = Buffer.from(',\n');
  items.forEach((item, i) => {
    if (i > 0) {
      chunks.push(comma);
      position += comma.byteLength;
    }
    starts.push(position);
    chunks.push(item);
    position += item.byteLength;
  });
  chunks.push(Buffer.from(`${items.length ? `\n${pad}]` : ''}${doc.slice(at + ITEMS_JSON.length)}`));
  position += chunks.at(-1)!.byteLength;
  return { bytes: Buffer.concat(chunks, position), starts };
}

/** Indents every line of a block (JSON from `JSON.stringify`, whose strings hold no raw newline). */
function indent(block: string, pad: string): string {
  return pad + block.replaceAll('\n', `\n${pad}`);
}

/** Checks a template's JSON and writes it indented; a broken override is the show's error. */
function reformatJson(text: string, template: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShowError([{ severity: 'error', file: template, message: `the template did not give valid JSON: ${reason}` }]);
  }
}
