/**
 * Word tokens for matching: letters and digits, folded so that case, accents, curly or straight
 * apostrophes and punctuation never decide a match. "Don’t", "don't" and "DONT" all give `dont`;
 * "Li'l" gives `lil`; a possessive is the name itself ("Leslie's" gives `leslie`); "road-trip"
 * gives `road`, `trip`. Offsets point into the original text, so a matched span can be shown as
 * the article wrote it.
 *
 * The scanner folds characters into a reusable buffer and hashes them as it goes, so that the
 * corpus index can intern 5 million tokens without making a string for each (see `Vocabulary`).
 */

/** Receives each token: folded characters in `buffer[0, length)`, their FNV-1a hash (30 bits), offsets, capital. */
export type RawTokenSink = (buffer: Uint16Array, length: number, hash: number, start: number, end: number, capitalised: boolean) => void;

/** Growable typed arrays that `scanInto` appends tokens to; with `offsets`, each token's [start, end) too. */
export class TokenOutput {
  ids: Int32Array<ArrayBuffer>;
  caps: Uint8Array<ArrayBuffer>;
  /** Empty unless made with `offsets`. */
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  count = 0;

  constructor(offsets = false, capacity = 1 << 16) {
    this.ids = new Int32Array(capacity);
    this.caps = new Uint8Array(capacity);
    this.starts = new Int32Array(offsets ? capacity : 0);
    this.ends = new Int32Array(offsets ? capacity : 0);
  }

  /** Makes room for at least `extra` more tokens. */
  reserve(extra: number): void {
    if (this.count + extra <= this.ids.length) return;
    let capacity = this.ids.length * 2;
    while (capacity < this.count + extra) capacity *= 2;
    this.ids = growInt(this.ids, capacity);
    const caps = new Uint8Array(capacity);
    caps.set(this.caps);
    this.caps = caps;
    if (this.starts.length > 0) {
      this.starts = growInt(this.starts, capacity);
      this.ends = growInt(this.ends, capacity);
    }
  }
}

function growInt(old: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(old);
  return next;
}

/** Receives each token as a string. */
export type TokenSink = (token: string, start: number, end: number, capitalised: boolean) => void;

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x2032, 0x60, 0xb4]);
const foldCache = new Map<number, string | null>();
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const MARKS = /\p{M}/gu;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** The folded form of one non-ASCII character, or null when it is not a letter or digit. */
function foldChar(code: number): string | null {
  let folded = foldCache.get(code);
  if (folded !== undefined) return folded;
  const ch = String.fromCharCode(code);
  folded = WORD_CHAR.test(ch) ? ch.normalize('NFKD').replace(MARKS, '').toLowerCase() : null;
  if (folded === '') folded = null;
  foldCache.set(code, folded);
  return folded;
}

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return foldChar(code) !== null;
}

let buffer = new Uint16Array(256);

/** Walks `text` and reports every token to `sink`, in order, without allocating strings. */
export function scanRawTokens(text: string, sink: RawTokenSink): void {
  scan(text, sink, undefined, undefined);
}

/** Appends the tokens of `text` to `out`, as ids of `vocab` (the corpus index's fast path). */
export function scanInto(text: string, out: TokenOutput, vocab: Vocabulary): void {
  // A text of n characters has at most n / 2 + 1 tokens.
  out.reserve((text.length >> 1) + 1);
  scan(text, undefined, out, vocab);
}

function scan(text: string, sink: RawTokenSink | undefined, out: TokenOutput | undefined, vocab: Vocabulary | undefined): void {
  const length = text.length;
  const ids = out?.ids;
  const caps = out?.caps;
  const starts = out && out.starts.length > 0 ? out.starts : undefined;
  const ends = out?.ends;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (!isWordCode(code)) {
      i++;
      continue;
    }
    const start = i;
    const capitalised = code < 128 ? code >= 65 && code <= 90 : text[i] !== text[i]!.toLowerCase();
    let size = 0;
    let hash = FNV_OFFSET;
    let end = -1;
    while (i < length) {
      code = text.charCodeAt(i);
      if (code < 128) {
        if (code >= 65 && code <= 90) code += 32;
        else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) {
          // Most words end at a space or punctuation: only the two ASCII apostrophes need a look.
          if (code !== 0x27 && code !== 0x60) break;
          const apostrophe = inWordApostrophe(text, i, code);
          if (apostrophe === POSSESSIVE) {
            end = i;
            i += 2;
            break;
          }
          if (apostrophe === DROPPED) {
            i++;
            continue;
          }
          break;
        }
        if (size === buffer.length) buffer = growBuffer(buffer);
        buffer[size++] = code;
        hash = Math.imul(hash ^ code, FNV_PRIME);
        i++;
      } else {
        const folded = foldChar(code);
        if (folded === null) {
          const apostrophe = inWordApostrophe(text, i, code);
          if (apostrophe === POSSESSIVE) {
            end = i;
            i += 2;
            break;
          }
          if (apostrophe === DROPPED) {
            i++;
            continue;
          }
          break;
        }
        for (let k = 0; k < folded.length; k++) {
          const c = folded.charCodeAt(k);
          if (size === buffer.length) buffer = growBuffer(buffer);
          buffer[size++] = c;
          hash = Math.imul(hash ^ c, FNV_PRIME);
        }
        i++;
      }
    }
    if (size === 0) continue;
    // 30 bits, so the hash stays a small integer (a Smi) when passed on and used as a Map key.
    hash &= 0x3fffffff;
    if (out && vocab) {
      const n = out.count++;
      ids![n] = vocab.intern(buffer, size, hash);
      caps![n] = capitalised ? 1 : 0;
      if (starts) {
        starts[n] = start;
        ends![n] = end < 0 ? i : end;
      }
    } else sink!(buffer, size, hash, start, end < 0 ? i : end, capitalised);
  }
}

