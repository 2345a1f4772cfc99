/** Messages between the build and its writer thread (`write-files.worker.ts`). */

/** One file: its output path, its absolute target, and either its bytes or a file to copy. */
export interface WriterFile {
  path: string;
  target: string;
  data?: string | Uint8Array;
  from?: string;
}

export type WriterRequest = { type: 'files'; files: WriterFile[] } | { type: 'end' };

/**
 * `written` acknowledges one batch (the main thread holds back when too many bytes are in
 * flight); `done` carries each written file's size and modification time for the manifest.
 */
export type WriterReply =
  | { type: 'written'; bytes: number }
  | { type: 'done'; stamps: [path: string, size: number, mtimeMs: number][] }
  | { type: 'failed'; message: string; code?: string };
