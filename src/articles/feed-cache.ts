import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What we know about a cached remote feed besides its body. */
export interface FeedCacheMeta {
  url: string;
  /** ISO 8601 time of the last successful fetch (200 or 304). */
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
}

/** One cached feed: the last body that parsed, and its metadata. */
export interface CachedFeed {
  meta: FeedCacheMeta;
  body: Uint8Array;
}

/** The folder of cached feeds inside a show folder (git-ignored). */
export function feedCacheDir(root: string): string {
  return path.join(root, '.cache', 'feeds');
}

/** Body and meta file of one feed, named by a hash of its URL so any URL makes a safe name. */
export function feedCachePaths(root: string, url: string): { body: string; meta: string } {
  const key = createHash('sha256').update(url).digest('hex').slice(0, 24);
  const dir = feedCacheDir(root);
  return { body: path.join(dir, `${key}.xml`), meta: path.join(dir, `${key}.json`) };
}

/** The cached copy of a feed, or undefined when there is none or it is unreadable. */
export async function readCachedFeed(root: string, url: string): Promise<CachedFeed | undefined> {
  const paths = feedCachePaths(root, url);
  try {
    const meta = parseMeta(await readFile(paths.meta, 'utf8'));
    if (!meta || meta.url !== url) return undefined;
    return { meta, body: new Uint8Array(await readFile(paths.body)) };
  } catch {
    return undefined;
  }
}

/**
 * Stores a feed that parsed (never a bad response). Each file is written beside and renamed, so
 * a crash leaves the old copy, not half a file. With no body only the meta is updated (a 304).
 */
export async function writeCachedFeed(root: string, meta: FeedCacheMeta, body?: Uint8Array): Promise<void> {
  const paths = feedCachePaths(root, meta.url);
  await mkdir(path.dirname(paths.meta), { recursive: true });
  if (body) await writeAtomically(paths.body, body);
  await writeAtomically(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

function parseMeta(json: string): FeedCacheMeta | undefined {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.url !== 'string' || typeof record.fetchedAt !== 'string') return undefined;
  if (Number.isNaN(Date.parse(record.fetchedAt))) return undefined;
  const meta: FeedCacheMeta = { url: record.url, fetchedAt: record.fetchedAt };
  for (const key of ['etag', 'lastModified', 'contentType'] as const) {
    const field = record[key];
    if (typeof field === 'string') meta[key] = field;
  }
  return meta;
}
