import type { Diagnostic } from '../diagnostics.ts';
import { ShowError } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { contentHash } from '../incremental/content-hash.ts';
import { episodeDigest } from '../incremental/episode-digest.ts';
import { relatedDigestOf } from '../matching/related-by-slug.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { FilePieces, wholeData, type FileRange } from '../output/file-pieces.ts';
import type { OutputFile } from '../output/output-file.ts';
import { planFile, type PlannedOutput, type RenderedFile } from '../output/planned-output.ts';
import { feedChannel, feedItem, feedShow, type FeedInput, type FeedItemView } from './feed-view.ts';
import { fillJsonSlots, type JsonSlots } from './json-slots.ts';
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
/** A JSON string, so the document parses before the items are put in its place. */
const ITEMS_JSON = '"shownotes:feed-items:json:1f0c9e"';

/** The feed documents, rendered together. */
const FEED_PATHS = ['feed.xml', 'feed.json'] as const;

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
  /** An item's bytes in `feed.xml`, as the document holds them (or where a file on disk holds them). */
  xml(key: string): Uint8Array | FileRange | undefined;
  /** An item's bytes in `feed.json`, indented at `pad` plus two spaces. */
  json(key: string, pad: string): Uint8Array | FileRange | undefined;
  /** Told once per render: the documents' bytes and layout, and how many items were rendered or reused. */
  rendered(files: { xml?: FeedBytes; json?: FeedBytes }, layout: FeedLayout, counts: { rendered: number; reused: number }): void;
}

/** A feed document: one buffer, or pieces when kept items are ranges of the last build's file. */
export type FeedBytes = Uint8Array | FilePieces;

/** A piece of a feed document being assembled. */
type Piece = string | Uint8Array | FileRange;

/**
 * `feed.xml`, `feed.json` (from the theme's `feed.xml.hbs` and `feed.json.hbs`, each item's
 * HTML from `feed-item.html.hbs`) and every episode's `chapters.json` (SPEC §5). Chapters
 * are written for every episode that gets a page, drafts included; the feeds never list drafts.
 */
export function renderFeeds(input: FeedInput, theme: Theme): { files: OutputFile[]; warnings: Diagnostic[] } {
  const { files, warnings } = renderFeedDocuments(input, theme);
  const out: OutputFile[] = files.map((file) => ({ path: file.path, data: wholeData(file.data) }));
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
    ...input.episodes.flatMap((e) => [keys.episode(e), relatedDigestOf(input.related, e.slug)]),
  );
  const plans: PlannedOutput[] = [
    { paths: FEED_PATHS, key: feedKey, kind: 'feeds', render: () => renderFeedDocuments(input, theme, fragments && { keys, fragments }) },
  ];
  for (const episode of input.episodes) {
    if (!episodeDigest(episode).hasChapters) continue;
    const key = contentHash('chapters', keys.site, keys.episode(episode));
    plans.push(planFile(`episodes/${episode.slug}/chapters.json`, key, () => renderChapters(episode, input.config.title)!));
  }
  return plans;
}

/**
 * What one feed item's fragments are made from: the theme, config and site (the site key),
 * the episode and its related articles. Item templates see nothing of other episodes.
 */
export function feedItemKey(keys: SiteKeys, episode: Episode, related: ReadonlyMap<string, readonly RelatedArticle[]>): string {
  return contentHash('feed-item', keys.site, keys.episode(episode), relatedDigestOf(related, episode.slug));
}

