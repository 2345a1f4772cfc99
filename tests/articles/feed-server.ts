import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One route of the test server: answers a request, may keep the response open. */
export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 with a random port, counting requests per path. */
export interface FeedServer {
  url(path: string): string;
  /** Requests seen, per path. */
  hits: Map<string, number>;
  /** Headers of the last request per path. */
  lastHeaders: Map<string, http.IncomingHttpHeaders>;
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** Starts the server; close it in afterEach/afterAll. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, http.IncomingHttpHeaders>();
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    lastHeaders.set(path, request.headers);
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    lastHeaders,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small valid RSS 2.0 feed with the given item titles (links under https://news.example/). */
export function rssFeed(title: string, items: string[]): string {
  const entries = items
    .map(
      (item, i) => `<item><title>${item}</title><link>https://news.example/${i + 1}</link>` +
        `<pubDate>Sun, 02 Mar 2025 10:0${i}:00 GMT</pubDate><description>About ${item}.</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title>` +
    `<link>https://news.example/</link>\n${entries}\n</channel></rss>\n`;
}
