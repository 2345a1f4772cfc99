import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { emojiFontIdentity } from './draw-emoji-images.ts';

/** A font as satori takes it. */
export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

/** The text fonts, and a digest naming every font a card may draw with (text and emoji) for cache keys. */
export interface CardFonts {
  fonts: CardFont[];
  identity: string;
}

// @fontsource splits each font by script. Satori keys fonts by name, so each subset gets its own
// name and the CSS family lists them in order: Latin, then Latin Extended ("Zoë Ştefănescu").
/** The quote's serif (Lora), as a CSS font-family list. */
export const QUOTE_FONT = 'Lora, LoraExt';
/** The byline's sans (Inter), as a CSS font-family list. */
export const BYLINE_FONT = 'Inter, InterExt';

// Satori reads ttf/otf/woff but not woff2, so the .woff files.
const FILES: ReadonlyArray<Omit<CardFont, 'data' | 'style'> & { file: string }> = [
  { name: 'Lora', weight: 400, file: '@fontsource/lora/files/lora-latin-400-normal.woff' },
  { name: 'Lora', weight: 700, file: '@fontsource/lora/files/lora-latin-700-normal.woff' },
  { name: 'LoraExt', weight: 400, file: '@fontsource/lora/files/lora-latin-ext-400-normal.woff' },
  { name: 'LoraExt', weight: 700, file: '@fontsource/lora/files/lora-latin-ext-700-normal.woff' },
  { name: 'Inter', weight: 400, file: '@fontsource/inter/files/inter-latin-400-normal.woff' },
  { name: 'Inter', weight: 700, file: '@fontsource/inter/files/inter-latin-700-normal.woff' },
  { name: 'InterExt', weight: 400, file: '@fontsource/inter/files/inter-latin-ext-400-normal.woff' },
  { name: 'InterExt', weight: 700, file: '@fontsource/inter/files/inter-latin-ext-700-normal.woff' },
];

let loaded: CardFonts | undefined;

/**
 * The card fonts, read once per process from node_modules (never the system, never the network).
 * Satori caches its parsed fonts by the identity of this array, so it must stay the same object.
 */
export function loadCardFonts(): CardFonts {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const hash = createHash('sha256');
  const fonts = FILES.map(({ name, weight, file }): CardFont => {
    const data = readFileSync(require.resolve(file));
    hash.update(file).update(data);
    return { name, weight, style: 'normal', data };
  });
  hash.update(emojiFontIdentity());
  loaded = { fonts, identity: hash.digest('hex').slice(0, 16) };
  return loaded;
}