/** Each published episode's `feedItemKey`, in the order the feeds list them. */
export function feedItemKeys(input: FeedInput, keys: SiteKeys): string[] {
  return input.episodes.filter((e) => !e.draft).map((e) => feedItemKey(keys, e, input.related));
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
  reuse?: ({ keys: SiteKeys } | { itemKeys: readonly string[] }) & { fragments: FeedFragments; sinks?: FeedSinks },
): { files: RenderedFile[]; warnings: Diagnostic[] } {
  const { channel, warnings } = feedChannel(input);
  const show = feedShow(input);
  const published = input.episodes.filter((e) => !e.draft);
  const keys = reuse && ('itemKeys' in reuse ? reuse.itemKeys : feedItemKeys(input, reuse.keys));
  const views: (RenderedItemView | undefined)[] = new Array(published.length);
  const contexts: (object | undefined)[] = new Array(published.length);
  let rendered = 0;
  // Each item's view and template data, built on first use: a kept item needs neither.
  const context = (i: number): object => {
    let data = contexts[i];
    if (!data) {
      rendered++;
      const bare = feedItem(published[i]!, input, show.guid);
      data = itemData({ site: input.site, feed: show }, bare);
      const content = theme.render('feed-item.html', data).trim();
      views[i] = Object.assign(bare, { content });
      data = contexts[i] = Object.assign(data, { content });
    }
    return data;
  };
  let usedXml = false;
  let usedJson = false;
  let allItems: RenderedItemView[] | undefined;
  const feed = { ...channel } as typeof channel & { items: RenderedItemView[]; itemsXml: string; itemsJson: string };
  Object.defineProperties(feed, {
    items: { enumerable: true, get: () => (allItems ??= published.map((_, i) => (context(i), views[i]!))) },
    itemsXml: { enumerable: true, get: () => ((usedXml = true), ITEMS_XML) },
    itemsJson: { enumerable: true, get: () => ((usedJson = true), ITEMS_JSON) },
  });

  const layout: FeedLayout = {};
  const xmlText = theme.render('feed.xml', { site: input.site, feed });
  const jsonText = reformatJson(theme.render('feed.json', { site: input.site, feed }), 'templates/feed.json.hbs');
  const pad = jsonText.slice(jsonText.lastIndexOf('\n', jsonText.indexOf(ITEMS_JSON)) + 1).match(/^ */)![0];
  const xmlItems: Piece[] = [];
  const jsonItems: Piece[] = [];
  const xmlAlone = itemsOnOwnLine(xmlText);
  const sinks = reuse?.sinks;
  // With sinks, a document whose items stand in one place is written as its items are made.
  const xmlStream = sinks && usedXml && xmlText.split(ITEMS_XML).length === 2 ? new XmlStream(sinks.xml, xmlText) : undefined;
  const jsonStream = sinks && usedJson && jsonText.includes(ITEMS_JSON) ? new JsonStream(sinks.json, jsonText, pad, published.length) : undefined;
  published.forEach((_, i) => {
    if (usedXml) {
      const kept = keys && reuse!.fragments.xml(keys[i]!);
      let text: string | undefined;
      if (!kept) {
        text = theme.render('feed-item.xml', context(i));
        if (xmlAlone && !text.endsWith('\n')) text += '\n';
      }
      placeItem(xmlStream, xmlItems, kept, text);
    }
    if (usedJson) {
      const kept = keys && reuse!.fragments.json(keys[i]!, pad);
      placeItem(jsonStream, jsonItems, kept, kept ? undefined : renderJsonItem(theme, context(i), `${pad}  `));
    }
    // Both fragments are made: the item's data (its notes three times over) can go, unless
    // a document template holds every item's view.
    if (!allItems) contexts[i] = views[i] = undefined;
  });
  let xml: FeedBytes | undefined;
  if (xmlStream) {
    if (keys) layout.xml = keys.map((key, i) => [key, ...xmlStream.spans[i]!]);
  } else if (usedXml) {
    const spliced = spliceXmlItems(xmlText, xmlItems);
    xml = spliced.bytes;
    if (keys && spliced.spans) layout.xml = keys.map((key, i) => [key, ...spliced.spans![i]!]);
  }
  let json: FeedBytes | undefined;
  if (jsonStream) {
    if (keys) layout.json = { pad, spans: keys.map((key, i) => [key, ...jsonStream.spans[i]!]) };
  } else if (usedJson) {
    const spliced = spliceJsonItems(jsonText, jsonItems, pad);
    json = spliced.bytes;
    if (keys && spliced.spans) layout.json = { pad, spans: keys.map((key, i) => [key, ...spliced.spans![i]!]) };
  }
  xmlStream?.end();
  jsonStream?.end();
  const files: RenderedFile[] = [
    { path: 'feed.xml', data: xml ?? xmlText },
    { path: 'feed.json', data: json ?? jsonText },
  ];
  if (sinks) {
    // Whatever was not streamed goes to its sink whole.
    if (!xmlStream) sinks.xml.write(sinkData(files[0]!.data));
    if (!jsonStream) sinks.json.write(sinkData(files[1]!.data));
  }
  const reused = (usedXml || usedJson ? published.length : 0) - rendered;
  reuse?.fragments.rendered({ xml, json }, layout, { rendered, reused: Math.max(0, reused) });
  return { files: sinks ? [] : files, warnings };
}

