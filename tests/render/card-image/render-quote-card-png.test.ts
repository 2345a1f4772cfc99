import { describe, expect, it } from 'vitest';
import { layoutQuoteCard, QUOTE_FONT_SIZES } from '../../../src/render/card-image/layout-quote-card.ts';
import type { QuoteCardImage } from '../../../src/render/card-image/quote-card-image.ts';
import { renderQuoteCardPng } from '../../../src/render/card-image/render-quote-card-png.ts';
import { readPngHeader } from './png-header.ts';

const casinoNight: QuoteCardImage = {
  quote: "Don't leave until you're called. Don't speak to John. And just be alone.",
  speaker: 'Jenna Fischer',
  showTitle: 'Break Room Rewatch',
  episodeTitle: 'Casino Night',
};

describe('renderQuoteCardPng', () => {
  it('renders a 1200×630 PNG', async () => {
    const png = await renderQuoteCardPng(casinoNight);
    expect(readPngHeader(png)).toEqual({ signature: true, chunk: 'IHDR', width: 1200, height: 630 });
  });

  it('renders the same card to the same bytes', async () => {
    const [first, second] = await Promise.all([renderQuoteCardPng(casinoNight), renderQuoteCardPng(casinoNight)]);
    expect(Buffer.from(first!).equals(Buffer.from(second!))).toBe(true);
  });

  it('renders a card with another accent to other bytes', async () => {
    const plain = await renderQuoteCardPng(casinoNight);
    const blue = await renderQuoteCardPng({ ...casinoNight, accent: '#1d4ed8' });
    expect(Buffer.from(plain).equals(Buffer.from(blue))).toBe(false);
  });

  it('renders hostile and unusual text without throwing', async () => {
    const png = await renderQuoteCardPng({
      quote: '</script><script>alert(1)</script> <img src=x onerror="alert(2)"> Tom & Jerry 😀👩‍👩‍👧 "quoted" \u0000',
      speaker: '<b onmouseover=alert(3)>Zoë Ştefănescu</b>',
      showTitle: ']]><!-- & -->',
      episodeTitle: '&amp; &lt;',
    });
    expect(readPngHeader(png)).toMatchObject({ signature: true, width: 1200, height: 630 });
  });

  it('rejects an accent that is not a hex colour, naming it', async () => {
    await expect(renderQuoteCardPng({ ...casinoNight, accent: 'red; fill: url(x)' })).rejects.toThrow(
      'card accent "red; fill: url(x)" is not a colour (accepted: #rgb or #rrggbb)',
    );
  });
});

describe('layoutQuoteCard', () => {
  it('sets a short quote at the largest size', async () => {
    const layout = await layoutQuoteCard(casinoNight);
    expect(layout.fontSize).toBe(QUOTE_FONT_SIZES[0]);
    expect(layout.maxLines).toBeUndefined();
    expect(layout.textHeight).toBeLessThanOrEqual(layout.boxHeight);
  });

  it('shrinks a long quote until it fits, without cutting it', async () => {
    const quote =
      'We shot the parking lot scene at the very end of a very long night, and Ken Kwapis kept the camera ' +
      'far away, across the lot, so that it felt like we were being watched. Nobody else was on set. ';
    const layout = await layoutQuoteCard({ ...casinoNight, quote: quote.repeat(3) });
    expect(layout.fontSize).toBeLessThan(QUOTE_FONT_SIZES[0]!);
    expect(layout.fontSize).toBeGreaterThan(QUOTE_FONT_SIZES.at(-1)!);
    expect(layout.maxLines).toBeUndefined();
    expect(layout.textHeight).toBeLessThanOrEqual(layout.boxHeight);
    // The next size up would have overflowed: the chosen size is the largest that fits.
    expect(layout.textHeight).toBeGreaterThan(layout.boxHeight * 0.6);
  });

  it('ellipsizes a quote too long for the smallest size, within its box', async () => {
    const layout = await layoutQuoteCard({ ...casinoNight, quote: 'word '.repeat(800) });
    expect(layout.fontSize).toBe(QUOTE_FONT_SIZES.at(-1));
    expect(layout.maxLines).toBe(Math.floor(layout.boxHeight / (layout.fontSize * 1.3)));
    expect(layout.textHeight).toBeLessThanOrEqual(layout.boxHeight);
  });

  it('breaks a word longer than a line instead of overflowing', async () => {
    const layout = await layoutQuoteCard({ ...casinoNight, quote: `https://example.com/${'a'.repeat(120)}` });
    const lines = Math.round(layout.textHeight / (layout.fontSize * 1.3));
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(layout.textHeight).toBeLessThanOrEqual(layout.boxHeight);
  });

  it('draws line breaks and tabs as spaces and drops other control characters', async () => {
    const clean = await layoutQuoteCard({ ...casinoNight, quote: 'Just be alone. Wait.' });
    const messy = await layoutQuoteCard({ ...casinoNight, quote: ' Just\n\tbe al\u0000one.\r\nWait.\u0007 ' });
    expect(messy.svg).toBe(clean.svg);
  });

  it('sets apostrophes inside words curly, and changes nothing else', async () => {
    const straight = await layoutQuoteCard({ ...casinoNight, quote: "Don't 'go'" });
    const curly = await layoutQuoteCard({ ...casinoNight, quote: "Don\u2019t 'go'" });
    const allCurly = await layoutQuoteCard({ ...casinoNight, quote: 'Don\u2019t \u2019go\u2019' });
    expect(straight.svg).toBe(curly.svg);
    expect(straight.svg).not.toBe(allCurly.svg);
  });

  it('keeps hostile text out of the SVG as markup: satori draws every glyph as a path', async () => {
    const { svg } = await layoutQuoteCard({ ...casinoNight, quote: '</script><img src=x onerror="alert(1)">' });
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('onerror');
    expect(svg).not.toContain('<text');
  });
});
