import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStampedFile } from '../../src/output/write-file-stamped.ts';
import { tempDir } from '../temp-show.ts';

describe('a file written piece by piece', () => {
  it('holds every piece in order, text as UTF-8, and counts the bytes of each', async () => {
    const target = path.join(await tempDir(), 'deep', 'feed.xml');
    const file = openStampedFile(target, new Set());
    // Text of one to four bytes a character, bytes, and pieces larger than the buffer.
    const pieces: (string | Uint8Array)[] = [
      '<rss>',
      'é“🎙\ud800'.repeat(1000),
      new Uint8Array([1, 2, 3]),
      'x'.repeat(400_000),
      '“'.repeat(350_000),
      new Uint8Array(2 * 1024 * 1024).fill(9),
      '',
      '</rss>',
    ];
    const counts = pieces.map((piece) => file.write(piece));
    file.end();
    file.close();
    const expected = Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
    expect(counts).toEqual(pieces.map((piece) => (typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength)));
    expect(Buffer.compare(await readFile(target), expected)).toBe(0);
    expect(file.stamp()).toEqual([expected.byteLength, (await stat(target)).mtimeMs]);
  });

  it('writes nothing of what is still buffered when closed without end, as after a failure', async () => {
    const target = path.join(await tempDir(), 'feed.json');
    const file = openStampedFile(target, new Set());
    file.write('{"items": [');
    file.close();
    expect(await readFile(target, 'utf8')).toBe('');
    const again = openStampedFile(target, new Set());
    expect(() => again.stamp()).toThrow(/still open/);
    again.close();
  });
});
