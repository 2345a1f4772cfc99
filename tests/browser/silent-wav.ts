import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRange } from './serve-static.ts';

/** 8 kHz, 8-bit, mono: the smallest PCM a browser plays, 8,000 bytes a second. */
const sampleRate = 8000;
const headerSize = 44;
/** Unsigned 8-bit PCM is silent at its midpoint. */
const silence = 0x80;

/** The 44-byte RIFF/WAVE header of a silent 8 kHz 8-bit mono PCM file lasting `seconds`. */
export function wavHeader(seconds: number): Buffer {
  const dataSize = Math.round(seconds * sampleRate);
  const header = Buffer.alloc(headerSize);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataSize, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataSize, 40);
  return header;
}

/**
 * A route that answers `/…/NAME` with a silent WAV lasting `secondsOf(NAME)` (404 when that
 * is undefined), made up on the fly so an hour of audio costs no disk: the bytes of any
 * requested range are the header's or silence.
 */
export function silentWavRoute(secondsOf: (name: string) => number | undefined) {
  return (request: IncomingMessage, response: ServerResponse, name: string): void => {
    const seconds = secondsOf(name);
    if (seconds === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const header = wavHeader(seconds);
    const size = header.length + Math.round(seconds * sampleRate);
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    response.writeHead(range ? 206 : 200, {
      'content-type': 'audio/wav',
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (request.method === 'HEAD') return void response.end();
    writeRange(response, header, start, end);
  };
}

/** Streams bytes start..end (inclusive) in 64 KB pieces, waiting when the socket is full. */
function writeRange(response: ServerResponse, header: Buffer, start: number, end: number): void {
  const chunk = 64 * 1024;
  let position = start;
  const pump = (): void => {
    while (position <= end) {
      const stop = Math.min(end + 1, position + chunk);
      const piece = Buffer.alloc(stop - position, silence);
      if (position < header.length) header.copy(piece, 0, position, Math.min(header.length, stop));
      position = stop;
      if (!response.write(piece)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('close', () => {
    position = end + 1;
  });
  pump();
}
