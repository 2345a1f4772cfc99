/** One news article read from a feed, ready for matching and for pages. */
export interface Article {
  /** Absolute http(s) URL, tracking parameters removed: the article's identity. */
  url: string;
  /** Plain text. */
  title: string;
  /** Display name of the feed it came from. */
  source: string;
  /** Undated articles stay undated, never "now". */
  published?: Date;
  author?: string;
  /** Plain text of the whole article, for matching. */
  text: string;
  /** Short plain-text excerpt (about 300 characters), for pages. */
  excerpt: string;
  /** Sanitized HTML of the article body. */
  html: string;
  image?: string;
}
