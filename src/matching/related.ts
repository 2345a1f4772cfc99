/** Why an article was matched to an episode (SPEC §5 related.json). */
export type MatchReason =
  | { kind: 'quote'; quote: string; speaker: string; text: string }
  | { kind: 'mentions'; terms: string[] };

/** One related article of an episode, as written to related.json. */
export interface RelatedArticle {
  url: string;
  title: string;
  source: string;
  /** ISO 8601, absent for undated articles. */
  published?: string;
  score: number;
  pinned: boolean;
  reasons: MatchReason[];
  /** Short sanitized excerpt, for pages (not part of related.json). */
  excerpt?: string;
}
