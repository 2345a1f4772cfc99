/**
 * The worker thread of `startBuildingCorpusIndex`: tokenises and inverts the headlines and texts
 * it was started with, and posts the arrays back, their memory moved, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers/start-worker.ts';
import { tokenizeCorpus } from './corpus-index.ts';
import type { CorpusIndexJob, CorpusIndexReply } from './start-building-corpus-index.ts';

const port = parentPort;
if (!port) throw new Error('internal error: build-corpus-index.worker runs only as a worker thread');
const { titles, texts } = workerInput<CorpusIndexJob>();
const { vocab: _vocab, ...arrays } = tokenizeCorpus(titles.map((title, a) => ({ title, text: texts[a]! })));
const buffers = new Set<ArrayBuffer>();
for (const value of Object.values(arrays)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
port.postMessage({ arrays } satisfies CorpusIndexReply, [...buffers]);
