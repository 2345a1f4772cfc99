import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateShow, type GenerateOptions } from './generate-show.ts';

/** The modules whose code decides the generated files; a change to one regenerates shows. */
const GENERATOR_SOURCES = [
  'create-random.ts',
  'word-list.ts',
  'write-prose.ts',
  'make-episode.ts',
  'make-article-feed.ts',
  'generate-show.ts',
];
const MARKER = 'bench-show.json';

async function generatorHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of GENERATOR_SOURCES) hash.update(await readFile(new URL(name, import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * What the marker file holds: the generating options alone. A caller's wider options object
 * (the bench's, with its run count and flags) must not reach it, or the next run would see
 * another marker and generate the show again.
 */
async function markerOf(options: Required<GenerateOptions>): Promise<string> {
  const { episodes, articles, seed } = options;
  return JSON.stringify({ episodes, articles, seed, generator: await generatorHash() });
}

/**
 * The folder of a generated show under `cacheDir`, generated unless an up-to-date copy is
 * there (a marker file records the options and the generator's hash).
 */
export async function prepareShow(
  cacheDir: string,
  options: Required<GenerateOptions>,
  onGenerate: (message: string) => void,
): Promise<string> {
  const dir = path.join(cacheDir, `e${options.episodes}-a${options.articles}-s${options.seed}`);
  const marker = await markerOf(options);
  const existing = await readFile(path.join(dir, MARKER), 'utf8').catch(() => undefined);
  if (existing === marker) return dir;
  onGenerate(`generating ${options.episodes} episodes and ${options.articles} articles in ${dir}`);
  await rm(path.join(dir, MARKER), { force: true });
  await mkdir(dir, { recursive: true });
  await generateShow(dir, options);
  await writeFile(path.join(dir, MARKER), marker);
  return dir;
}

/** Drops the marker while a show is edited, so an interrupted run regenerates it next time. */
export async function invalidateShow(dir: string): Promise<void> {
  await rm(path.join(dir, MARKER), { force: true });
}

/** Puts the marker back after an edit was undone. */
export async function revalidateShow(dir: string, options: Required<GenerateOptions>): Promise<void> {
  await writeFile(path.join(dir, MARKER), await markerOf(options));
}
