import { BYLINE_FONT, QUOTE_FONT } from './load-card-fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, DEFAULT_CARD_ACCENT, type QuoteCardImage } from './quote-card-image.ts';

/** A satori element as a plain object: satori takes `{ type, props }` trees, no JSX needed. */
export interface CardNode {
  type: 'div';
  key?: string;
  props: { style: Record<string, string | number>; children?: string | CardNode | CardNode[] };
}

/** How the quote is set: its size in px, and a line limit when even the smallest size overflows. */
export interface QuoteSetting {
  fontSize: number;
  maxLines?: number;
}

/** Keys that let the layout pass find the quote's box and text among satori's nodes. */
export const QUOTE_BOX_KEY = 'quote-box';
export const QUOTE_TEXT_KEY = 'quote-text';

/** Line height of the quote, as a multiple of its font size. */
export const QUOTE_LINE_HEIGHT = 1.3;

const INK = '#1c1917';
const MUTED = '#57534e';
const PAPER = '#faf7f2';

/** Builds the card's element tree for one quote setting (pure: same input, same tree). */
export function buildCardTree(card: QuoteCardImage, setting: QuoteSetting): CardNode {
  const accent = card.accent ?? DEFAULT_CARD_ACCENT;
  // Inter's contextual alternates would draw a title's "->" as an arrow: show what was typed.
  const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontFeatureSettings: '"calt" 0' };
  const quoteText: CardNode = {
    type: 'div',
    key: QUOTE_TEXT_KEY,
    props: {
      style: {
        ...(setting.maxLines === undefined
          ? { display: 'flex', flexShrink: 0 }
          : { display: 'block', lineClamp: setting.maxLines, overflow: 'hidden' }),
        width: '100%',
        fontFamily: QUOTE_FONT,
        fontSize: setting.fontSize,
        lineHeight: QUOTE_LINE_HEIGHT,
        color: INK,
        wordBreak: 'break-word',
        // Even lines, as a typesetter would set a pull quote; the line count stays the greedy one.
        textWrap: 'balance',
      },
      children: typesetQuote(card.quote),
    },
  };
  return div({ width: CARD_WIDTH, height: CARD_HEIGHT, display: 'flex', backgroundColor: PAPER }, [
    div({ width: 20, height: '100%', backgroundColor: accent }),
    div(
      {
        display: 'flex',
        flexDirection: 'column',
        flexGrow: 1,
        minWidth: 0,
        padding: '40px 88px 52px 76px',
      },
      [
        div(
          {
            display: 'flex',
            height: 120,
            marginLeft: -6,
            fontFamily: QUOTE_FONT,
            fontWeight: 700,
            fontSize: 220,
            lineHeight: 1,
            color: accent,
          },
          '\u201C',
        ),
        {
          type: 'div',
          key: QUOTE_BOX_KEY,
          props: {
            style: {
              display: 'flex',
              flexDirection: 'column',
              justifyContent: 'center',
              flexGrow: 1,
              flexShrink: 1,
              minHeight: 0,
              overflow: 'hidden',
            },
            children: quoteText,
          },
        },
        div({ display: 'flex', alignItems: 'center', marginTop: 32 }, [
          div({ width: 48, height: 5, flexShrink: 0, backgroundColor: accent, marginRight: 24 }),
          div({ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 }, [
            div(
              { ...oneLine, fontFamily: BYLINE_FONT, fontWeight: 700, fontSize: 32, color: INK },
              plain(card.speaker),
            ),
            div(
              { ...oneLine, fontFamily: BYLINE_FONT, fontSize: 24, color: MUTED, marginTop: 6 },
              `${plain(card.episodeTitle)} \u00B7 ${plain(card.showTitle)}`,
            ),
          ]),
        ]),
      ],
    ),
  ]);
}

function div(style: Record<string, string | number>, children?: string | CardNode[]): CardNode {
  return { type: 'div', props: children === undefined ? { style } : { style, children } };
}

/** Sets apostrophes inside words as typographers do (Don't → Don’t); nothing else changes. */
function typesetQuote(text: string): string {
  return plain(text).replace(/(\p{L})'(\p{L})/gu, '$1\u2019$2');
}

/** Line breaks and tabs become spaces; other control characters, which fonts draw as blanks, go. */
function plain(text: string): string {
  return text
    .replace(/[\t\n\r\f\v]+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}
