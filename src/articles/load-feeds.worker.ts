/**
 * The worker thread of `startLoadingArticles`: reads the feeds it is handed, posts each feed's
 * outcome with its articles packed (the bytes moved, not copied; the parse cache entry written
 * first), and stops when told there is no more.
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
const pending = new Set<Promise<void>>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'end') {
    void end();
    return;
  }
  const task = load(message.index, message);
  pending.add(task);
  void task.finally(() => pending.delete(task));
});

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

async function end(): Promise<void> {
  await Promise.all(pending);
  port!.postMessage({ type: 'ended' } satisfies FromWorker);
  port!.close();
}
