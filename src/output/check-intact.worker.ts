import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers/start-worker.ts';
import { isIntact, type IntactCheck } from './output-manifest.ts';

/** Checks every output of a manifest (see `startCheckingIntact`) and replies with one flag per row. */
const { out, paths, sizes, mtimes } = workerInput<IntactCheck>();
const list = paths ? paths.split('\0') : [];
const flags = new Uint8Array(list.length);
list.forEach((relative, i) => {
  flags[i] = isIntact(out, relative, sizes[i]!, mtimes[i]!) ? 1 : 0;
});
parentPort!.postMessage(flags, [flags.buffer]);
