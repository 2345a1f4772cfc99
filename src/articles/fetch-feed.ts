import { FeedError } from './feed-error.ts';

/** Limits and validators for one request. */
export interface FetchFeedOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  maxRedirects: number;
  /** Validators of the cached copy, for a conditional request (RFC 9110 §13.1). */
  etag?: string;
  lastModified?: string;
}

/** A fetched feed body with its validators, or the server's word that the cached copy holds. */
export type FetchedFeed =
  | { kind: 'not-modified'; etag?: string; lastModified?: string }
  | { kind: 'body'; body: Uint8Array; url: string; contentType?: string; etag?: string; lastModified?: string };

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/**
 * Fetches a remote feed with Node's built-in fetch (it decodes gzip/brotli for us and stops on
 * an AbortSignal). One deadline covers redirects and body; redirects are followed by hand so we
 * can count them and see loops; the body is read as a stream and dropped past `maxBytes`.
 * Throws a FeedError whose message is the cause.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchedFeed> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    return await fetchFollowing(url, options, controller);
  } catch (error) {
    if (timedOut) throw new FeedError(`timed out after ${formatSeconds(options.timeoutMs)}`, { cause: error });
    if (error instanceof FeedError) throw error;
    throw new FeedError(describeNetworkError(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function fetchFollowing(
  url: string,
  options: FetchFeedOptions,
  controller: AbortController,
): Promise<FetchedFeed> {
  const headers: Record<string, string> = { 'User-Agent': options.userAgent, Accept: ACCEPT };
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
  const seen = new Set<string>([url]);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(current, { headers, redirect: 'manual', signal: controller.signal });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel();
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FeedError(`redirected to a ${next.protocol} URL, only http(s) is followed`);
      }
      if (seen.has(next.href)) throw new FeedError(`redirect loop at ${next.href}`);
      if (redirects >= options.maxRedirects) {
        throw new FeedError(`more than ${options.maxRedirects} redirects (last to ${next.href})`);
      }
      seen.add(next.href);
      current = next.href;
      continue;
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified', ...defined({ etag, lastModified }) };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const text = response.statusText ? ` ${response.statusText}` : '';
      throw new FeedError(`HTTP ${response.status}${text}`);
    }
    const body = await readCapped(response, options.maxBytes, controller);
    const contentType = response.headers.get('content-type') ?? undefined;
    return { kind: 'body', body, url: current, ...defined({ contentType, etag, lastModified }) };
  }
}

/** Reads the body chunk by chunk and aborts the request as soon as it passes the cap. */
async function readCapped(response: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array> {
  const tooLarge = () => new FeedError(`larger than the ${formatBytes(maxBytes)} size cap: stopped reading`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Node's fetch says "fetch failed" and hides the reason in `cause`: bring it out. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `cannot connect: ${code} (${cause.message})` : `network error: ${cause.message}`;
  }
  return `network error: ${error.message}`;
}

function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const key of Object.keys(values) as (keyof T)[]) if (values[key] !== undefined) out[key] = values[key];
  return out;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
