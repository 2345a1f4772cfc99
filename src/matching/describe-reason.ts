import type { MatchReason } from './related.ts';

/** Longest quote excerpt shown in a reason, in words. */
const MAX_WORDS = 8;

/**
 * A reason in words for pages and the terminal (SPEC §5): "Quotes Jenna Fischer: ‘Don't leave
 * until you're called…’", "Mentions Casino Night, Ken Kwapis". A quote is cut at its first
 * sentence or after eight words, marked with an ellipsis.
 */
export function describeReason(reason: MatchReason): string {
  if (reason.kind === 'mentions') return `Mentions ${reason.terms.join(', ')}`;
  return `Quotes ${reason.speaker}: ‘${shorten(reason.text)}’`;
}

function shorten(text: string): string {
  const clean = text.trim().replace(/^["“”‘’']+|["“”‘’']+$/g, '').trim();
  const sentence = /^(.+?[.!?…])\s/.exec(clean)?.[1];
  let cut = sentence && sentence.length < clean.length ? sentence : clean;
  const words = cut.split(/\s+/);
  if (words.length > MAX_WORDS) cut = words.slice(0, MAX_WORDS).join(' ');
  if (cut === clean) return clean;
  return `${cut.replace(/[\s.,;:!?…]+$/, '')}…`;
}
