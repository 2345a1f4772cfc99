/**
 * Writing text or bytes into a buffer in one pass, for the two places that gather many of them
 * before a write (the staged output's batches, a streamed feed): measuring each text with
 * `Buffer.byteLength` first and encoding it after is two passes over it.
 */

/** The most bytes `data` can take: its length for bytes, three per UTF-16 unit for text as UTF-8. */
export function mostBytes(data: string | Uint8Array): number {
  return typeof data === 'string' ? data.length * 3 : data.byteLength;
}

/** Puts `data` into `buffer` at `at` (text as UTF-8; the caller made room, see `mostBytes`); returns its length in bytes. */
export function putBytes(buffer: Buffer, data: string | Uint8Array, at: number): number {
  if (typeof data === 'string') return buffer.write(data, at);
  buffer.set(data, at);
  return data.byteLength;
}
