import { createHash } from 'node:crypto';

/**
 * A short digest of some parts, for cache keys. Each part is length-prefixed, so
 * `("ab", "c")` and `("a", "bc")` never collide. SHA-1 is enough here: the keys guard against
 * accidents, not attackers, and it is the fastest digest Node ships.
 */
export function contentHash(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) {
    const length = typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
    hash.update(`${length}:`).update(part);
  }
  return hash.digest('base64url');
}
