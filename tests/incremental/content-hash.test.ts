import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/incremental/content-hash.ts';

/** SHA-1 (base64url) of the parts, each as its UTF-8 length, a colon and its UTF-8 bytes. */
function reference(parts: (string | Uint8Array)[]): string {
  const bytes = parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)));
  return createHash('sha1')
    .update(Buffer.concat(bytes.flatMap((b) => [Buffer.from(`${b.byteLength}:`), b])))
    .digest('base64url');
}

describe('contentHash', () => {
  it('hashes each part length-prefixed, whether small, large (hashed part by part), text or bytes', () => {
    const small = ['feeds', 'Café “Casino Night”', ''];
    const large = ['related', ...Array.from({ length: 6000 }, (_, i) => `[{"url":"https://news.example.com/${i}","title":"Jenna’s ${i}"}]`)];
    expect(large.join('').length).toBeGreaterThan(1 << 18);
    const mixed = ['static', new Uint8Array([0, 255, 10]), 'ö'];
    for (const parts of [small, large, mixed]) expect(contentHash(...parts)).toBe(reference(parts));
  });

  it('tells parts split differently apart, large ones too', () => {
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
    const long = 'x'.repeat(1 << 19);
    expect(contentHash(long, 'yz')).not.toBe(contentHash(`${long}y`, 'z'));
  });
});
