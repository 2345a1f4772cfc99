import path from 'node:path';
import { watch } from 'chokidar';

/** The parts of a show folder a build reads (SPEC §1), watched by `shownotes dev`. */
export const WATCHED = ['episodes', 'templates', 'static', 'feeds', 'shownotes.config.yaml'] as const;

/** Editors' scratch files (vim's `.x.swp` and `4913` probe, emacs' `.#x` and `x~`), never content. */
const SCRATCH = /(^\.#|~$|\.sw[a-p]$|^4913$|^\.DS_Store$)/;

/** A running watcher. */
export interface ShowWatcher {
  close(): Promise<void>;
}

/**
 * Watches the show folder and calls `onChange` with each changed path (relative, with `/`),
 * `onError` when the system stops it (too many files for inotify, …).
 * The folder itself is watched, filtered to `WATCHED`, so a `static/` or `feeds/` folder made
 * after the start is seen too, and `out/` and `.cache/` never are (a build must not trigger one).
 * Resolves once the first scan is done: a change after that is reported.
 */
export async function watchShow(root: string, onChange: (file: string) => void, onError: (error: Error) => void): Promise<ShowWatcher> {
  const base = path.resolve(root);
  const watcher = watch(base, {
    ignoreInitial: true,
    ignored: (file: string) => !isWatched(path.relative(base, file)),
  });
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
    watcher.on(event, (file: string) => onChange(path.relative(base, file).split(path.sep).join('/')));
  }
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  watcher.on('error', (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  return { close: () => watcher.close() };
}

/** True for the show folder itself and anything under a watched part that is not scratch. */
export function isWatched(relative: string): boolean {
  if (relative === '') return true;
  const parts = relative.split(/[\\/]/);
  if (!(WATCHED as readonly string[]).includes(parts[0]!)) return false;
  return !SCRATCH.test(parts[parts.length - 1]!);
}
