import { describe, expect, it } from 'vitest';
import { codePoints, cutAtWord, utf8Bytes, type Measure } from '../../src/render/cut-at-word.ts';

/** The rule, word by word as it reads: drop the last word while too long, then the last character. */
function cutOneWordAtATime(text: string, max: number, measure: Measure): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measure(clean) <= max) return clean;
  const limit = max - measure('…');
  let cut = clean;
  while (cut && measure(cut) > limit) {
    const space = cut.lastIndexOf(' ');
    cut = space > 0 ? cut.slice(0, space) : [...cut].slice(0, -1).join('');
  }
  return `${cut.replace(/[\s,;:]+$/, '')}…`;
}

/** A seeded generator (mulberry32), so a failure names a text that can be made again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = ['a', 'word', 'longerword', 'é', '“quoted”', '🎬', '🎬🎬', ',', ';', ':', ' ', '  ', '\n', '\t', 'x'.repeat(40), '\ud800'];

describe('cutAtWord', () => {
  it('cuts as dropping one word at a time would, in code points and in UTF-8 bytes', () => {
    const next = random(7);
    for (let n = 0; n < 4000; n++) {
      let text = '';
      const parts = Math.floor(next() * 40);
      for (let p = 0; p < parts; p++) text += pieces[Math.floor(next() * pieces.length)]!;
      const max = Math.floor(next() * 60);
      for (const measure of [codePoints, utf8Bytes]) {
        expect(cutAtWord(text, max, measure), JSON.stringify([text, max, measure === utf8Bytes])).toBe(cutOneWordAtATime(text, max, measure));
      }
    }
  });

  it('counts code points as the string iterator does', () => {
    for (const text of ['', 'abc', '🎬', 'a🎬b', '\ud800', '\udc00\ud800', '\ud800\udc00', 'é“”']) expect(codePoints(text)).toBe([...text].length);
  });
});
