import { readFile, stat } from 'node:fs/promises';
import { fileStampOf, type FileStamp } from '../incremental/file-stamp.ts';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Article } from './article.ts';
import { readCachedFeed, writeCachedFeed, type CachedFeed, type FeedCacheMeta } from './feed-cache.ts';
import { FeedError } from './feed-error.ts';
import type { FeedReport } from './feed-report.ts';
import { fetchFeed } from './fetch-feed.ts';
import { parseFeed, type ParseFeedOptions } from './parse-feed.ts';

/** The settings of one run, all defaults applied. */
export interface FeedLoadSettings {
  root: string;
  offline: boolean;
  refreshSeconds: number;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  force: boolean;
  maxRedirects: number;
  /** The clock, so tests can age the cache; Date.now by default. */
  now: () => number;
}

/** What one feed gave in this run. */
export interface FeedLoad {
  articles: Article[];
  warnings: Diagnostic[];
  report: FeedReport;
}

/** What loading needs from a parsed feed: its title, its articles (or their count), the items skipped. */
export interface FeedParseResult {
  title?: string;
  articles: { length: number };
  skipped: number;
}

/** Reads one feed's bytes: `parseFeed`, or a cached or packing variant of it (a worker's). */
export type FeedParser<P extends FeedParseResult> = ((bytes: Uint8Array, options: ParseFeedOptions) => Promise<P>) & {
  /** A parser that keeps its parses may find one of a local file by the file's stamp, without reading it. */
  byStamp?: FileStampParses<P>;
};

/** Parses of local feed files remembered by the file's stamp. */
export interface FileStampParses<P> {
  find(file: string, stamp: FileStamp, options: ParseFeedOptions): Promise<P | undefined>;
  remember(file: string, stamp: FileStamp, options: ParseFeedOptions, parsed: P): Promise<void>;
}

/** What one feed gave in this run, as the parser gave it. */
export interface FeedLoadWith<P extends FeedParseResult> {
  parsed?: P;
  warnings: Diagnostic[];
  report: FeedReport;
}

type Outcome<P> = Omit<FeedReport, 'source' | 'ms' | 'name' | 'articles'> & {
  parsed?: P;
  /** The problem, and what was done about it, for the warning. */
  problem?: string;
};

/**
 * Reads one configured feed: a local file, or a remote URL through the cache (SPEC §7). Never
 * throws: every failure is a warning naming the feed and the cause, and the run goes on with the
 * last good cached copy or without the feed.
 */
export async function loadFeedSource(
  source: ArticleFeedSource,
  index: number,
  settings: FeedLoadSettings,
): Promise<FeedLoad> {
  const load = await loadFeedSourceWith(source, index, settings, parseFeed);
  return { articles: load.parsed?.articles ?? [], warnings: load.warnings, report: load.report };
}

/** `loadFeedSource` with another parser: same outcomes, warnings and report, whatever it returns. */
export async function loadFeedSourceWith<P extends FeedParseResult>(
  source: ArticleFeedSource,
  index: number,
  settings: FeedLoadSettings,
  parse: FeedParser<P>,
): Promise<FeedLoadWith<P>> {
  const started = performance.now();
  const fallbackName = source.name ?? source.location;
  let outcome: Outcome<P>;
  try {
    outcome = isUrl(source.location)
      ? await loadRemote(source, settings, parse)
      : await loadLocal(source, settings.root, parse);
  } catch (error) {
    // A bug, not a feed problem: still only this feed is lost.
    const cause = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    outcome = { status: 'failed', cause, problem: `${cause}; the feed is left out` };
  }
  const parsed = outcome.parsed;
  const name = source.name ?? parsed?.title ?? fallbackName;
  const articleCount = parsed?.articles.length ?? 0;
  const warnings: Diagnostic[] = [];
  const diagnostic = (message: string): Diagnostic => {
    // The file named is the feed itself, so no line: the config line of its entry would
    // read as a line of the feed.
    return { severity: 'warning', file: source.location, field: `articles.feeds[${index}]`, message };
  };
  // The diagnostic's file is the location; name the feed too when it has a name of its own.
  const prefix = name === source.location ? '' : `feed "${name}": `;
  if (outcome.problem) warnings.push(diagnostic(`${prefix}${outcome.problem}`));
  let cause = outcome.cause;
  if (parsed && parsed.articles.length === 0 && parsed.skipped > 0) {
    const noLinks = `none of its ${parsed.skipped} items has an http(s) link`;
    warnings.push(diagnostic(`${prefix}${noLinks}, so it gives no articles`));
    cause ??= noLinks;
  }
  const report: FeedReport = {
    source: source.location,
    name,
    status: outcome.status,
    articles: articleCount,
    ms: Math.round(performance.now() - started),
  };
  if (cause) report.cause = cause;
  return parsed ? { parsed, warnings, report } : { warnings, report };
}

