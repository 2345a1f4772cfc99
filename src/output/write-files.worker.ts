import { parentPort } from 'node:worker_threads';
import type { WriterFile, WriterReply, WriterRequest } from './staged-writer-protocol.ts';
import { copyFileStamped, writeFileStamped } from './write-file-stamped.ts';

/**
 * The thread that puts a build's files on disk (see `write-output.ts`). Creating tens of
 * thousands of small files is mostly kernel time; doing it here, with plain synchronous calls,
 * keeps it on the second core while the main thread renders the next pages, and costs one
 * message per batch instead of three thread-pool round trips and a promise per file.
 */
const port = parentPort!;
const made = new Set<string>();
const stamps: [string, number, number][] = [];
let failure: { message: string; code?: string } | undefined;

port.on('message', (request: WriterRequest) => {
  if (request.type === 'end') {
    const reply: WriterReply = failure ? { type: 'failed', ...failure } : { type: 'done', stamps };
    port.postMessage(reply);
    return;
  }
  const bytes = new Uint8Array(request.bytes);
  for (const file of request.files) {
    // After the first failure nothing more is written; the main thread removes the staging folder.
    if (failure) continue;
    try {
      stamps.push([file.path, ...writeOne(file, bytes)]);
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      failure = code === undefined ? { message } : { message, code };
    }
  }
  port.postMessage({ type: 'written', bytes: bytes.byteLength } satisfies WriterReply);
});

function writeOne(file: WriterFile, bytes: Uint8Array): [number, number] {
  if (file.from !== undefined) return copyFileStamped(file.from, file.target, made);
  return writeFileStamped(file.target, bytes.subarray(file.offset, (file.offset ?? 0) + (file.length ?? 0)), made);
}
