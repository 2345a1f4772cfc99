/** The best local alignment of a quote inside a stretch of article tokens. */
export interface Alignment {
  /** Share of the quote's weight found in the article, 0..1. */
  coverage: number;
  /** Quote tokens matched exactly. */
  matched: number;
  /** First and last article token (absolute positions) of the aligned span. */
  first: number;
  last: number;
}

// Scores per quote token weight: a match earns the token's weight; a changed word, a dropped
// quote word and an inserted article word ("she said") each cost a little, so that an ellipsis or
// an attribution inside the quote does not break the alignment but scattered common words never
// add up to one.
const MISMATCH = 0.5;
const DROPPED = 0.3;
const INSERTED = 0.25;

// Reused between calls: the matrix is small, but alignment runs for every candidate pair.
let scratchScore = new Float64Array(4096);
let scratchMove = new Uint8Array(4096);

/**
 * Smith-Waterman local alignment of `quote` (token ids, -1 for words no article uses, with
 * weights) against `text[from, to)`. O(quote × window); called only for candidate windows.
 */
export function alignQuote(
  quote: Int32Array,
  weights: Float64Array,
  text: Int32Array,
  from: number,
  to: number,
): Alignment | undefined {
  const m = quote.length;
  const n = to - from;
  if (m === 0 || n <= 0) return undefined;
  const width = n + 1;
  const cells = (m + 1) * width;
  if (scratchScore.length < cells) {
    scratchScore = new Float64Array(cells * 2);
    scratchMove = new Uint8Array(cells * 2);
  }
  const score = scratchScore;
  const move = scratchMove; // 0 stop, 1 diagonal, 2 drop quote word, 3 insert article word
  // Row 0 and column 0 are the zero borders of the matrix; the rest is written before it is read.
  score.fill(0, 0, width);
  for (let i = 1; i <= m; i++) score[i * width] = 0;
  let best = 0;
  let bestCell = -1;
  for (let i = 1; i <= m; i++) {
    const q = quote[i - 1]!;
    const w = weights[i - 1]!;
    for (let j = 1; j <= n; j++) {
      const cell = i * width + j;
      const diagonal = score[cell - width - 1]! + (q === text[from + j - 1] ? w : -MISMATCH * w);
      const dropped = score[cell - width]! - DROPPED * w;
      const inserted = score[cell - 1]! - INSERTED;
      let value = 0;
      let step = 0;
      if (diagonal > value) { value = diagonal; step = 1; }
      if (dropped > value) { value = dropped; step = 2; }
      if (inserted > value) { value = inserted; step = 3; }
      score[cell] = value;
      move[cell] = step;
      if (value > best) { best = value; bestCell = cell; }
    }
  }
  if (bestCell < 0) return undefined;
  let total = 0;
  for (let i = 0; i < m; i++) total += weights[i]!;
  let i = Math.floor(bestCell / width);
  let j = bestCell % width;
  let covered = 0;
  let matched = 0;
  const last = from + j - 1;
  let first = last;
  while (i > 0 && j > 0 && move[i * width + j] !== 0) {
    const step = move[i * width + j]!;
    if (step === 1) {
      if (quote[i - 1] === text[from + j - 1]) {
        covered += weights[i - 1]!;
        matched++;
        first = from + j - 1;
      }
      i--;
      j--;
    } else if (step === 2) i--;
    else j--;
  }
  return { coverage: total > 0 ? covered / total : 0, matched, first, last };
}
