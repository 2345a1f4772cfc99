import type { Random } from './create-random.ts';
import { adjectives, adverbs, connectors, nouns, openers, prepositions, verbs } from './word-list.ts';

/** One clause: "the quiet writer rewrote the cake behind the hallway". */
function clause(rng: Random): string {
  const parts = ['the'];
  if (rng.chance(0.5)) parts.push(rng.pick(adjectives));
  parts.push(rng.pick(nouns));
  if (rng.chance(0.25)) parts.push(rng.pick(adverbs));
  parts.push(rng.pick(verbs), rng.chance(0.5) ? 'the' : 'a');
  if (rng.chance(0.4)) parts.push(rng.pick(adjectives));
  parts.push(rng.pick(nouns));
  if (rng.chance(0.5)) parts.push(rng.pick(prepositions), 'the', rng.pick(nouns));
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] === 'a' && /^[aeiou]/.test(parts[i + 1] as string)) parts[i] = 'an';
  }
  return parts.join(' ');
}

/** A sentence of roughly 8 to 25 words, capitalised and ended with a period. */
export function sentence(rng: Random): string {
  let text = clause(rng);
  if (rng.chance(0.45)) text += ` ${rng.pick(connectors)} ${clause(rng)}`;
  if (rng.chance(0.2)) text = `${rng.pick(openers)} ${text}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Sentences until at least `words` words; returns the text and its word count. */
export function prose(rng: Random, words: number): { text: string; words: number } {
  const out: string[] = [];
  let count = 0;
  while (count < words) {
    const s = sentence(rng);
    out.push(s);
    count += s.split(' ').length;
  }
  return { text: out.join(' '), words: count };
}

/** "Golden Hallway": a title of two or three capitalised words. */
export function titleWords(rng: Random): string {
  const words: string[] = [];
  if (rng.chance(0.3)) words.push('The');
  words.push(rng.pick(adjectives), rng.pick(nouns));
  if (rng.chance(0.25)) words.push(rng.pick(prepositions), rng.pick(nouns));
  const small: readonly string[] = prepositions;
  return words.map((w) => (small.includes(w) ? w : capitalise(w))).join(' ');
}

/** "golden" → "Golden". */
export function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
