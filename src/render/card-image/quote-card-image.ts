/** What a quote's social image shows (SPEC §5, `quotes/<slug>/<id>/card.png`). */
export interface QuoteCardImage {
  quote: string;
  speaker: string;
  showTitle: string;
  episodeTitle: string;
  /** `#rgb` or `#rrggbb`; default {@link DEFAULT_CARD_ACCENT}. */
  accent?: string;
}

/** One image to render: where the build will write it, and what it shows. */
export interface CardImageJob {
  outputPath: string;
  card: QuoteCardImage;
}

/** The accent colour when a card names none: a deep vermilion that reads well on cream. */
export const DEFAULT_CARD_ACCENT = '#c2410c';

/** Size of every card: the Open Graph / `summary_large_image` ratio (1.91:1). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
