import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

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
  write(bytes: Uint8Array): void;
  /** Closes the file; call once, also after a failure. */
  close(): void;
  /** Size and modification time of the closed file. */
  stamp(): [size: number, mtimeMs: number];
}

/** Creates `target` for `StampedFile` writes, its folder made first. */
export function openStampedFile(target: string, made: Set<string>): StampedFile {
  makeFolderOf(target, made);
  const fd = openSync(target, 'w');
  let stamp: [number, number] | undefined;
  return {
    write(bytes) {
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
    },
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
