import { loadOnFirstUse } from '../../load-on-first-use.ts';

/**
 * Satori, loaded the first time a card is drawn: it is the heaviest library the tool loads
 * (~0.25 s), and most builds draw no card (images off, or every card still in its cache).
 * Required (its CommonJS build), not imported: the CLI's bundle is a script compiled with V8's
 * code cache (bin/load-compiled.js), where Node 20 loses the callback a dynamic `import()` needs.
 */
const satori = loadOnFirstUse<typeof import('satori')>('satori');

export async function loadSatori(): Promise<typeof import('satori').default> {
  return satori().default;
}
