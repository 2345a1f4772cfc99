import type { Diagnostic } from '../diagnostics.ts';
import type { FilePieces } from './file-pieces.ts';

/** A file with its bytes, as a planned output renders it. */
export interface RenderedFile {
  path: string;
  /** Pieces only for a document assembled partly from the last build's file (the feeds). */
  data: string | Uint8Array | FilePieces;
}

/**
 * Output files not yet rendered, with a key of exactly the inputs they are made from: a build
 * that finds the same key beside an intact file in `out/` reuses the file and never renders.
 * Most plans have one path; the feeds are rendered together.
 */
export interface PlannedOutput {
  paths: readonly string[];
  key: string;
  /**
   * Set when `key` determines the paths (the same key always plans the same paths in the same
   * order): the number of paths, so that a rebuild which finds this key in the last build's rows
   * takes the paths as they were, and `paths` (then a getter) is never built.
   */
  pathCount?: number;
  /** Quote cards and the feeds can be made on other threads in a full build (`startQuoteCards`, `startFeeds`). */
  kind?: 'quote-card' | 'feeds';
  render(): { files: RenderedFile[]; warnings?: Diagnostic[] };
}

/** A plan of one file. */
export function planFile(path: string, key: string, render: () => string | Uint8Array): PlannedOutput {
  return { paths: [path], key, render: () => ({ files: [{ path, data: render() }] }) };
}
