/**
 * Satori, imported the first time a card is drawn: it is the heaviest library the tool loads
 * (~0.25 s), and most builds draw no card (images off, or every card still in its cache).
 */
export async function loadSatori(): Promise<typeof import('satori').default> {
  return (await import('satori')).default;
}
