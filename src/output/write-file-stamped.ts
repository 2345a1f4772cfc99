import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FilePieces, writePiecesTo } from './file-pieces.ts';

/**
 * Writes one new file with plain synchronous calls (for worker threads, where blocking is the
 * point) and returns its size and modification time, read from the open file so the manifest
 * needs no second pass over the disk. `made` remembers the folders already created.
 */
export function writeFileStamped(target: string, bytes: string | Uint8Array | FilePieces, made: Set<string>): [size: number, mtimeMs: number] {
  makeFolderOf(target, made);
  const fd = openSync(target, 'w');
  try {
    if (bytes instanceof FilePieces) writePiecesTo(fd, bytes);
    else writeFileSync(fd, bytes);
    const stats = fstatSync(fd);
    return [stats.size, stats.mtimeMs];
  } finally {
    closeSync(fd);
  }
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
