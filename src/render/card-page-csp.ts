/** What a card page loads: its own site's files, the episode audio, and the speaker's picture. */
export interface CardPageSources {
  /** The site's base URL: the card's stylesheet and script come from there. */
  siteUrl: string;
  audioUrl?: string;
  speakerImage?: string;
}

/**
 * The card page's Content-Security-Policy (a `<meta http-equiv>`, since a static host may send
 * no headers): nothing by default; style and script from the site alone; media from the
 * audio's origin and any https host (podcast audio is usually served through measurement
 * redirects such as podtrac or op3 to another CDN, and media cannot run script); images from the
 * site and the speaker's picture alone; no base, forms or frames.
 * The site's origin is named beside `'self'` because embeds run sandboxed, in an opaque origin.
 * `frame-ancestors` cannot be set from a meta tag: the card is meant to be framed anywhere.
 */
export function cardPageCsp(sources: CardPageSources): string {
  const site = new URL(sources.siteUrl).origin;
  const images = ["'self'", site, ...(sources.speakerImage ? [sourceExpression(sources.speakerImage)] : [])];
  const media = sources.audioUrl ? [new URL(sources.audioUrl).origin, 'https:'] : ["'none'"];
  return [
    "default-src 'none'",
    `script-src 'self' ${site}`,
    `style-src 'self' ${site}`,
    `img-src ${[...new Set(images)].join(' ')}`,
    `media-src ${media.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/**
 * An exact URL as a CSP source expression: without query or fragment (CSP matches paths only),
 * and with the characters CSP reserves (`;`, `,`, space) percent-encoded so they cannot end
 * the source list and add a directive of their own.
 */
function sourceExpression(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/[;,\s']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `${parsed.origin}${path}`;
}