function growBuffer(old: Uint16Array<ArrayBuffer>): Uint16Array<ArrayBuffer> {
  const next = new Uint16Array(old.length * 2);
  next.set(old);
  return next;
}

/** The string of a token from the scanner's buffer. */
export function tokenString(buffer: Uint16Array, length: number): string {
  if (length <= 4096) return String.fromCharCode.apply(null, buffer.subarray(0, length) as unknown as number[]);
  let out = '';
  // In chunks: one call with a very long token (a base64 blob in a feed) would overflow the stack.
  for (let from = 0; from < length; from += 4096) {
    out += String.fromCharCode.apply(null, buffer.subarray(from, Math.min(length, from + 4096)) as unknown as number[]);
  }
  return out;
}

/**
 * Token strings already made, so that episode text (tokenised several times per episode, over
 * thousands of episodes) makes each distinct word once. Emptied when large: the dev server runs long.
 */
let seenWords: Vocabulary | undefined;
const MAX_SEEN_WORDS = 200_000;

function cachedToken(buf: Uint16Array, length: number, hash: number): string {
  if (!seenWords || seenWords.size >= MAX_SEEN_WORDS) seenWords = new Vocabulary();
  return seenWords.words[seenWords.intern(buf, length, hash)]!;
}

/** Walks `text` and reports every token to `sink` as a string, in order. */
export function scanTokens(text: string, sink: TokenSink): void {
  scanRawTokens(text, (buf, length, hash, start, end, capitalised) => sink(cachedToken(buf, length, hash), start, end, capitalised));
}

/** The folded tokens of a short text (a name, a title, a quote). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scanTokens(text, (token) => tokens.push(token));
  return tokens;
}

/**
 * Token strings ↔ ids in an open-addressing hash table keyed by the scanner's hash, checked
 * character by character, so a repeated token costs no allocation.
 */
export class Vocabulary {
  readonly words: string[] = [];
  #slots = new Int32Array(1 << 16).fill(-1);
  #hashes = new Int32Array(1 << 15);
  readonly #lookup = new Map<string, number>();

  /** The id of the token in `buffer[0, length)` with `hash`, added when new. */
  intern(buffer: Uint16Array, length: number, hash: number): number {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const id = this.#slots[slot]!;
      if (id < 0) break;
      if (this.#hashes[id] === hash && equals(this.words[id]!, buffer, length)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.words.length;
    const word = tokenString(buffer, length);
    this.words.push(word);
    if (id === this.#hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[id] = hash;
    this.#lookup.set(word, id);
    this.#slots[slot] = id;
    if (this.words.length * 2 > this.#slots.length) this.#rehash();
    return id;
  }

  /** A vocabulary holding `words` with ids 0, 1, … in that order (a stored corpus index's vocabulary). */
  static fromWords(words: readonly string[]): Vocabulary {
    const vocabulary = new Vocabulary();
    const buffer = new Uint16Array(64);
    for (const word of words) {
      const chars = word.length <= buffer.length ? buffer : new Uint16Array(word.length);
      let hash = FNV_OFFSET;
      for (let k = 0; k < word.length; k++) {
        const c = word.charCodeAt(k);
        chars[k] = c;
        hash = Math.imul(hash ^ c, FNV_PRIME);
      }
      vocabulary.intern(chars, word.length, hash & 0x3fffffff);
    }
    return vocabulary;
  }

  /** The id of a token string, if the corpus has it. */
  get(word: string): number | undefined {
    return this.#lookup.get(word);
  }

  get size(): number {
    return this.words.length;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.words.length; id++) {
      let slot = this.#hashes[id]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.#slots = slots;
  }
}

function equals(word: string, buffer: Uint16Array, length: number): boolean {
  if (word.length !== length) return false;
  for (let k = 0; k < length; k++) if (word.charCodeAt(k) !== buffer[k]) return false;
  return true;
}

const NOT_IN_WORD = 0;
const POSSESSIVE = 1;
const DROPPED = 2;

/**
 * What an apostrophe at `i` does to the word being scanned: a possessive `'s` ends it (the name
 * itself: Leslie's = Leslie), any other apostrophe inside a word is dropped (don't = dont,
 * Li’l = lil), and anything else is not an apostrophe in a word.
 */
function inWordApostrophe(text: string, i: number, code: number): number {
  const length = text.length;
  if (!APOSTROPHES.has(code) || i + 1 >= length || !isWordCode(text.charCodeAt(i + 1))) return NOT_IN_WORD;
  const next = text.charCodeAt(i + 1);
  const possessive = (next === 0x73 || next === 0x53) && (i + 2 >= length || !isWordCode(text.charCodeAt(i + 2)));
  return possessive ? POSSESSIVE : DROPPED;
}
