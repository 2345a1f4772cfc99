import type { ShowConfig } from './config/config.ts';
import { loadConfig } from './config/load-config.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { Episode } from './episodes/episode.ts';
import { loadEpisodes } from './episodes/load-episodes.ts';

/** A show folder read and checked: its config, its episodes (newest first), every problem. */
export interface LoadedShow {
  config?: ShowConfig;
  episodes: Episode[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the config and every episode. Episodes are read even when the config is broken
 * (with UTC dates), so one run lists the problems of the whole show.
 */
export async function loadShow(root: string): Promise<LoadedShow> {
  const { config, diagnostics } = await loadConfig(root);
  const loaded = await loadEpisodes(root, config?.timezone ?? 'UTC');
  return {
    config,
    episodes: sortNewestFirst(loaded.episodes),
    diagnostics: [...diagnostics, ...loaded.diagnostics],
  };
}

/** Newest first; ties broken by number, then slug, so the order never depends on the disk. */
export function sortNewestFirst(episodes: readonly Episode[]): Episode[] {
  return [...episodes].sort(
    (a, b) => b.date.getTime() - a.date.getTime() || (b.number ?? 0) - (a.number ?? 0) || a.slug.localeCompare(b.slug),
  );
}
