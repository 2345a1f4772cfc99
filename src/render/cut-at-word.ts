/** How long a text is: in characters (code points) or in UTF-8 bytes. */
export type Measure = (text: string) => number;

/** Length in code points, so an emoji counts once. */
export const codePoints: Measure = (text) => [...text].length;

/** Length in UTF-8 bytes, as Apple counts a description. */
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

/**
 * The text itself when it fits in `max`, else cut at the last space that fits, with `…`
 * (counted in the limit). A text without spaces is cut between code points.
 */
export function cutAtWord(text: string, max: number, measure: Measure = codePoints): string {
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
