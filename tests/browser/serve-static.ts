import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A handler for one path prefix; it answers the request itself. */
export type Route = (request: IncomingMessage, response: ServerResponse, rest: string) => void;

/** A running static server: `url` ends in `/`; `requests` lists every path asked for. */
export interface StaticServer {
  url: string;
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Content types of what a build writes; anything else is served as bytes. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a folder over HTTP on 127.0.0.1 (a free port), the way a static host does:
 * `dir/` answers with `dir/index.html`, a missing file is a 404, paths cannot leave the
 * folder, and `Range` requests get 206 so media can seek. `routes` answer path prefixes
 * (e.g. `/audio/`) before the folder is looked at.
 */
export async function serveStatic(root: string, routes: Record<string, Route> = {}): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    response.on('finish', () => requests.push({ path: pathname, status: response.statusCode }));
    const route = Object.entries(routes).find(([prefix]) => pathname.startsWith(prefix));
    if (route) return route[1](request, response, pathname.slice(route[0].length));
    void serveFile(path.resolve(root), pathname, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serveFile(root: string, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let file = path.join(root, pathname);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(response);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      response.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    file = path.join(file, 'index.html');
  }
  const fileInfo = info?.isDirectory() ? await stat(file).catch(() => undefined) : info;
  if (!fileInfo?.isFile()) return notFound(response);
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const range = parseRange(request.headers.range, fileInfo.size);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'content-range': `bytes */${fileInfo.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: fileInfo.size - 1 };
  response.writeHead(range ? 206 : 200, {
    'content-type': type,
    'content-length': String(end - start + 1),
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${start}-${end}/${fileInfo.size}` } : {}),
  });
  if (request.method === 'HEAD' || fileInfo.size === 0) return void response.end();
  createReadStream(file, { start, end }).pipe(response);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}

/** The one byte range of a `Range: bytes=…` header, per RFC 9110 §14.1.2; multi-ranges are served whole. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size);
    return suffix === 0 ? 'unsatisfiable' : { start: size - suffix, end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}
