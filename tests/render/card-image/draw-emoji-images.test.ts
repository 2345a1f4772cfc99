import { describe, expect, it } from 'vitest';
import { drawEmojiImages } from '../../../src/render/card-image/draw-emoji-images.ts';
import { layoutQuoteCard } from '../../../src/render/card-image/layout-quote-card.ts';

const card = { speaker: 'Pam Beesly', showTitle: 'Break Room Rewatch', episodeTitle: 'Casino Night' };

describe('drawEmojiImages', () => {
  it('draws each emoji grapheme once, including joined sequences, flags and keycaps', async () => {
    const images = await drawEmojiImages(['Ha 😂 and 😂', 'family 👩‍👩‍👧 in 🇺🇸 at 1️⃣']);
    expect(Object.keys(images).sort()).toEqual(['1️⃣', '🇺🇸', '👩‍👩‍👧', '😂'].sort());
    for (const uri of Object.values(images)) {
      expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
      expect(Buffer.from(uri.split(',')[1]!, 'base64').toString()).toMatch(/^<svg [^>]*width="128" height="128"/);
    }
  });

  it('draws nothing for text without emoji, digits and symbols included', async () => {
    expect(await drawEmojiImages(['Room 101, #2 * 3 & <b> — “quoted” ©'])).toEqual({});
  });

  it('places the pictures in the card, and none when the card has no emoji', async () => {
    const withEmoji = await layoutQuoteCard({ ...card, quote: 'I cried 😂 so hard' });
    const without = await layoutQuoteCard({ ...card, quote: 'I cried so hard' });
    expect(withEmoji.svg.match(/<image /g)).toHaveLength(1);
    expect(without.svg).not.toContain('<image ');
  });
});