async function loadLocal<P extends FeedParseResult>(source: ArticleFeedSource, root: string, parse: FeedParser<P>): Promise<Outcome<P>> {
  const file = path.resolve(root, source.location);
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return failed('the path leads outside the show folder', undefined);
  }
  // The stamp is taken before the file is read: a write after it gives the next build another.
  const stamp = await stampOf(file);
  const kept = stamp && (await parse.byStamp?.find(file, stamp, parseOptions(source)));
  if (kept) return { status: 'local', parsed: kept };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read the file (${code ?? String(error)})`;
    return failed(cause, undefined);
  }
  try {
    const parsed = await parse(bytes, parseOptions(source));
    if (stamp) await parse.byStamp?.remember(file, stamp, parseOptions(source), parsed);
    return { status: 'local', parsed };
  } catch (error) {
    return failed(causeOf(error), undefined);
  }
}

async function stampOf(file: string): Promise<FileStamp | undefined> {
  const stats = await stat(file).catch(() => undefined);
  return stats?.isFile() ? fileStampOf(stats) : undefined;
}

async function loadRemote<P extends FeedParseResult>(
  source: ArticleFeedSource,
  settings: FeedLoadSettings,
  parse: FeedParser<P>,
): Promise<Outcome<P>> {
  const url = source.location.trim();
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    return failed('not an http(s) URL (a feed is an http(s) URL or a path in the show folder)', undefined);
  }
  const cached = await readCachedFeed(settings.root, url);
  // The cached body is parsed only when it is used: an updated feed does not pay for it.
  let cachedParse: Promise<P | undefined> | undefined;
  const fromCache = async () => (cached ? (cachedParse ??= parseCached(cached, source, parse)) : undefined);
  const fallback = async () => {
    const parsed = await fromCache();
    return cached && parsed ? { cached, parsed } : undefined;
  };
  if (settings.offline) {
    const parsed = await fromCache();
    if (parsed) return { status: 'offline', parsed };
    return {
      status: 'offline',
      cause: 'offline and no cached copy',
      problem: 'offline and there is no cached copy; the feed is left out',
    };
  }
  if (cached && !settings.force) {
    const age = settings.now() - Date.parse(cached.meta.fetchedAt);
    const parsed = age >= 0 && age < settings.refreshSeconds * 1000 ? await fromCache() : undefined;
    if (parsed) return { status: 'fresh', parsed };
  }
  const request = (conditional: boolean) =>
    fetchFeed(url, {
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      userAgent: settings.userAgent,
      maxRedirects: settings.maxRedirects,
      ...(conditional && cached?.meta.etag ? { etag: cached.meta.etag } : {}),
      ...(conditional && cached?.meta.lastModified ? { lastModified: cached.meta.lastModified } : {}),
    });
  let fetched;
  let kept: Awaited<ReturnType<typeof fallback>>;
  try {
    fetched = await request(true);
    // A 304 for a cached body we can no longer read: ask once more for the whole feed.
    if (fetched.kind === 'not-modified' && !(kept = await fallback())) fetched = await request(false);
  } catch (error) {
    return failed(causeOf(error), await fallback());
  }
  const fetchedAt = new Date(settings.now()).toISOString();
  if (fetched.kind === 'not-modified') {
    if (!kept) return failed('HTTP 304 Not Modified to a request without validators', undefined);
    const meta = { ...kept.cached.meta, fetchedAt };
    if (fetched.etag) meta.etag = fetched.etag;
    if (fetched.lastModified) meta.lastModified = fetched.lastModified;
    const stored = await tryWrite(settings.root, meta);
    return { status: 'not-modified', parsed: kept.parsed, ...stored };
  }
  let parsed: P;
  try {
    parsed = await parse(fetched.body, { ...parseOptions(source), url: fetched.url, ...contentType(fetched.contentType) });
  } catch (error) {
    // Parse before storing: a bad response never replaces the last good copy.
    return failed(causeOf(error), await fallback());
  }
  const meta = { url, fetchedAt, ...pick(fetched, ['etag', 'lastModified', 'contentType']) };
  const stored = await tryWrite(settings.root, meta, fetched.body);
  return { status: 'updated', parsed, ...stored };
}

/** A cache that cannot be written costs the next run a request, not this run its articles. */
async function tryWrite(root: string, meta: FeedCacheMeta, body?: Uint8Array): Promise<{ problem?: string }> {
  try {
    await writeCachedFeed(root, meta, body);
    return {};
  } catch (error) {
    return { problem: `cannot store the cached copy (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Parses the cached body; a copy that no longer parses counts as no copy. */
async function parseCached<P extends FeedParseResult>(
  cached: CachedFeed,
  source: ArticleFeedSource,
  parse: FeedParser<P>,
): Promise<P | undefined> {
  try {
    return await parse(cached.body, {
      ...parseOptions(source),
      url: cached.meta.url,
      ...contentType(cached.meta.contentType),
    });
  } catch {
    return undefined;
  }
}

function failed<P>(cause: string, fallback: { cached: CachedFeed; parsed: P } | undefined): Outcome<P> {
  if (!fallback) return { status: 'failed', cause, problem: `${cause}; the feed is left out` };
  return {
    status: 'failed',
    cause,
    parsed: fallback.parsed,
    problem: `${cause}; using the copy cached at ${fallback.cached.meta.fetchedAt}`,
  };
}

function parseOptions(source: ArticleFeedSource): { name?: string; fallbackName: string } {
  return source.name ? { name: source.name, fallbackName: source.location } : { fallbackName: source.location };
}

function contentType(value: string | undefined): { contentType?: string } {
  return value ? { contentType: value } : {};
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function causeOf(error: unknown): string {
  if (error instanceof FeedError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** A location with a scheme is a URL; only http(s) ones are fetched (checked by the caller). */
export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location.trim());
}
