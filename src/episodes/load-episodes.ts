import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode } from './episode.ts';
import { parseEpisode } from './parse-episode.ts';

/** Parses one file; the incremental build passes one that reuses cached results. */
export type ParseEpisode = typeof parseEpisode;

/** What parsing a file gave, or reusing an earlier parse of it. */
export type ParsedEpisode = ReturnType<ParseEpisode>;

/**
 * Reads every `episodes/*.md` of a show; problems of all files are collected in one run.
 * `reuse` may answer for a file without its being read (the incremental build, for a file
 * whose size and times are those it last parsed).
 */
export async function loadEpisodes(
  root: string,
  timezone: string,
  parse: ParseEpisode = parseEpisode,
  reuse?: (file: string) => ParsedEpisode | undefined,
): Promise<{ episodes: Episode[]; diagnostics: Diagnostic[] }> {
  const dir = path.join(root, 'episodes');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return { episodes: [], diagnostics: [{ severity: 'error', file: 'episodes/', message: `no episodes/ folder in ${root}` }] };
  }
  const known = names.map((n) => reuse?.(path.join(dir, n)));
  const texts = await Promise.all(names.map((n, i) => (known[i] ? undefined : readFile(path.join(dir, n), 'utf8'))));
  const episodes: Episode[] = [];
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, Episode>();
  names.forEach((name, i) => {
    const file = path.join(dir, name);
    const result = known[i] ?? parse(texts[i]!, { root, file, timezone, fileExists: existsSync });
    diagnostics.push(...result.diagnostics);
    const episode = result.episode;
    if (!episode) return;
    const other = bySlug.get(episode.slug);
    if (other) {
      diagnostics.push({
        severity: 'error',
        file: episode.relativeFile,
        line: 1,
        column: 1,
        field: 'slug',
        message: `slug "${episode.slug}" is already used by ${other.relativeFile}; each episode needs its own slug`,
      });
      return;
    }
    bySlug.set(episode.slug, episode);
    episodes.push(episode);
  });
  return { episodes, diagnostics };
}
