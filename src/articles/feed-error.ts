/** Why one article feed could not be read: becomes a warning naming the feed (SPEC §7). */
export class FeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedError';
  }
}
