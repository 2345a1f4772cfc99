import Handlebars from 'handlebars';

/**
 * The card's size in an embed: 16:10. The iframe keeps this ratio at any width (CSS
 * `aspect-ratio`), and the card page sizes its text in viewport units, so what fits at
 * 600×375 fits at 320×200 and at 1200×750. oEmbed `width`/`height` give the same numbers.
 */
export const EMBED_WIDTH = 600;
export const EMBED_HEIGHT = 375;

/** `card.png`, the social image (SPEC §5): the Open Graph / `summary_large_image` size. */
export const CARD_IMAGE_WIDTH = 1200;
export const CARD_IMAGE_HEIGHT = 630;

/**
 * What the embedding page grants the card (HTML `sandbox`): scripts, for the player that stops
 * at the quote's end; popups that escape the sandbox, so "Listen from…" opens the episode page
 * in a new tab as a normal page. Withheld: `allow-same-origin` (the card runs in an opaque
 * origin, so it can read nothing of its own site or of the host's), top navigation (it never
 * takes the reader away from the host's article), forms, modals, downloads.
 */
export const EMBED_SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';

/**
 * The host page's URL reaches the card only as an origin on cross-origin loads (the browsers'
 * default, written out so a stricter host default does not hide the origin from access logs).
 */
export const EMBED_REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** What a snippet shows: the card page and an accessible name for the frame. */
export interface EmbedFrame {
  src: string;
  title: string;
}

/**
 * The iframe snippet a web editor pastes, also the oEmbed `html` (oEmbed 1.0 §2.3.4: `rich`
 * html is an embeddable fragment). It is one element whose attributes are a security contract
 * (sandbox, referrer policy), shared by the episode page and `oembed.json`, so it is written
 * here rather than in the theme. Every attribute value is HTML-escaped.
 */
export function embedSnippet(frame: EmbedFrame): string {
  const attr = (value: string | number) => Handlebars.Utils.escapeExpression(String(value));
  const style = `border:0;width:100%;max-width:${EMBED_WIDTH}px;height:auto;aspect-ratio:${EMBED_WIDTH}/${EMBED_HEIGHT}`;
  return (
    `<iframe src="${attr(frame.src)}" title="${attr(frame.title)}" width="${EMBED_WIDTH}" height="${EMBED_HEIGHT}"` +
    ` loading="lazy" referrerpolicy="${EMBED_REFERRER_POLICY}" sandbox="${EMBED_SANDBOX}" style="${style}"></iframe>`
  );
}
