import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePieces, joinPieces, samePieces, writePieces } from '../../src/output/file-pieces.ts';
import { tempDir } from '../temp-show.ts';

/** A source file of 3 MB (larger than the copy buffer), each byte its offset modulo 251. */
async function sourceFile(): Promise<{ file: string; bytes: Buffer }> {
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
  const file = path.join(await tempDir(), 'old.bin');
  await writeFile(file, bytes);
  return { file, bytes };
}

describe('file pieces', () => {
  it('merges neighbouring ranges of one file and drops empty byte pieces', async () => {
    const { file } = await sourceFile();
    const pieces = new FilePieces([{ file, start: 0, end: 10 }, { file, start: 10, end: 25 }, Buffer.alloc(0), Buffer.from('ab'), { file, start: 30, end: 31 }]);
    expect(pieces.pieces).toEqual([{ file, start: 0, end: 25 }, Buffer.from('ab'), { file, start: 30, end: 31 }]);
    expect(pieces.byteLength).toBe(28);
  });

  it('writes and joins the same bytes: ranges copied from the file, bytes as given', async () => {
    const { file, bytes } = await sourceFile();
    const pieces = new FilePieces([Buffer.from('head'), { file, start: 5, end: 2_500_000 }, Buffer.from('middle'), { file, start: 3_000_000, end: bytes.length }]);
    const expected = Buffer.concat([Buffer.from('head'), bytes.subarray(5, 2_500_000), Buffer.from('middle'), bytes.subarray(3_000_000)]);
    expect(joinPieces(pieces).equals(expected)).toBe(true);
    const target = path.join(path.dirname(file), 'new.bin');
    await writePieces(target, pieces);
    expect((await readFile(target)).equals(expected)).toBe(true);
  });

  it('compares pieces with a file: equal, one byte different, another size', async () => {
    const { file, bytes } = await sourceFile();
    const copy = path.join(path.dirname(file), 'copy.bin');
    await writeFile(copy, bytes);
    const split = new FilePieces([{ file, start: 0, end: 1_500_000 }, bytes.subarray(1_500_000, 1_500_010), { file, start: 1_500_010, end: bytes.length }]);
    expect(samePieces(copy, bytes.length, split)).toBe(true);
    const changed = Buffer.from(bytes.subarray(1_500_000, 1_500_010));
    changed[3] = (changed[3]! + 1) % 256;
    expect(samePieces(copy, bytes.length, new FilePieces([{ file, start: 0, end: 1_500_000 }, changed, { file, start: 1_500_010, end: bytes.length }]))).toBe(false);
    expect(samePieces(copy, bytes.length, new FilePieces([{ file, start: 0, end: bytes.length - 1 }]))).toBe(false);
    // The whole file as one range of itself is the same without reading it.
    expect(samePieces(file, bytes.length, new FilePieces([{ file, start: 0, end: bytes.length }]))).toBe(true);
  });

  it('fails, rather than writing a short file, when a range lies past the end of its file', async () => {
    const { file, bytes } = await sourceFile();
    const pieces = new FilePieces([{ file, start: bytes.length - 4, end: bytes.length + 4 }]);
    await expect(writePieces(path.join(path.dirname(file), 'short.bin'), pieces)).rejects.toThrow(`${file} is shorter than when it was read`);
    expect(() => joinPieces(pieces)).toThrow(`${file} is shorter than when it was read`);
  });
});
