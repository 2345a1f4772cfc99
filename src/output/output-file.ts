/** One file the build writes, by its path inside `out/` (always with `/`). */
export type OutputFile =
  | { path: string; data: string | Uint8Array }
  /** A file copied as is from the show folder or the theme. */
  | { path: string; from: string };
