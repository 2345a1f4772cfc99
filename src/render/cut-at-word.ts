/** How long a text is: in characters (code points) or in UTF-8 bytes. */
export type Measure = (text: string) => number;

/** Length in code points, so an emoji counts once (a lone surrogate counts once too, as `[...text]` does). */
export const codePoints: Measure = (text) => {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
};

/** Length in UTF-8 bytes, as Apple counts a description. */
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

/**
 * The text itself when it fits in `max`, else cut at the last space that fits, with `…`
 * (counted in the limit). A text without spaces is cut between code points.
 *
 * One pass over the text, adding up each code point's measure: the longest prefix that ends
 * before a space and fits, else the longest run of code points that fits. Dropping one word
 * at a time and measuring the rest again took time in the square of the length, and the
 * feeds cut every quote of a show for its soundbite title.
 */
export function cutAtWord(text: string, max: number, measure: Measure = codePoints): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measure(clean) <= max) return clean;
  const limit = max - measure('…');
  let atSpace = -1;
  let fitting = 0;
  let used = 0;
  for (let i = 0; i < clean.length; ) {
    const pair = isHigh(clean.charCodeAt(i)) && i + 1 < clean.length && isLow(clean.charCodeAt(i + 1));
    const end = i + (pair ? 2 : 1);
    if (clean.charCodeAt(i) === 0x20 && i > 0 && used <= limit) atSpace = i;
    used += measure(clean.slice(i, end));
    if (used > limit) break;
    fitting = end;
    i = end;
  }
  const cut = atSpace > 0 ? clean.slice(0, atSpace) : clean.slice(0, fitting);
  return `${cut.replace(/[\s,;:]+$/, '')}…`;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
