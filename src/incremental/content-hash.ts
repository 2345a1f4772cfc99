import { createHash, hash } from 'node:crypto';

/**
 * A short digest of some parts, for cache keys. Each part is length-prefixed, so
 * `("ab", "c")` and `("a", "bc")` never collide. SHA-1 is enough here: the keys guard against
 * accidents, not attackers, and it is the fastest digest Node ships.
 *
 * Parts that are all strings are hashed as one string with the one-shot `crypto.hash` (the same
 * bytes, so the same digest as hashing them one by one): a rebuild of a large show makes some
 * 16,000 keys, and a `Hash` object per key cost twice as much.
 */
export function contentHash(...parts: readonly (string | Uint8Array)[]): string {
  let length = 0;
  for (const part of parts) {
    if (typeof part !== 'string') return hashByParts(parts);
    length += part.length;
  }
  if (length > LARGE) return hashByParts(parts);
  let text = '';
  for (const part of parts) text += `${Buffer.byteLength(part as string)}:${part}`;
  return hash('sha1', text, 'base64url');
}

/**
 * Parts longer than this in all are hashed one by one instead: the feeds' and `related.json`'s
 * keys join every episode's related articles (~5 MB on the benchmark show), and one string of
 * that, then its UTF-8 copy, is megabytes of fresh memory whose first touch is costly (page
 * faults took ~22 µs each on the benchmark machine).
 */
const LARGE = 1 << 18;

function hashByParts(parts: readonly (string | Uint8Array)[]): string {
  const digest = createHash('sha1');
  for (const part of parts) {
    const length = typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
    digest.update(`${length}:`).update(part);
  }
  return digest.digest('base64url');
}
