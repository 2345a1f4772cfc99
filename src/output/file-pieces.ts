import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Bytes `[start, end)` of a file on disk, copied when written rather than held in memory. */
export interface FileRange {
  file: string;
  start: number;
  end: number;
}

/**
 * A file's contents as pieces: bytes in memory, or ranges of a file already on disk. An
 * incremental build assembles the feeds this way (each kept item is a range of the feed the
 * last build wrote): on this kind of machine, touching new memory costs more than the copy
 * itself, and a feed of a large show is tens of megabytes, so neither the old feed nor the new
 * one is ever held whole; the new file is written range by range through one small buffer.
 */
export class FilePieces {
  readonly pieces: readonly (Uint8Array | FileRange)[];
  readonly byteLength: number;

  constructor(pieces: readonly (Uint8Array | FileRange)[]) {
    const merged: (Uint8Array | FileRange)[] = [];
    for (const piece of pieces) {
      const last = merged.at(-1);
      // Neighbouring ranges of one file are copied as one.
      if (last && !(last instanceof Uint8Array) && !(piece instanceof Uint8Array) && last.file === piece.file && last.end === piece.start) {
        merged[merged.length - 1] = { ...last, end: piece.end };
      } else if (!(piece instanceof Uint8Array) || piece.byteLength > 0) {
        merged.push(piece);
      }
    }
    this.pieces = merged;
    this.byteLength = merged.reduce((size, piece) => size + (piece instanceof Uint8Array ? piece.byteLength : piece.end - piece.start), 0);
  }
}

/** Bytes read through at a time when ranges are copied or compared. */
const CHUNK = 1 << 20;

/** The pieces as one buffer, for a writer that needs the bytes themselves. */
export function joinPieces(data: FilePieces): Buffer {
  const bytes = Buffer.allocUnsafe(data.byteLength);
  let offset = 0;
  for (const piece of data.pieces) {
    const length = piece instanceof Uint8Array ? piece.byteLength : piece.end - piece.start;
    if (piece instanceof Uint8Array) bytes.set(piece, offset);
    else readRange(piece, bytes.subarray(offset, offset + length));
    offset += length;
  }
  return bytes;
}

/** A rendered file's data with any pieces joined, for code that needs the bytes themselves. */
export function wholeData<T extends string | Uint8Array>(data: T | FilePieces): T | Buffer {
  return data instanceof FilePieces ? joinPieces(data) : data;
}

/**
 * Writes the pieces to `target` (created or truncated), copying ranges through one buffer.
 * Synchronous calls: a copy of tens of megabytes as a hundred awaited reads and writes waited
 * behind every other task of the build's event loop.
 */
export async function writePieces(target: string, data: FilePieces): Promise<void> {
  const fd = openSync(target, 'w');
  try {
    writePiecesTo(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** Writes the pieces to an open file, in order, copying ranges through one buffer. */
function writePiecesTo(fd: number, data: FilePieces): void {
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (const piece of data.pieces) {
    if (piece instanceof Uint8Array) {
      writeAll(fd, piece);
      continue;
    }
    const source = openSync(piece.file, 'r');
    try {
      for (let at = piece.start; at < piece.end; ) {
        const chunk = readAt(source, piece.file, at, buffer.subarray(0, Math.min(CHUNK, piece.end - at)));
        writeAll(fd, chunk);
        at += chunk.byteLength;
      }
    } finally {
      closeSync(source);
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
}

/**
 * Whether `file` holds exactly the pieces' bytes. The pieces of an unchanged feed are one
 * range covering the whole file itself, which is answered without reading anything.
 */
export function samePieces(file: string, size: number, data: FilePieces): boolean {
  if (data.byteLength !== size) return false;
  const [only] = data.pieces;
  if (data.pieces.length === 1 && only && !(only instanceof Uint8Array) && path.resolve(only.file) === path.resolve(file) && only.start === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const theirs = Buffer.allocUnsafe(CHUNK);
    const ours = Buffer.allocUnsafe(CHUNK);
    let at = 0;
    for (const piece of data.pieces) {
      const length = piece instanceof Uint8Array ? piece.byteLength : piece.end - piece.start;
      for (let done = 0; done < length; ) {
        const n = Math.min(CHUNK, length - done);
        const mine = piece instanceof Uint8Array ? piece.subarray(done, done + n) : readRange({ ...piece, start: piece.start + done, end: piece.start + done + n }, ours.subarray(0, n));
        if (readSync(fd, theirs, 0, n, at) !== n || !theirs.subarray(0, n).equals(mine)) return false;
        done += n;
        at += n;
      }
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Reads a range into `into` (exactly its length) and returns it. */
function readRange(range: FileRange, into: Buffer): Buffer {
  const fd = openSync(range.file, 'r');
  try {
    return readAt(fd, range.file, range.start, into);
  } finally {
    closeSync(fd);
  }
}

/** Fills `into` from an open file at `position`; a file that ends first is an error. */
function readAt(fd: number, file: string, position: number, into: Buffer): Buffer {
  for (let done = 0; done < into.byteLength; ) {
    const n = readSync(fd, into, done, into.byteLength - done, position + done);
    if (n === 0) throw new Error(`${file} is shorter than when it was read`);
    done += n;
  }
  return into;
}
