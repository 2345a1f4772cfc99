import { statSync } from 'node:fs';
import path from 'node:path';
import { FilePieces, type FileRange } from '../output/file-pieces.ts';
import type { FeedBytes, FeedFragments, FeedLayout, ItemSpan } from '../render/render-feeds.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile } from './build-cache-file.ts';
import { contentHash } from './content-hash.ts';

/** Feed documents as a render left them: their bytes and where each item sits in them. */
export interface RenderedFeeds {
  files: { xml?: FeedBytes; json?: FeedBytes };
  layout: FeedLayout;
}

/** Feed documents to cut kept items from: bytes in memory, or files on disk (read only as ranges). */
interface FeedSources {
  files: { xml?: Uint8Array | string; json?: Uint8Array | string };
  layout: FeedLayout;
}

/** Feed item fragments kept from the last render, with what the latest render did. */
export interface KeptFeedFragments extends FeedFragments {
  /** Items rendered, and items taken from the last render, by the latest render (0/0 before one). */
  readonly counts: { rendered: number; reused: number };
  /** The latest render's documents and layout, once there was one. */
  latest(): RenderedFeeds | undefined;
}

/** Kept fragments that outlive the process: the layout goes to `.cache/build/` (its `latest()` holds no bytes). */
export interface FeedFragmentCache extends KeptFeedFragments {
  /** `rendered` for feeds written by another thread: their sizes instead of their bytes. */
  renderedElsewhere(sizes: { xml?: number; json?: number }, layout: FeedLayout, counts: { rendered: number; reused: number }): void;
  /** Stores the layout of the feeds just written; call after `out/` is written. */
  save(): Promise<void>;
}

/** Size and modification time of a feed document as the last build left it in `out/`. */
type Stamp = [size: number, mtimeMs: number];

/** What is stored between builds: where each item sits in the feeds of one output folder. */
interface StoredLayout {
  stamps: { xml?: Stamp; json?: Stamp };
  layout: FeedLayout;
}

const FILES = { xml: 'feed.xml', json: 'feed.json' } as const;

/**
 * Fragments cut from an earlier render held in memory (a dev server's last build, a benchmark),
 * or none. Cutting is zero-copy: an item's bytes are a view of the earlier document.
 */
export function memoryFeedFragments(previous?: RenderedFeeds): KeptFeedFragments {
  const inMemory = (bytes: FeedBytes | undefined) => (bytes instanceof FilePieces ? undefined : bytes);
  return keptFragments(() => previous && { files: { xml: inMemory(previous.files.xml), json: inMemory(previous.files.json) }, layout: previous.layout });
}

/**
 * The feed items of the last build into `out`, for an incremental build (issue 7). Only the
 * layout is stored in `.cache/build/` (item keys and byte offsets): the fragments themselves
 * are ranges of `out/feed.xml` and `out/feed.json`, copied when the new feed is written, and
 * only while the file is still the one the last build left (same size and modification time),
 * so no copy of the feeds is kept and a feed edited or deleted by hand is never reused.
 */
export async function openFeedFragmentCache(options: { cacheDir: string; out: string; tool: string; clean: boolean }): Promise<FeedFragmentCache> {
  const file = path.join(options.cacheDir, `feed-items-${contentHash(options.out)}${CACHE_FILE_EXTENSION}`);
  const stored = options.clean ? undefined : await readCacheFile<StoredLayout>(file, options.tool);
  const kept = keptFragments(() =>
    stored && {
      files: { xml: intactFile(options.out, 'xml', stored.stamps.xml), json: intactFile(options.out, 'json', stored.stamps.json) },
      layout: stored.layout,
    },
  );
  // Only the sizes are kept until `save`: holding the documents through the writing stage
  // would add their size to the build's peak memory.
  let next: { sizes: { xml?: number; json?: number }; layout: FeedLayout } | undefined;
  return {
    ...kept,
    rendered(files, layout, done) {
      kept.rendered({}, layout, done);
      next = { sizes: { xml: files.xml?.byteLength, json: files.json?.byteLength }, layout };
    },
    renderedElsewhere(sizes, layout, done) {
      kept.rendered({}, layout, done);
      next = { sizes, layout };
    },
    async save() {
      if (!next) return;
      const stamps: StoredLayout['stamps'] = {};
      for (const kind of ['xml', 'json'] as const) {
        const size = next.sizes[kind];
        if (size === undefined || !next.layout[kind]) continue;
        const stats = statSync(path.join(options.out, FILES[kind]), { throwIfNoEntry: false });
        // A file that does not hold what was rendered (a failed write) is not described.
        if (stats?.isFile() && stats.size === size) stamps[kind] = [stats.size, stats.mtimeMs];
      }
      const layout: FeedLayout = { xml: stamps.xml && next.layout.xml, json: stamps.json && next.layout.json };
      await writeCacheFile(file, options.tool, { stamps, layout } satisfies StoredLayout);
    },
  };
}

/** Fragments by item key, cut on first use from what `load` gives (read lazily: a build whose feeds are unchanged never reads them). */
function keptFragments(load: () => FeedSources | undefined): KeptFeedFragments {
  let cut: { xml: Map<string, Uint8Array | FileRange>; json: Map<string, Uint8Array | FileRange>; pad?: string } | undefined;
  let latest: RenderedFeeds | undefined;
  const counts = { rendered: 0, reused: 0 };
  const fragments = () => {
    if (!cut) {
      const previous = load();
      cut = {
        xml: cutItems(previous?.files.xml, previous?.layout.xml),
        json: cutItems(previous?.files.json, previous?.layout.json?.spans),
        pad: previous?.layout.json?.pad,
      };
    }
    return cut;
  };
  return {
    counts,
    xml: (key) => fragments().xml.get(key),
    json: (key, pad) => (fragments().pad === pad ? fragments().json.get(key) : undefined),
    rendered(files, layout, done) {
      latest = { files, layout };
      counts.rendered = done.rendered;
      counts.reused = done.reused;
    },
    latest: () => latest,
  };
}

/** Each item's bytes by key: a view of a document in memory, or a range of a file (`source` a path). */
function cutItems(source: Uint8Array | string | undefined, spans: readonly ItemSpan[] | undefined): Map<string, Uint8Array | FileRange> {
  const items = new Map<string, Uint8Array | FileRange>();
  if (source === undefined || !spans) return items;
  const size = typeof source === 'string' ? statSync(source).size : source.byteLength;
  for (const [key, start, end] of spans) {
    if (end <= size) items.set(key, typeof source === 'string' ? { file: source, start, end } : source.subarray(start, end));
  }
  return items;
}

/** The path of a feed the last build wrote, if it is still as that build left it. */
function intactFile(out: string, kind: 'xml' | 'json', stamp: Stamp | undefined): string | undefined {
  if (!stamp) return undefined;
  const file = path.join(out, FILES[kind]);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size !== stamp[0] || stats.mtimeMs !== stamp[1]) return undefined;
  return file;
}
