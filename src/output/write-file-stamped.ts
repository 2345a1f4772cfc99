import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { mostBytes, putBytes } from './put-bytes.ts';

/**
 * Writes one new file with plain synchronous calls (for worker threads, where blocking is the
 * point) and returns its size and modification time, read from the open file so the manifest
 * needs no second pass over the disk. `made` remembers the folders already created.
 */
export function writeFileStamped(target: string, bytes: string | Uint8Array, made: Set<string>): [size: number, mtimeMs: number] {
  makeFolderOf(target, made);
  const fd = openSync(target, 'w');
  try {
    writeFileSync(fd, bytes);
    const stats = fstatSync(fd);
    return [stats.size, stats.mtimeMs];
  } finally {
    closeSync(fd);
  }
}

/** A new file written piece by piece (`writeFileStamped`'s twin for a document made as it is written). */
export interface StampedFile {
  /** Appends bytes, or text as UTF-8; returns how many bytes that was. */
  write(data: Uint8Array | string): number;
  /** Writes what is still buffered; call once, after the last `write`. */
  end(): void;
  /** Closes the file (what `end` did not write is dropped); call once, also after a failure. */
  close(): void;
  /** Size and modification time of the closed file. */
  stamp(): [size: number, mtimeMs: number];
}

/** Pieces are gathered into a buffer of this size and written together. */
const BUFFER_BYTES = 1024 * 1024;

/**
 * Creates `target` for `StampedFile` writes, its folder made first. Text is encoded straight
 * into the buffer, in one pass and with no buffer of its own: a feed of 4,000 items was 8,000
 * `Buffer.from` (each measuring its text, then encoding it) and as many `write` calls.
 */
export function openStampedFile(target: string, made: Set<string>): StampedFile {
  makeFolderOf(target, made);
  const fd = openSync(target, 'w');
  const buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  let used = 0;
  let stamp: [number, number] | undefined;
  const writeAll = (bytes: Uint8Array): void => {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
  };
  const flush = (): void => {
    if (used) writeAll(buffer.subarray(0, used));
    used = 0;
  };
  return {
    write(data) {
      const room = mostBytes(data);
      if (used + room > BUFFER_BYTES) flush();
      if (room > BUFFER_BYTES) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        writeAll(bytes);
        return bytes.byteLength;
      }
      const length = putBytes(buffer, data, used);
      used += length;
      return length;
    },
    end: flush,
    close() {
      const stats = fstatSync(fd);
      stamp = [stats.size, stats.mtimeMs];
      closeSync(fd);
    },
    stamp() {
      if (!stamp) throw new Error(`internal error: ${target} is still open`);
      return stamp;
    },
  };
}

/** Copies a file as is (`writeFileStamped`'s twin for static files) and returns its stamp. */
export function copyFileStamped(from: string, target: string, made: Set<string>): [size: number, mtimeMs: number] {
  makeFolderOf(target, made);
  copyFileSync(from, target);
  const stats = statSync(target);
  return [stats.size, stats.mtimeMs];
}

function makeFolderOf(target: string, made: Set<string>): void {
  const dir = path.dirname(target);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
}
