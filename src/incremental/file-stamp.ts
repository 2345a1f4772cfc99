import type { Stats } from 'node:fs';

/** Size, modification and change times and inode of a file when it was read. */
export type FileStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** The stamp of a file's stats (undefined for none: a missing file). */
export function fileStampOf(stats: Stats | undefined): FileStamp | undefined {
  return stats && [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
}

/**
 * Whether two stamps describe the same file version. The change time is set by the kernel on
 * every write and cannot be set back by a tool (unlike the modification time), so an edit always
 * changes the stamp: a file with the same stamp need not be read again.
 */
export function sameStamp(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}
