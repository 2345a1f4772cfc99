import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ShowConfig } from './config/config.ts';
import { loadArticles } from './articles/load-articles.ts';
import { loadConfig } from './config/load-config.ts';
import { hasErrors, ShowError, type Diagnostic } from './diagnostics.ts';
import type { Episode } from './episodes/episode.ts';
import { loadEpisodes } from './episodes/load-episodes.ts';
import { sortNewestFirst } from './load-show.ts';
import type { Logger } from './logger.ts';
import { matchEpisodes } from './matching/match-episodes.ts';
import { renderRelatedJson } from './matching/render-related-json.ts';
import type { OutputFile } from './output/output-file.ts';
import { writeOutput } from './output/write-output.ts';
import { toWebVtt } from './render/convert-transcript.ts';
import { loadTheme } from './render/load-theme.ts';
import { renderCardImages } from './render/card-image/render-card-images.ts';
import { quoteCardImageJobs } from './render/quote-card-image-jobs.ts';
import { renderFeeds } from './render/render-feeds.ts';
import { renderSite } from './render/render-site.ts';
import { imageOutputPath, siteView } from './render/site-view.ts';

/** Options of one build (SPEC §2 `build`). */
export interface BuildOptions {
  root: string;
  /** Default `<root>/out`. */
  out?: string;
  drafts?: boolean;
  offline?: boolean;
  /** Replaces the config's `url`, e.g. for a preview deployment. */
  baseUrl?: string;
  /** Ignore every cache. */
  clean?: boolean;
  logger: Logger;
}

/** What a build did: time per stage, files written, warnings. */
export interface BuildReport {
  stages: { name: string; ms: number }[];
  files: number;
  warnings: Diagnostic[];
  /** Quote card images (`images: true`): drawn in this build, or taken from the cache. */
  cardImages?: { rendered: number; reused: number };
}

/**
 * The whole pipeline, in order: config → episodes → render → write. Throws `ShowError`
 * with every diagnostic when the show has errors; `out/` is then left as it was.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const root = path.resolve(options.root);
  const out = path.resolve(root, options.out ?? 'out');
  const stages: BuildReport['stages'] = [];
  const warnings: Diagnostic[] = [];
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      stages.push({ name, ms: performance.now() - start });
    }
  };

  const configResult = await timed('config', () => loadConfig(root));
  const episodeResult = await timed('episodes', () => loadEpisodes(root, configResult.config?.timezone ?? 'UTC'));
  const diagnostics = [...configResult.diagnostics, ...episodeResult.diagnostics];
  let config = configResult.config;
  if (config && options.baseUrl) config = { ...config, url: options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/` };
  if (config) diagnostics.push(...checkImage(config, root));
  const themeResult = await loadTheme(root, { timezone: config?.timezone ?? 'UTC' });
  diagnostics.push(...themeResult.diagnostics);
  if (hasErrors(diagnostics) || !config || !themeResult.theme) throw new ShowError(diagnostics);
  warnings.push(...diagnostics);
  const theme = themeResult.theme;

  const episodes = sortNewestFirst(episodeResult.episodes.filter((e) => options.drafts || !e.draft));
  const corpus = await timed('article feeds', () =>
    loadArticles(config.articles.feeds, { root, offline: options.offline === true, refreshSeconds: config.articles.refreshSeconds, logger: options.logger }),
  );
  warnings.push(...corpus.warnings);
  const related = await timed('matching', () =>
    matchEpisodes(episodes, corpus.articles, { maxRelated: config.articles.maxRelated, minScore: config.articles.minScore }),
  );

  // SPEC §5 `card.png`: drawn only when its content changed, the rest comes from `.cache/cards`.
  const cardCache = path.join(root, '.cache', 'cards');
  const cardImages = config.images
    ? await timed('card images', async () => {
        if (options.clean) await rm(cardCache, { recursive: true, force: true });
        return renderCardImages(quoteCardImageJobs(episodes, config.title), { cacheDir: cardCache, logger: options.logger });
      })
    : undefined;

  const files = await timed('rendering', async () => {
    const site = siteView(config, episodes);
    const transcripts = await readTranscripts(episodes);
    const rendered = renderSite({ config, site, episodes, related, transcripts, cardImages: cardImages !== undefined }, theme);
    const feeds = renderFeeds({ config, site, episodes, related }, theme);
    warnings.push(...feeds.warnings);
    const copies = await staticFiles(root, config);
    const assets: OutputFile[] = theme.assets.map((a) => ({ path: a.name, from: a.absolute }));
    const images: OutputFile[] = [...(cardImages?.images ?? [])].map(([imagePath, data]) => ({ path: imagePath, data }));
    const relatedJson: OutputFile = { path: 'related.json', data: renderRelatedJson(episodes, related) };
    return dedupe([...copies, ...assets, ...images, ...rendered, ...feeds.files, relatedJson]);
  });

  const written = await timed('writing', () => writeOutput(out, files));
  return {
    stages,
    files: written.files,
    warnings,
    ...(cardImages ? { cardImages: { rendered: cardImages.rendered, reused: cardImages.reused } } : {}),
  };
}

/** Reads each episode's transcript and turns it into WebVTT. */
async function readTranscripts(episodes: readonly Episode[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    episodes
      .filter((e) => e.transcript)
      .map(async (e) => {
        const text = await readFile(e.transcript!, 'utf8');
        out.set(e.slug, toWebVtt(text, e.transcript!.toLowerCase().endsWith('.srt') ? 'srt' : 'vtt'));
      }),
  );
  return out;
}

/** `static/` copied as is, and the artwork when it lives elsewhere in the show folder. */
async function staticFiles(root: string, config: ShowConfig): Promise<OutputFile[]> {
  const dir = path.join(root, 'static');
  const files: OutputFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push({ path: child, from: path.join(dir, child) });
    }
  };
  await walk('');
  if (config.image && !/^https?:\/\//i.test(config.image)) {
    const outPath = imageOutputPath(config.image);
    const underStatic = path.resolve(root, config.image).startsWith(dir + path.sep);
    if (!underStatic) files.push({ path: outPath, from: path.join(root, config.image) });
  }
  return files;
}

function checkImage(config: ShowConfig, root: string): Diagnostic[] {
  if (!config.image || /^https?:\/\//i.test(config.image)) return [];
  const absolute = path.resolve(root, config.image);
  const rel = path.relative(root, absolute);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    return [{ severity: 'error', file: 'shownotes.config.yaml', field: 'image', message: `"${config.image}" points outside the show folder` }];
  }
  if (!existsSync(absolute)) {
    return [{ severity: 'error', file: 'shownotes.config.yaml', field: 'image', message: `"${config.image}" does not exist` }];
  }
  return [];
}

/** Later files win: generated pages over theme assets over static files. */
function dedupe(files: OutputFile[]): OutputFile[] {
  const byPath = new Map<string, OutputFile>();
  for (const f of files) byPath.set(f.path, f);
  return [...byPath.values()];
}
