import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, readRecord, writeRecordsFile, type EpisodeRecord } from '../../src/incremental/episode-records.ts';
import { tempDir } from '../temp-show.ts';

describe("an episode's record in the build cache", () => {
  it('reads back field for field, whatever the notes and the body hold', () => {
    const records: EpisodeRecord[] = [
      {
        sourceHash: 'abc123',
        lazy: { transcript: 'line one\nline "two"', chapters: [{ at: 0, title: 'Cold open' }], n: 3 },
        body: '# Notes\n\n“Curly” quotes, a \\ backslash, 🎙 and é\r\nlast line\n',
        html: '<h1>Notes</h1>\n<p>“Curly” quotes, a \\ backslash, 🎙 and é</p>\n',
      },
      { sourceHash: '', lazy: {}, body: '', html: '' },
      { sourceHash: 'x', lazy: {}, body: '\n\n', html: '\n' },
      // With the feeds' notes: their own rendering of the notes, or only the description.
      { sourceHash: 'f', lazy: {}, body: 'b “é”', html: '<p>b “é”</p>\n', feed: { notes: '<p>b “é” 🎙</p>', description: '<p>b</p>' } },
      { sourceHash: 'g', lazy: { n: 1 }, body: 'b', html: '<p>b</p>', feed: { description: '' } },
    ];
    for (const record of records) expect(decodeRecord(encodeRecord(record))).toEqual(record);
  });

  it('is not a record when the bytes are not one', () => {
    const good = encodeRecord({ sourceHash: 'h', lazy: {}, body: 'body', html: '<p>x</p>' });
    for (const bytes of [
      Buffer.from('no line break'),
      Buffer.from('["h", {}, 99]\nbody'),
      Buffer.from('["h", null, 4]\nbody'),
      Buffer.from('not json\nbody'),
      // The layout of earlier versions: one JSON array of the four fields; then the body's length alone.
      Buffer.from(JSON.stringify(['h', {}, 'body', '<p>x</p>'])),
      Buffer.from('["h", {}, 4]\nbody<p>x</p>'),
      // Lengths that do not add up to what follows, or that are not lengths.
      Buffer.from('["h", {}, 4, 9]\nbody<p>x</p>'),
      Buffer.from('["h", {}, 4, 7, 2]\nbody<p>x</p>ab'),
      Buffer.from('["h", {}, 4, 8, 3, 1]\nbody<p>x</p>abc'),
      Buffer.from('["h", {}, 4, -1]\nbody'),
      Buffer.from('["h", {}, 4, 8, 0, -1]\nbody<p>x</p>'),
      Buffer.from('["h", {}, 4, 6.5]\nbody<p>x</p>'),
    ]) {
      expect(decodeRecord(bytes)).toBeUndefined();
    }
    expect(decodeRecord(good)).toEqual({ sourceHash: 'h', lazy: {}, body: 'body', html: '<p>x</p>' });
    expect(decodeRecord(Buffer.from('["h", {}, 4, 8, -1, 3]\nbody<p>x</p>abc'))).toEqual({ sourceHash: 'h', lazy: {}, body: 'body', html: '<p>x</p>', feed: { description: 'abc' } });
  });

  it('writes a file of more records than one write call takes, and reads each back by its place', async () => {
    const file = path.join(await tempDir(), 'cache', 'records.bin');
    const records = Array.from({ length: 3000 }, (_, i): EpisodeRecord => ({ sourceHash: `h${i}`, lazy: { i }, body: `body ${i} “é”`, html: `<p>${i}</p>` }));
    const { token, ranges } = await writeRecordsFile(file, records.map(encodeRecord));
    expect(ranges).toHaveLength(3000);
    for (const i of [0, 1, 1023, 1024, 2047, 2999]) {
      const [offset, length] = ranges[i]!;
      expect(readRecord({ file, token, offset, length })).toEqual(records[i]);
    }
  });
});
