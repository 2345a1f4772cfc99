import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShowConfig } from '../config/config.ts';
import type { Episode } from '../episodes/episode.ts';
import type { Theme } from '../render/load-theme.ts';

/** A title as a slug: "Jim & Pam's Kiss!" → `jim-pams-kiss`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Writes `episodes/<slug>.md` from the theme's `new-episode.md` template, dated today in the
 * show's time zone, numbered after the last episode, as a draft. Never overwrites a file.
 */
export async function newEpisode(
  root: string,
  title: string,
  config: ShowConfig,
  episodes: readonly Episode[],
  theme: Theme,
  now: Date,
): Promise<{ path: string } | { error: string }> {
  const slug = slugify(title);
  if (!slug) return { error: `cannot make a file name from the title ${JSON.stringify(title)}: use some letters or digits` };
  const file = path.join(root, 'episodes', `${slug}.md`);
  const relative = path.relative(process.cwd(), file) || file;
  if (existsSync(file)) return { error: `${relative} already exists; choose another title or edit that file` };
  const taken = episodes.find((e) => e.slug === slug);
  if (taken) return { error: `the slug "${slug}" is already used by ${taken.relativeFile}` };
  const number = Math.max(0, ...episodes.map((e) => e.number ?? 0)) + 1;
  const text = theme.render('new-episode.md', {
    title,
    slug,
    number,
    today: format(new TZDate(now.getTime(), config.timezone), 'yyyy-MM-dd'),
    hosts: [...new Set(episodes[0]?.hosts.map((h) => h.name) ?? [])],
  });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { flag: 'wx' });
  return { path: relative };
}
