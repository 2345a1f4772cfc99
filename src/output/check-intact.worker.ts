import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers/start-worker.ts';
import { isIntact, isIntactFile, readStoredColumns, type IntactCheck } from './output-manifest.ts';

/**
 * Checks every output of a manifest (see `startCheckingIntact`) and replies with one flag per
 * row; none when its file no longer holds the manifest it was sent for.
 */
const input = workerInput<IntactCheck>();
const { out } = input;
const { paths, sizes, mtimes } = 'stored' in input ? (readStoredColumns(input.stored) ?? { paths: '', sizes: new Float64Array(), mtimes: new Float64Array() }) : input;
const list = paths ? paths.split('\0') : [];
const flags = new Uint8Array(list.length);
// The manifest's paths are our own, relative and normalised: on POSIX they are joined by hand,
// as `path.join` normalising 72,000 of them was an eighth of this thread's time.
const prefix = out.endsWith('/') ? out : `${out}/`;
const posix = path.sep === '/';
list.forEach((relative, i) => {
  const intact = posix ? isIntactFile(prefix + relative, sizes[i]!, mtimes[i]!) : isIntact(out, relative, sizes[i]!, mtimes[i]!);
  flags[i] = intact ? 1 : 0;
});
parentPort!.postMessage(flags, [flags.buffer]);
