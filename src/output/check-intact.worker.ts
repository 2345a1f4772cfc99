import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers/start-worker.ts';
import { isIntact, isIntactFile, readStoredColumns, type IntactCheck, type IntactColumns, type IntactReply } from './output-manifest.ts';

/**
 * Checks every output of a manifest (see `startCheckingIntact`) and replies with one flag per
 * row; for a manifest read here from its file, with the id it was written with too.
 */
const input = workerInput<IntactCheck>();
const { out } = input;
const stored = 'file' in input ? readStoredColumns(input.file, input.stamp) : undefined;
const columns: Omit<IntactColumns, 'out'> = 'file' in input ? (stored ?? { paths: '', sizes: new Float64Array(), mtimes: new Float64Array() }) : input;
const { paths, sizes, mtimes } = columns;
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
const reply: IntactReply = stored ? { flags, id: stored.id } : { flags };
parentPort!.postMessage(reply, [flags.buffer]);
