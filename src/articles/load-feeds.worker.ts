/**
 * The worker thread of `startLoadingArticles`: reads the feeds it is handed, a few at a time
 * (`WorkerSetup.inFlight`), posts each feed's outcome with its articles packed (the bytes moved,
 * not copied; the parse cache entry written first), and stops after the last once told there is
 * no more.
 */
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers/start-worker.ts';
import { feedLoadSettings } from './load-articles.ts';
import { loadFeedPacked } from './load-feed-packed.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './start-loading-articles.ts';

const port = parentPort;
if (!port) throw new Error('internal error: load-feeds.worker runs only as a worker thread');
const setup = workerInput<WorkerSetup>();
const settings = feedLoadSettings(setup.options);
const limit = Math.max(1, setup.inFlight ?? 1);
const queue: Extract<ToWorker, { type: 'load' }>[] = [];
let running = 0;
let ending = false;

port.on('message', (message: ToWorker) => {
  if (message.type === 'end') ending = true;
  else queue.push(message);
  next();
});

/** Starts queued feeds up to the limit; ends once the queue is empty and nothing runs. */
function next(): void {
  while (running < limit && queue.length > 0) {
    const message = queue.shift()!;
    running++;
    void load(message.index, message).finally(() => {
      running--;
      next();
    });
  }
  if (ending && running === 0 && queue.length === 0) {
    ending = false;
    port!.postMessage({ type: 'ended' } satisfies FromWorker);
    port!.close();
  }
}

async function load(index: number, message: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  const result = await loadFeedPacked(message.source, index, settings, setup.cache);
  const bytes = result.articles && 'bytes' in result.articles ? result.articles.bytes : undefined;
  // Move the bytes, not copy them: both a cache entry (read into a buffer of its own) and a
  // fresh packing (allocated alone, already written to the cache) own their buffer. A small
  // buffer may be a slice of Node's shared pool, which must never be moved: that one is copied.
  const movable = bytes && bytes.buffer.byteLength > 64 * 1024;
  const transfer = movable ? [bytes.buffer as ArrayBuffer] : [];
  port!.postMessage({ type: 'loaded', index, load: result } satisfies FromWorker, transfer);
}