/** Where a feed document is written as it is made (the feeds thread of a full build). */
export interface FeedSink {
  /** Appends bytes, or text as UTF-8; returns how many bytes that was. */
  write(data: Uint8Array | string): number;
}

/** A sink for each feed document: `renderFeedDocuments` then writes both through them and returns no files. */
export interface FeedSinks {
  xml: FeedSink;
  json: FeedSink;
}

/** A document as a sink takes it: text as it is (the sink encodes it into its own buffer), pieces joined. */
function sinkData(data: RenderedFile['data']): Uint8Array | string {
  return typeof data === 'string' ? data : wholeData(data);
}

/** A feed document written through a sink as it is made, with each item's byte span. */
abstract class DocumentStream {
  readonly spans: Span[] = [];
  private at = 0;

  constructor(private readonly sink: FeedSink) {}

  /** Writes an item: a new one's text, or a kept one's bytes. */
  item(piece: Uint8Array | string): void {
    this.beforeItem();
    const start = this.at;
    this.write(piece);
    this.spans.push([start, this.at]);
  }

  abstract end(): void;

  protected beforeItem(): void {}

  protected write(piece: Uint8Array | string): void {
    if (piece.length) this.at += this.sink.write(piece);
  }
}

/**
 * `feed.xml` written through a sink as `spliceXmlItems` lays it out, for a document with one
 * items marker: the text before it at once, each item as it comes, the rest at `end`. No feed
 * of thousands of items is ever held whole.
 */
class XmlStream extends DocumentStream {
  private readonly tail: string;

  constructor(sink: FeedSink, doc: string) {
    super(sink);
    const [head, rest] = doc.split(ITEMS_XML) as [string, string];
    this.tail = itemsOnOwnLine(doc) && rest.startsWith('\n') ? rest.slice(1) : rest;
    this.write(head);
  }

  end(): void {
    this.write(this.tail);
  }
}

/** `feed.json` written through a sink as `spliceJsonItems` lays it out. */
class JsonStream extends DocumentStream {
  private readonly head: string;
  private readonly tail: string;

  constructor(
    sink: FeedSink,
    doc: string,
    private readonly pad: string,
    private readonly count: number,
  ) {
    super(sink);
    const at = doc.indexOf(ITEMS_JSON);
    this.head = doc.slice(0, at);
    this.tail = doc.slice(at + ITEMS_JSON.length);
    if (count > 0) this.write(`${this.head}[\n`);
  }

  protected override beforeItem(): void {
    if (this.spans.length) this.write(JSON_ITEM_SEPARATOR);
  }

  end(): void {
    this.write(this.count > 0 ? `\n${this.pad}]${this.tail}` : `${this.head}[]${this.tail}`);
  }
}

/**
 * A document's next item: to its stream when it has one (new text, or kept bytes), else to its
 * pieces, new text encoded to UTF-8 at once (a rendered item is a two-byte string as soon as its
 * notes hold a curly quote, and 4,000 of them held as strings until assembly double the feeds'
 * memory).
 */
function placeItem(stream: DocumentStream | undefined, pieces: Piece[], kept: Piece | undefined, text: string | undefined): void {
  if (stream && text !== undefined) stream.item(text);
  else if (stream && kept instanceof Uint8Array) stream.item(kept);
  else pieces.push(kept ?? Buffer.from(text!));
}

/**
 * An item template's data: `extra` and the item's fields. The item's lazy `episode` is not
 * enumerable, so copying leaves it alone, and it is passed on as a getter.
 */
function itemData(extra: object, item: FeedItemView): object {
  // `Object.assign`, not `{ ...extra, ...item }`: V8 copies a second spread property by
  // property through the runtime, ~20 µs for an item's two dozen fields, four times this.
  return Object.defineProperty(Object.assign({}, extra, item), 'episode', { get: () => item.episode });
}

/** A byte span in a document being assembled. */
type Span = [start: number, end: number];

/**
 * One document from text, byte and file-range pieces, with each piece's span. With no file
 * range it is one buffer: text is encoded straight into place, kept bytes are copied, and no
 * document-sized string is ever made. Otherwise it stays pieces (see `FilePieces`).
 */
