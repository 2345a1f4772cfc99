import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CardFont } from './load-card-fonts.ts';
import { loadSatori } from './load-satori.ts';

const require = createRequire(import.meta.url);
const PACKAGE = '@fontsource/noto-emoji';
// Graphemes shown as emoji (Unicode TS #51 §4): those with emoji presentation by default or by
// U+FE0F, flags (regional indicator pairs) and keycaps (U+20E3). "©" or a bare "☺" stay text.
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\u20E3|\p{Regional_Indicator}/u;
const SIZE = 128;

type Subset = { index: string; ranges: Array<[number, number]> };
let subsets: Subset[] | undefined;
const fonts = new Map<string, CardFont>();
const drawn = new Map<string, string | undefined>();

/** Names the emoji font's package and version, for cache keys. */
export function emojiFontIdentity(): string {
  const { version } = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as {
    version: string;
  };
  return `${PACKAGE}@${version}`;
}

/**
 * Pictures of the emoji in the texts, for satori's `graphemeImages`, drawn once per process
 * from Noto Emoji (monochrome, so it sits in the text's ink). Satori places such pictures as
 * 1em squares; handing it emoji fonts instead breaks when one text needs two of the font's
 * subset files, and its own asset loader remembers segments across calls but not the result.
 */
export async function drawEmojiImages(texts: readonly string[]): Promise<Record<string, string>> {
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const images: Record<string, string> = {};
  for (const text of texts) {
    for (const { segment } of segmenter.segment(text)) {
      if (!EMOJI.test(segment) || segment in images) continue;
      if (!drawn.has(segment)) drawn.set(segment, await drawEmoji(segment));
      const image = drawn.get(segment);
      if (image) images[segment] = image;
    }
  }
  return images;
}

/** One emoji as an SVG data URI, or undefined when Noto Emoji lacks it (it then shows as a box). */
async function drawEmoji(grapheme: string): Promise<string | undefined> {
  const needed = fontsFor(grapheme);
  if (needed.length === 0) return undefined;
  const satori = await loadSatori();
  const svg = await satori(
    {
      type: 'div',
      props: {
        style: {
          display: 'flex',
          width: SIZE,
          height: SIZE,
          alignItems: 'center',
          justifyContent: 'center',
          fontFamily: needed.map((font) => font.name).join(', '),
          fontSize: SIZE * 0.85,
          lineHeight: 1,
          color: '#1c1917',
        },
        children: grapheme,
      },
    },
    { width: SIZE, height: SIZE, fonts: needed },
  );
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The Noto Emoji subset files that hold a grapheme's code points, in the order they appear. */
function fontsFor(grapheme: string): CardFont[] {
  subsets ??= readSubsets();
  const wanted: string[] = [];
  for (const char of grapheme) {
    const point = char.codePointAt(0)!;
    // Joiners and variation selectors sit in every subset; the pictographs choose the files.
    if (point === 0x200d || point === 0xfe0f) continue;
    const subset = subsets.find(({ ranges }) => ranges.some(([low, high]) => point >= low && point <= high));
    if (subset && !wanted.includes(subset.index)) wanted.push(subset.index);
  }
  return wanted.map((index) => {
    let font = fonts.get(index);
    if (!font) {
      const data = readFileSync(require.resolve(`${PACKAGE}/files/noto-emoji-${index}-400-normal.woff`));
      font = { name: `NotoEmoji${index}`, weight: 400, style: 'normal', data };
      fonts.set(index, font);
    }
    return font;
  });
}

/** `unicode.json` maps each numbered subset to its code point ranges, e.g. "[0]": "U+1f1e6-1f1ff". */
function readSubsets(): Subset[] {
  const table = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/unicode.json`), 'utf8')) as Record<string, string>;
  return Object.entries(table).map(([key, list]) => ({
    index: key.replace(/^\[|\]$/g, ''),
    ranges: list.split(',').map((range): [number, number] => {
      const [low, high = low] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(low!, 16), parseInt(high!, 16)];
    }),
  }));
}
