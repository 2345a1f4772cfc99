import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the dev server tells open pages: reload after a good build, the diagnostics of a broken one. */
export type DevEvent =
  /** `preview`: only the edited episodes' pages are new yet (a reload follows when the rebuild changes more). */
  | { type: 'reload'; data: { changed: string[]; ms: number; preview?: string[] } }
  | { type: 'build-error'; data: { summary: string; diagnostics: string[] } };

/** The open event streams of the dev server, and the build state a newly opened page must see. */
export interface ReloadEvents {
  /** Answers a request for `/__shownotes/events` and keeps the stream open. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** Sends an event to every open page; a `build-error` is also replayed to pages opened later. */
  send(event: DevEvent): void;
  /** How many pages are listening. */
  readonly clients: number;
  /** Ends every stream. */
  close(): void;
}

/** A comment line every so often keeps proxies and idle timeouts from closing the stream. */
const KEEP_ALIVE_MS = 25_000;

/**
 * Server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html): one
 * long `text/event-stream` response per open page.
 */
export function createReloadEvents(): ReloadEvents {
  const streams = new Set<ServerResponse>();
  let failure: DevEvent | undefined;
  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  return {
    connect(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      // Reconnect quickly after the dev server restarts.
      res.write('retry: 1000\n\n');
      if (failure) res.write(encodeEvent(failure));
      streams.add(res);
      req.on('close', () => streams.delete(res));
    },
    send(event) {
      failure = event.type === 'build-error' ? event : undefined;
      const text = encodeEvent(event);
      for (const res of streams) res.write(text);
    },
    get clients() {
      return streams.size;
    },
    close() {
      clearInterval(keepAlive);
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

/** One event on the wire: `event:` line, `data:` line (JSON has no raw newlines), blank line. */
export function encodeEvent(event: DevEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
