import http from 'node:http';

/** One server-sent event as received. */
export interface ReceivedEvent {
  type: string;
  data: unknown;
}

/** A test's connection to the dev server's event stream, read with plain `http.get`. */
export interface EventStream {
  /** The next event not read yet; rejects after `timeoutMs` naming what did arrive. */
  next(timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Connects to `url` and resolves once the server has answered (the client is then registered). */
export function openEventStream(url: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        reject(new Error(`event stream answered ${res.statusCode} ${res.headers['content-type']}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      const received: ReceivedEvent[] = [];
      const seen: string[] = [];
      let waiting: ((event: ReceivedEvent) => void) | undefined;
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (!event) continue;
          seen.push(event.type);
          if (waiting) {
            const deliver = waiting;
            waiting = undefined;
            deliver(event);
          } else received.push(event);
        }
      });
      const ended = new Promise<void>((done) => res.on('end', done));
      resolve({
        next(timeoutMs = 30_000) {
          const queued = received.shift();
          if (queued) return Promise.resolve(queued);
          return new Promise((deliver, fail) => {
            const timer = setTimeout(() => {
              waiting = undefined;
              fail(new Error(`no event within ${timeoutMs} ms; received so far: ${seen.join(', ') || 'none'}`));
            }, timeoutMs);
            waiting = (event) => {
              clearTimeout(timer);
              deliver(event);
            };
          });
        },
        ended,
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

/** Parses one event block; comments and `retry:` alone make no event. */
function parseBlock(block: string): ReceivedEvent | undefined {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) type = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
  }
  if (data.length === 0) return undefined;
  return { type, data: JSON.parse(data.join('\n')) };
}