function assemble(pieces: readonly Piece[]): { bytes: FeedBytes; spans: Span[] } {
  const spans: Span[] = [];
  let size = 0;
  let ranges = false;
  for (const piece of pieces) {
    const length = typeof piece === 'string' ? Buffer.byteLength(piece) : piece instanceof Uint8Array ? piece.byteLength : ((ranges = true), piece.end - piece.start);
    spans.push([size, size + length]);
    size += length;
  }
  if (ranges) return { bytes: new FilePieces(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))), spans };
  const bytes = Buffer.allocUnsafe(size);
  pieces.forEach((piece, i) => {
    if (typeof piece === 'string') bytes.write(piece, spans[i]![0]);
    else bytes.set(piece as Uint8Array, spans[i]![0]);
  });
  return { bytes, spans };
}

/**
 * `feed.xml` with the items where the document has the items marker. On a line of its own,
 * each item ends its own line and the marker's line goes with it; elsewhere the items are
 * written as they are. The spans are those of the first marker's items.
 */
function spliceXmlItems(doc: string, items: readonly Piece[]): { bytes: FeedBytes; spans?: Span[] } {
  const parts = doc.split(ITEMS_XML);
  if (parts.length === 1) return { bytes: Buffer.from(doc) };
  const alone = itemsOnOwnLine(doc);
  const placed = alone ? items.map((item) => (typeof item === 'string' && !item.endsWith('\n') ? `${item}\n` : item)) : items;
  const pieces: Piece[] = [parts[0]!];
  for (const part of parts.slice(1)) pieces.push(...placed, alone && part.startsWith('\n') ? part.slice(1) : part);
  const { bytes, spans } = assemble(pieces);
  return { bytes, spans: spans.slice(1, 1 + items.length) };
}

/** Whether the document's (first) items marker stands on a line of its own. */
function itemsOnOwnLine(doc: string): boolean {
  const at = doc.indexOf(ITEMS_XML);
  if (at === -1) return false;
  return (at === 0 || doc[at - 1] === '\n') && doc.startsWith('\n', at + ITEMS_XML.length);
}

/** `feed.json` (reformatted) with the items, already indented, as the array at the items marker. */
function spliceJsonItems(doc: string, items: readonly Piece[], pad: string): { bytes: FeedBytes; spans?: Span[] } {
  const at = doc.indexOf(ITEMS_JSON);
  if (at === -1) return { bytes: Buffer.from(doc) };
  const tail = doc.slice(at + ITEMS_JSON.length);
  if (!items.length) return { bytes: Buffer.from(`${doc.slice(0, at)}[]${tail}`), spans: [] };
  const pieces: Piece[] = [`${doc.slice(0, at)}[\n`];
  items.forEach((item, i) => pieces.push(...(i ? [separatorBetween(items[i - 1]!, item), item] : [item])));
  pieces.push(`\n${pad}]${tail}`);
  const { bytes, spans } = assemble(pieces);
  return { bytes, spans: items.map((_, i) => spans[1 + 2 * i]!) };
}

/** What goes between two items of `feed.json`. */
const JSON_ITEM_SEPARATOR = ',\n';

/**
 * The separator between two items, as a range of the last build's file when both items are
 * ranges of it two bytes apart: they stood next to each other there (an item is never empty),
 * so those two bytes are the separator that build wrote, and the items with it are copied as
 * one range instead of one read per item.
 */
function separatorBetween(before: Piece, after: Piece): Piece {
  const isRange = (piece: Piece): piece is FileRange => typeof piece !== 'string' && !(piece instanceof Uint8Array);
  if (isRange(before) && isRange(after) && before.file === after.file && after.start - before.end === JSON_ITEM_SEPARATOR.length) {
    return { file: before.file, start: before.end, end: after.start };
  }
  return JSON_ITEM_SEPARATOR;
}

/** Indents every line of a block (JSON from `JSON.stringify`, whose strings hold no raw newline). */
function indent(block: string, pad: string): string {
  return pad + block.replaceAll('\n', `\n${pad}`);
}

/**
 * One item of `feed.json`, checked and indented by `pad`: its long strings set aside while the
 * rest is parsed and written again (`json-slots.ts`), or, when the template did more with them
 * than write them, rendered again and reformatted whole.
 */
function renderJsonItem(theme: Theme, data: object, pad: string): string {
  const layOut = (text: string): string => indent(reformatJson(text, 'templates/feed-item.json.hbs').trimEnd(), pad);
  const slots: JsonSlots = [];
  let laidOut: string | undefined;
  try {
    laidOut = layOut(theme.render('feed-item.json', data, { jsonSlots: slots }));
  } catch {
    // A broken template is reported by the plain render below, with the error it has there.
  }
  return (laidOut !== undefined && fillJsonSlots(laidOut, slots)) || layOut(theme.render('feed-item.json', data));
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
