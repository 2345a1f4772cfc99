import { stat, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { CLIENT_PATH, EVENTS_PATH, injectClient } from './inject-client.ts';
import type { ReloadEvents } from './reload-events.ts';

/** What the dev server's request handler serves. */
export interface ServeSiteOptions {
  /** The built site; read on every request, so a rebuild shows at once. */
  out: string;
  /** Source of the browser script served at `CLIENT_PATH`. */
  clientScript: string;
  events: ReloadEvents;
  /** Pages wait for this (the first build) before they are served. */
  ready: Promise<unknown>;
}

/** A Node request handler. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built site the way a static host would (`/x/` → `/x/index.html`, `/x` redirected to
 * `/x/`), with the reload script added to every HTML page on the way out, the event stream, and
 * the site's own 404 page. Files other than HTML are sent by sirv (types, ranges, ETags).
 */
export function serveSite(options: ServeSiteOptions): RequestHandler {
  const out = path.resolve(options.out);
  // `extensions: []`: HTML is ours (to inject the script); sirv sends everything else as is.
  const files = sirv(out, { dev: true, etag: true, extensions: [] });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://dev.invalid');
    if (url.pathname === EVENTS_PATH) return options.events.connect(req, res);
    if (url.pathname === CLIENT_PATH) return send(req, res, 200, 'text/javascript; charset=utf-8', options.clientScript);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }
    await options.ready;
    const page = await findPage(out, url.pathname);
    if (page === 'bad') return send(req, res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
    if (page && 'redirect' in page) {
      res.writeHead(302, { Location: page.redirect + url.search });
      res.end();
      return;
    }
    if (page) return sendPage(req, res, 200, page.file);
    files(req, res, () => {
      void notFound(req, res, out).catch((error: unknown) => fail(res, error));
    });
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, error));
  };
}

type Page = { file: string } | { redirect: string } | undefined | 'bad';

/** The HTML file a path names, if any, kept inside the site folder whatever the path holds. */
async function findPage(out: string, pathname: string): Promise<Page> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'bad';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'bad';
  // Normalizing an absolute posix path cannot climb above `/`, so the result stays in `out`.
  const clean = path.posix.normalize(decoded.startsWith('/') ? decoded : `/${decoded}`);
  const inside = (rel: string) => path.join(out, ...rel.split('/'));
  if (clean.endsWith('/')) return (await isFile(inside(`${clean}index.html`))) ? { file: inside(`${clean}index.html`) } : undefined;
  if (/\.html?$/i.test(clean)) return (await isFile(inside(clean))) ? { file: inside(clean) } : undefined;
  if (path.posix.extname(clean) === '') {
    if (await isFile(inside(`${clean}/index.html`))) return { redirect: `${encodeURI(clean)}/` };
    if (await isFile(inside(`${clean}.html`))) return { file: inside(`${clean}.html`) };
  }
  return undefined;
}

/** The site's own `404.html`, or a bare page (there may be no site yet when the first build failed). */
async function notFound(req: IncomingMessage, res: ServerResponse, out: string): Promise<void> {
  const page = path.join(out, '404.html');
  if (await isFile(page)) return sendPage(req, res, 404, page);
  const body = injectClient('<!doctype html><meta charset="utf-8"><title>Not found</title><body><p>Nothing here yet.</p></body>');
  send(req, res, 404, 'text/html; charset=utf-8', body);
}

async function sendPage(req: IncomingMessage, res: ServerResponse, status: number, file: string): Promise<void> {
  const html = await readFile(file, 'utf8');
  send(req, res, status, 'text/html; charset=utf-8', injectClient(html));
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}\n`;
  res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
