/** Messages between the build and its writer thread (`write-files.worker.ts`). */

/**
 * One file: its output path, its absolute target, and either where its bytes are in the
 * batch's buffer or a file to copy.
 */
export interface WriterFile {
  path: string;
  target: string;
  offset?: number;
  length?: number;
  from?: string;
}

/**
 * A batch carries the bytes of all its files in one buffer, encoded to UTF-8 on the main thread
 * and transferred, not copied: cloning each page's string into the worker costs more than
 * writing it.
 */
export type WriterRequest = { type: 'files'; files: WriterFile[]; bytes: ArrayBuffer } | { type: 'end' };

/**
 * `written` acknowledges one batch (the main thread holds back when too many bytes are in
 * flight); `done` carries each written file's size and modification time for the manifest.
 */
export type WriterReply =
  | { type: 'written'; bytes: number }
  | { type: 'done'; stamps: [path: string, size: number, mtimeMs: number][] }
  | { type: 'failed'; message: string; code?: string };
