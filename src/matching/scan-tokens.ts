/**
 * Word tokens for matching: letters and digits, folded so that case, accents, curly or straight
 * apostrophes and punctuation never decide a match. "Don’t", "don't" and "DONT" all give `dont`;
 * "Li'l" gives `lil`; "road-trip" gives `road`, `trip`. Offsets point into the original text, so a
 * matched span can be shown as the article wrote it.
 */

/** Called once per token: folded text, start and end offsets in the original, and whether it was capitalised. */
export type TokenSink = (token: string, start: number, end: number, capitalised: boolean) => void;

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x2032, 0x60, 0xb4]);
const letterCache = new Map<number, string | null>();
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const MARKS = /\p{M}/gu;

/** The folded form of one non-ASCII character, or null when it is not a letter or digit. */
function foldChar(code: number): string | null {
  let folded = letterCache.get(code);
  if (folded !== undefined) return folded;
  const ch = String.fromCharCode(code);
  folded = WORD_CHAR.test(ch) ? ch.normalize('NFKD').replace(MARKS, '').toLowerCase() : null;
  if (folded === '') folded = null;
  letterCache.set(code, folded);
  return folded;
}

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

function isWordCode(code: number): boolean {
  return code < 128 ? isAsciiWord(code) : foldChar(code) !== null;
}

/** Walks `text` and reports every token to `sink`, in order. */
export function scanTokens(text: string, sink: TokenSink): void {
  const length = text.length;
  let i = 0;
  outer: while (i < length) {
    let code = text.charCodeAt(i);
    if (!isWordCode(code)) {
      i++;
      continue;
    }
    const start = i;
    const capitalised = code < 128 ? code >= 65 && code <= 90 : text[i] !== text[i]!.toLowerCase();
    let simple = true;
    i++;
    while (i < length) {
      code = text.charCodeAt(i);
      if (code < 128 ? isAsciiWord(code) : foldChar(code) !== null) {
        if (code >= 128) simple = false;
        i++;
      } else if (APOSTROPHES.has(code) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) {
        const next = text.charCodeAt(i + 1);
        if ((next === 0x73 || next === 0x53) && (i + 2 >= length || !isWordCode(text.charCodeAt(i + 2)))) {
          // A possessive is the name itself: Leslie's = Leslie.
          const end = i;
          i += 2;
          const raw = text.slice(start, end);
          sink(simple ? raw.toLowerCase() : foldWord(raw), start, end, capitalised);
          continue outer;
        }
        // Any other apostrophe inside a word is dropped: don't = dont, Li’l = lil.
        simple = false;
        i++;
      } else break;
    }
    const raw = text.slice(start, i);
    sink(simple ? raw.toLowerCase() : foldWord(raw), start, i, capitalised);
  }
}

function foldWord(raw: string): string {
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const code = raw.charCodeAt(k);
    if (code < 128) {
      if (isAsciiWord(code)) out += raw[k]!.toLowerCase();
    } else {
      const folded = foldChar(code);
      if (folded !== null) out += folded;
    }
  }
  return out;
}

/** The folded tokens of a short text (a name, a title, a quote). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scanTokens(text, (token) => tokens.push(token));
  return tokens;
}
