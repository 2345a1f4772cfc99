import { describe, expect, it } from 'vitest';
import { properNames } from '../../src/matching/episode-profile.ts';
import { scanTokens, tokenize, TokenOutput, scanInto, Vocabulary } from '../../src/matching/scan-tokens.ts';

describe('tokenize', () => {
  it('folds case, accents, apostrophes and possessives, and splits on punctuation', () => {
    expect(tokenize("Don’t leave, Li'l Sebastian’s memorial; Leslie's road-trip CAFÉ naïve 720 Yo' Self…")).toEqual([
      'dont', 'leave', 'lil', 'sebastian', 'memorial', 'leslie', 'road', 'trip', 'cafe', 'naive', '720', 'yo', 'self',
    ]);
  });

  it('gives no token for punctuation or an empty text', () => {
    expect(tokenize(' … — "" ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('reports offsets into the original text and capitals', () => {
    const seen: [string, string, boolean][] = [];
    const text = '“Don’t speak to John.”';
    scanTokens(text, (token, start, end, capitalised) => seen.push([token, text.slice(start, end), capitalised]));
    expect(seen).toEqual([
      ['dont', 'Don’t', true],
      ['speak', 'speak', false],
      ['to', 'to', false],
      ['john', 'John', true],
    ]);
  });

  it('interns the same tokens as tokenize, one id per distinct token', () => {
    const out = new TokenOutput();
    const vocab = new Vocabulary();
    scanInto("Don't DONT don’t Leslie's leslie", out, vocab);
    expect([...out.ids.subarray(0, out.count)]).toEqual([0, 0, 0, 1, 1]);
    expect(vocab.words).toEqual(['dont', 'leslie']);
    expect(vocab.get('leslie')).toBe(1);
    expect(vocab.get('ron')).toBeUndefined();
  });

  it('keeps a very long token whole', () => {
    const blob = 'a'.repeat(200_000);
    expect(tokenize(`x ${blob} y`)).toEqual(['x', blob, 'y']);
  });
});

describe('properNames', () => {
  it('finds runs of capitalised words, not a capitalised first word alone', () => {
    expect(properNames("Half a season of planning. Location manager **Len Castellano** tells Wren and Ozzie about the Chamber of Commerce, Entertainment 720 and Jean-Ralphio.")).toEqual([
      'Len Castellano', 'Wren and Ozzie', 'Wren', 'Ozzie', 'Chamber of Commerce', 'Entertainment 720', 'Jean-Ralphio',
    ]);
  });

  it('ends a name at a possessive', () => {
    expect(properNames("We love Pawnee's Harvest Festival.")).toEqual(['Pawnee', 'Harvest Festival']);
  });
});
