import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ShowConfig } from './config/config.ts';
import { loadConfig } from './config/load-config.ts';
import { hasErrors, ShowError, type Diagnostic } from './diagnostics.ts';
import type { Episode } from './episodes/episode.ts';
import { buildCacheDir } from './incremental/build-cache-file.ts';
import { contentHash } from './incremental/content-hash.ts';
import { episodeKey } from './incremental/episode-key.ts';
import { openFeedFragmentCache, type FeedFragmentCache } from './incremental/feed-fragment-cache.ts';
import { startLoadingArticlesCached, type CorpusLoading } from './incremental/load-articles-cached.ts';
import { loadEpisodesCached } from './incremental/load-episodes-cached.ts';
import { matchEpisodesCached, needsFreshIndex, prepareShowAhead, readMatchCacheAhead } from './incremental/match-episodes-cached.ts';
import { toolVersion } from './incremental/tool-version.ts';
import { sortNewestFirst } from './load-show.ts';
import type { Logger } from './logger.ts';
import type { RelatedArticle } from './matching/related.ts';
import { renderRelatedJson } from './matching/render-related-json.ts';
import { dropManifest, fileStamp, manifestFile, OutputManifest, readManifest, startCheckingIntactAt, writeManifest } from './output/output-manifest.ts';
import { FilePieces, samePieces, wholeData } from './output/file-pieces.ts';
import { planFile, type PlannedOutput, type RenderedFile } from './output/planned-output.ts';
import { writeChanged } from './output/write-changed.ts';
import { openStagedOutput, type StagedOutput, type WrittenStamps } from './output/write-output.ts';
import { toWebVtt } from './render/convert-transcript.ts';
import { renderCardImages } from './render/card-image/render-card-images.ts';
import { loadTheme, type Theme } from './render/load-theme.ts';
import { quoteCardImageJobs } from './render/quote-card-image-jobs.ts';
import { feedItemKeys, planFeeds } from './render/render-feeds.ts';
import { startFeeds, type FeedsWritten } from './render/start-feeds.ts';
import { planSite, type SiteInput, type SiteKeys } from './render/render-site.ts';
import { renderEpisodeCards } from './render/render-quote-cards.ts';
import { startQuoteCards } from './render/start-quote-cards.ts';
import { imageOutputPath, siteView } from './render/site-view.ts';
import { relatedDigestOf } from './matching/related-by-slug.ts';

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
  /** Return what the pages were rendered from (`BuildReport.snapshot`), for the dev server. */
  keepSnapshot?: boolean;
}

/** What a build rendered its pages from: enough to render one edited episode's page again at once. */
export interface BuildSnapshot {
  input: SiteInput;
  theme: Theme;
  timezone: string;
  /** The show folder and the output folder, absolute. */
  root: string;
  out: string;
}

/** What a build did: time per stage, files written, warnings. */
export interface BuildReport {
  stages: { name: string; ms: number }[];
  /** Files in the output folder after the build. */
  files: number;
  warnings: Diagnostic[];
  /** `full`: every file rendered and `out/` swapped in whole; `incremental`: only what changed. */
  mode: 'full' | 'incremental';
  /** Output files rendered in this build. */
  rendered: number;
  /** Output files left in `out/` untouched, because nothing they are made from changed. */
  reused: number;
  /** Output files written (a re-rendered file with the same bytes is not written again). */
  written: number;
  /** Output files deleted from `out/` (an episode removed, a static file gone). */
  deleted: number;
  /** Episode files parsed, and parses reused from the cache. */
  episodes: { parsed: number; reused: number };
  /** Distinct quote card images (`images: true`): drawn in this build, or reused (from `.cache/cards` or `out/`). */
  cardImages?: { rendered: number; reused: number };
  /** With `keepSnapshot`. */
  snapshot?: BuildSnapshot;
}

/**
 * The whole pipeline, in order: config → episodes → article feeds → render → write. Throws
 * `ShowError` with every diagnostic when the show has errors; `out/` is then left as it was.
 *
 * Incremental (issue 7): parsed episodes and the article corpus are reused from
 * `.cache/build/` while their sources are unchanged; every output is planned with a key of
 * exactly what it reads, and one whose key and file in `out/` are as the last build left them
 * is neither rendered nor written. `clean` ignores the cache (and rewrites it).
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const root = path.resolve(options.root);
  const out = path.resolve(root, options.out ?? 'out');
  const clean = options.clean === true;
  const stages: BuildReport['stages'] = [];
  const warnings: Diagnostic[] = [];
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      // A stage timed in two parts (planning, then rendering after the card images) is one row.
      const ms = performance.now() - start;
      const stage = stages.find((s) => s.name === name);
      if (stage) stage.ms += ms;
      else stages.push({ name, ms });
    }
  };
  const cacheDir = buildCacheDir(root);
  const tool = await toolVersion();
  // The last build's manifest, and whether its files are still in out/ as it left them: checked
  // on another thread, which reads the manifest itself, while this one reads it too and parses
  // the episodes.
  const manifestPath = manifestFile(cacheDir, out);
  const checking = clean || !isFolder(out) || !existsSync(manifestPath) ? undefined : startCheckingIntactAt(out, manifestPath, tool);
  const previous = checking && (await readManifest(manifestPath, tool));
  if (checking && !previous) checking.stop();
  const intact = previous && checking!.of(previous);
  intact?.catch(() => undefined);

  const configResult = await timed('config', () => loadConfig(root));
  const timezone = configResult.config?.timezone ?? 'UTC';
  // The feeds are read on a thread of their own while this one parses the episodes.
  const feedConfig = configResult.config?.articles;
  const feeds =
    feedConfig &&
    startLoadingArticlesCached(feedConfig.feeds, {
      root,
      offline: options.offline === true,
      refreshSeconds: feedConfig.refreshSeconds,
      logger: options.logger,
      cacheDir,
      tool,
      clean,
      index: needsFreshIndex(cacheDir, clean),
    });
  // The last build's matching state and corpus index are read meanwhile too.
  const matchCache = clean ? undefined : readMatchCacheAhead(cacheDir);
  const episodeResult = await timed('episodes', () => loadEpisodesCached(root, timezone, { cacheDir, tool, clean, fileExists: existsSync }));
  const diagnostics = [...configResult.diagnostics, ...episodeResult.diagnostics];
  let config = configResult.config;
  if (config && options.baseUrl) config = { ...config, url: options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/` };
  if (config) diagnostics.push(...checkImage(config, root));
  const themeResult = await loadTheme(root, { timezone }, { cacheDir, clean });
  diagnostics.push(...themeResult.diagnostics);
  if (hasErrors(diagnostics) || !config || !themeResult.theme) {
    matchCache?.release();
    throw new ShowError(diagnostics);
  }
  warnings.push(...diagnostics);
  const theme = themeResult.theme;
  // The parses are stored now, not after writing: they are keyed by the files they were made
  // from, so a build that fails later stores nothing wrong, and their encoding then fills time
  // this thread would spend waiting for the output check (see `startCheckingIntactAt`).
  const episodesSaved = episodeResult.save();
  episodesSaved.catch(() => undefined);

  const episodes = sortNewestFirst(episodeResult.episodes.filter((e) => options.drafts || !e.draft));
  const site = siteView(config, episodes);
  // With no usable manifest every file is written anew: the output opens now, and the quote
  // cards (most of the files, and independent of the articles) are made on another thread
  // while this one reads the feeds and matches.
  const feedFragments = await openFeedFragmentCache({ cacheDir, out, tool, clean });
  let staged = previous ? undefined : await openStagedOutput(out);
  const cards = staged && startQuoteCards({ staging: staged.folder, root, themeSpecs: theme.specs, timezone, site, images: config.images, episodes });
  let feedsThread: ReturnType<typeof startFeeds> | undefined;
  let finish: {
    rendering: Rendering;
    written: { written: number; deleted: number };
    stamps: WrittenStamps | undefined;
    drawn: BuildReport['cardImages'];
    stored: Promise<unknown>;
    input: SiteInput;
  };
  try {
    const { related, stored } = await matchArticles(feeds!, episodes, warnings, timed, {
      maxRelated: config.articles.maxRelated,
      minScore: config.articles.minScore,
      cacheDir,
      tool,
      clean,
      ahead: matchCache,
    });

    const cardImages = config.images;
    const planned = await timed('rendering', async () => {
      const transcripts = await readTranscripts(episodes);
      const input: SiteInput = { config, site, episodes, related, transcripts, cardImages };
      const keys: SiteKeys = { site: contentHash(tool, theme.hash, JSON.stringify(config), JSON.stringify(site)), episode: episodeKey };
      const feedInput = { config, site, episodes, related };
      // A full build renders the feeds on another thread while this one renders the pages.
      feedsThread = staged && startFeeds({ staging: staged.folder, root, themeSpecs: theme.specs, timezone, config, site, episodes, related: [...related], itemKeys: feedItemKeys(feedInput, keys) });
      // SPEC §5 `card.png`, keyed by what the card shows; drawn below only for the plans that need it.
      const imageJobs = cardImages ? quoteCardImageJobs(episodes, config.title) : [];
      const images = new Map<string, Uint8Array>();
      const imagePlans = imageJobs.map(
        (job): PlannedOutput => planFile(job.outputPath, contentHash('card', JSON.stringify(job.card)), () => images.get(job.outputPath)!),
      );
      const plans: PlannedOutput[] = [
        ...(await planStaticFiles(root, config)),
        ...theme.assets.map((a) => planFile(a.name, contentHash('asset', a.content), () => a.content)),
        ...imagePlans,
        ...planSite(input, theme, keys),
        ...planFeeds(feedInput, theme, keys, feedFragments),
        planFile(
          'related.json',
          contentHash('related', ...episodes.flatMap((e) => [e.slug, relatedDigestOf(related, e.slug)])),
          () => renderRelatedJson(episodes, related),
        ),
      ];
      return { input, imageJobs, images, imagePlans, selection: selectPlans(plans, previous && { manifest: previous, intact: await intact! }) };
    });
    const { input, imageJobs, images, imagePlans, selection } = planned;
    let drawn: BuildReport['cardImages'];
    if (cardImages) {
      const needed = imageJobs.filter((_, i) => selection.dirty.has(imagePlans[i]!));
      drawn = await timed('card images', async () => {
        const cardCache = path.join(root, '.cache', 'cards');
        if (clean) await rm(cardCache, { recursive: true, force: true });
        const result = await renderCardImages(needed, { cacheDir: cardCache, logger: options.logger });
        for (const [imagePath, data] of result.images) images.set(imagePath, data);
        // Distinct images, as the card renderer counts them: those not drawn came from its cache
        // or are still in out/ untouched.
        const distinct = new Set(imagePlans.map((plan) => plan.key)).size;
        return { rendered: result.rendered, reused: distinct - result.rendered };
      });
    }
    // A full build hands each page to the writer thread as soon as it is rendered, so nothing
    // waits for the whole site to be in memory; an incremental one compares with out/ first.
    if (!selection.incremental) staged ??= await openStagedOutput(out);
    const elsewhere = (plan: PlannedOutput) => (plan.kind === 'quote-card' && cards !== undefined) || (plan.kind === 'feeds' && feedsThread !== undefined);
    const rendering = await timed('rendering', async () => {
      const made = await renderPlans(selection, staged, elsewhere);
      // The quote cards the thread has not taken yet (counted as rendered by `renderPlans`).
      for (let i = cards?.claim(); i !== undefined; i = cards!.claim()) {
        for (const file of renderEpisodeCards(episodes[i]!, site, theme, config.images)) await staged!.add(file);
      }
      if (feedsThread) addFeedsFromThread(made, selection, await feedsThread.done, feedFragments);
      return made;
    });
    warnings.push(...rendering.warnings);

    const { written, stamps } = await timed('writing', async () => {
      if (!staged) return { written: await writeIncrementally(out, manifestPath, rendering), stamps: undefined };
      const cardStamps = await cards?.done;
      const feedStamps = (await feedsThread?.done)?.stamps;
      const stamps = await staged.commit();
      for (const [p, stamp] of cardStamps ?? []) stamps.set(p, stamp);
      for (const [p, size, mtimeMs] of feedStamps ?? []) stamps.set(p, [size, mtimeMs]);
      return { written: { written: rendering.rendered, deleted: 0 }, stamps };
    });
    finish = { rendering, written, stamps, drawn, stored, input };
  } catch (error) {
    matchCache?.release();
    await cards?.stop();
    await feedsThread?.stop();
    await staged?.abort();
    // Not left writing the cache when the next build (the dev server's) starts.
    await episodesSaved.catch(() => undefined);
    throw error;
  }
  const { rendering, written, stamps, drawn, stored, input } = finish;
  await Promise.all([
    writeManifest(manifestPath, tool, manifestOf(out, rendering, stamps)),
    episodesSaved,
    stored,
    feedFragments.save(),
  ]);
  return {
    stages,
    files: rendering.outputs.count,
    warnings,
    mode: rendering.incremental ? 'incremental' : 'full',
    rendered: rendering.rendered,
    reused: rendering.outputs.count - rendering.rendered,
    ...written,
    episodes: { parsed: episodeResult.parsed, reused: episodeResult.reused },
    ...(drawn ? { cardImages: drawn } : {}),
    ...(options.keepSnapshot ? { snapshot: { input, theme, timezone, root, out } } : {}),
  };
}

/**
 * Waits for the article feeds and matches the episodes against them; starts storing the
 * corpus's and the matching's caches at once. In a function of its own so that nothing of the
 * corpus (tens of megabytes of articles) stays reachable from the rendering that follows: the
 * caches are keyed by what they were made from, so a build that fails later stores nothing wrong.
 */
async function matchArticles(
  feeds: CorpusLoading,
  episodes: readonly Episode[],
  warnings: Diagnostic[],
  timed: <T>(name: string, work: () => Promise<T> | T) => Promise<T>,
  options: Parameters<typeof matchEpisodesCached>[2],
): Promise<{ related: Map<string, RelatedArticle[]>; stored: Promise<unknown> }> {
  // The episodes' side of matching is done while the feeds' thread may still be parsing.
  const prepared = await timed('episode profiles', () => prepareShowAhead(episodes, options));
  const corpus = await timed('article feeds', () => feeds.done);
  warnings.push(...corpus.warnings);
  const matches = await timed('matching', () => matchEpisodesCached(episodes, corpus, { ...options, prepared }));
  const stored = Promise.all([corpus.save(), matches.save()]);
  corpus.release();
  stored.catch(() => undefined);
  return { related: matches.related, stored };
}

/** The outcome of rendering: what was rendered, who owns each path, and what the last build left. */
interface Rendering {
  /** Rendered files, in plan order, kept only for an incremental build (a full one streams them to the writer). */
  files: RenderedFile[];
  /** Each file's row in the last build's manifest, when the plans align with it (see `alignsWith`). */
  fileRows?: number[];
  /** How many files were rendered. */
  rendered: number;
  outputs: Outputs;
  warnings: Diagnostic[];
  /** Warnings by plan key, for the manifest. */
  planWarnings: Record<string, Diagnostic[]>;
  /** Set when `out/` is updated in place: the last build's manifest. */
  incremental: boolean;
  previous?: LastBuild;
}

/** The last build's manifest, and which of its files are still in `out/` as it left them (by row). */
interface LastBuild {
  manifest: OutputManifest;
  intact: Uint8Array;
}

/** Every output path of this build, in plan order, with the key of the plan that makes it. */
interface Outputs {
  count: number;
  /** The paths; when they are the last build's, split from its manifest only if asked for. */
  paths(): readonly string[];
  keys: string[];
  /** The paths joined by NUL, as the manifest stores them, when they are the last build's. */
  joinedPaths?: string;
  /** Paths the last build made and this one does not. */
  removed: string[];
}

/** Which plan makes each output path, and which plans must be rendered. */
interface Selection {
  /**
   * In plan order, each with the number of paths it owns and those paths (later plans win a
   * shared path), read only for a plan that is rendered: a kept plan's may never be built.
   */
  owned: { plan: PlannedOutput; count: number; paths: () => readonly string[] }[];
  dirty: Set<PlannedOutput>;
  outputs: Outputs;
  incremental: boolean;
  previous?: LastBuild;
}

/**
 * Picks the plans to render: all of them without a usable manifest, else those whose key
 * changed or whose file in `out/` was edited or deleted by hand.
 */
function selectPlans(plans: readonly PlannedOutput[], previous: LastBuild | undefined): Selection {
  if (previous && alignsWith(plans, previous.manifest)) return selectAligned(plans, previous);
  // Later plans win a shared path: generated pages over theme assets over static files.
  const ownerPlan = new Map<string, PlannedOutput>();
  for (const plan of plans) for (const p of plan.paths) ownerPlan.set(p, plan);
  const incremental = previous !== undefined && !changesFileKinds(previous.manifest, ownerPlan);
  const owned: Selection['owned'] = [];
  const dirty = new Set<PlannedOutput>();
  for (const plan of plans) {
    const paths = plan.paths.length === 1 && ownerPlan.get(plan.paths[0]!) === plan ? plan.paths : plan.paths.filter((p) => ownerPlan.get(p) === plan);
    if (!paths.length) continue;
    owned.push({ plan, count: paths.length, paths: () => paths });
    const reusable =
      incremental &&
      paths.every((p) => {
        const row = previous.manifest.row(p);
        return row !== undefined && previous.manifest.keyIs(row, plan.key) && previous.intact[row] === 1;
      });
    if (!reusable) dirty.add(plan);
  }
  const paths: string[] = [];
  const keys: string[] = [];
  for (const [p, plan] of ownerPlan) {
    paths.push(p);
    keys.push(plan.key);
  }
  const removed = previous ? previous.manifest.paths.filter((p) => !ownerPlan.has(p)) : [];
  return { owned, dirty, outputs: { count: paths.length, paths: () => paths, keys, removed }, incremental, previous: incremental ? previous : undefined };
}

/**
 * Whether the plans make exactly the last build's paths in the same order: the usual rebuild.
 * The manifest's paths are distinct, so then no path is shared either, and each path's row is
 * its position; comparing in order spares hashing tens of thousands of paths into maps. A plan
 * whose key determines its paths (`pathCount`) and is the key of its rows has them: its paths
 * are neither built nor compared.
 */
function alignsWith(plans: readonly PlannedOutput[], manifest: OutputManifest): boolean {
  let row = 0;
  for (const plan of plans) {
    if (plan.pathCount !== undefined && keyOfRows(manifest, row, plan.pathCount, plan.key)) {
      row += plan.pathCount;
      continue;
    }
    for (const p of plan.paths) if (row >= manifest.length || !manifest.pathIs(row++, p)) return false;
  }
  return row === manifest.length;
}

/** Whether rows `from` to `from + count` of the manifest exist and were all made from `key`. */
function keyOfRows(manifest: OutputManifest, from: number, count: number, key: string): boolean {
  if (from + count > manifest.length) return false;
  for (let row = from; row < from + count; row++) if (!manifest.keyIs(row, key)) return false;
  return true;
}

/** `selectPlans` when the plans align with the last build (`alignsWith`). */
function selectAligned(plans: readonly PlannedOutput[], previous: LastBuild): Selection {
  const { manifest, intact } = previous;
  const owned: Selection['owned'] = [];
  const dirty = new Set<PlannedOutput>();
  const outputs: Outputs = { count: manifest.length, paths: () => manifest.paths, keys: new Array<string>(manifest.length), joinedPaths: manifest.joinedPaths, removed: [] };
  let row = 0;
  for (const plan of plans) {
    const count = plan.pathCount ?? plan.paths.length;
    owned.push({ plan, count, paths: () => plan.paths });
    let reusable = true;
    for (let i = 0; i < count; i++, row++) {
      outputs.keys[row] = plan.key;
      if (intact[row] !== 1 || !manifest.keyIs(row, plan.key)) reusable = false;
    }
    if (!reusable) dirty.add(plan);
  }
  return { owned, dirty, outputs, incremental: true, previous };
}

/**
 * Renders the selected plans; a reused plan's warnings come from the manifest. With `staged`
 * (a full build) each file goes straight to the writer and is not kept. Plans `elsewhere`
 * are rendered by another thread and only counted here.
 */
async function renderPlans(selection: Selection, staged: StagedOutput | undefined, elsewhere?: (plan: PlannedOutput) => boolean): Promise<Rendering> {
  const files: RenderedFile[] = [];
  // Aligned with the last build, the owned plans' paths are its rows in order.
  const fileRows: number[] | undefined = selection.outputs.joinedPaths !== undefined ? [] : undefined;
  let row = 0;
  let rendered = 0;
  const warnings: Diagnostic[] = [];
  const planWarnings: Record<string, Diagnostic[]> = {};
  for (const { plan, count, paths: pathsOf } of selection.owned) {
    let planned: Diagnostic[] | undefined;
    const first = row;
    row += count;
    if (selection.dirty.has(plan) && elsewhere?.(plan)) {
      rendered += count;
    } else if (selection.dirty.has(plan)) {
      const paths = pathsOf();
      const result = plan.render();
      for (const file of result.files) {
        const at = paths.length > 1 ? paths.indexOf(file.path) : paths[0] === file.path ? 0 : -1;
        if (at === -1) continue;
        rendered++;
        if (!staged) {
          files.push(file);
          fileRows?.push(first + at);
        } else await staged.add({ path: file.path, data: wholeData(file.data) });
      }
      planned = result.warnings;
    } else {
      planned = selection.previous?.manifest.warnings[plan.key];
    }
    if (planned?.length) {
      warnings.push(...planned);
      planWarnings[plan.key] = planned;
    }
  }
  return {
    files,
    ...(fileRows ? { fileRows } : {}),
    rendered,
    outputs: selection.outputs,
    warnings,
    planWarnings,
    incremental: selection.incremental,
    previous: selection.previous,
  };
}

/**
 * The feeds written by their own thread (a full build, `startFeeds`) as if rendered here: their
 * warnings in the plan's place for the manifest, and their layout for the next build's reuse.
 */
function addFeedsFromThread(rendering: Rendering, selection: Selection, made: FeedsWritten, fragments: FeedFragmentCache): void {
  const plan = selection.owned.find(({ plan }) => plan.kind === 'feeds')?.plan;
  if (made.warnings.length) {
    rendering.warnings.push(...made.warnings);
    if (plan) rendering.planWarnings[plan.key] = made.warnings;
  }
  const size = (p: string) => made.stamps.find(([written]) => written === p)?.[1];
  fragments.renderedElsewhere({ xml: size('feed.xml'), json: size('feed.json') }, made.layout, made.counts);
}

/**
 * True when a path that was a file must become a folder or the other way round (a static
 * `notes` replaced by `notes/index.html`): renaming cannot do that in place, so such a build
 * writes the whole folder anew.
 */
function changesFileKinds(previous: OutputManifest, current: ReadonlyMap<string, unknown>): boolean {
  let folders: Set<string> | undefined;
  for (const p of current.keys()) {
    if (previous.row(p) !== undefined) continue;
    if (!folders) {
      folders = new Set();
      for (const old of previous.paths) {
        for (let i = old.indexOf('/'); i !== -1; i = old.indexOf('/', i + 1)) folders.add(old.slice(0, i));
      }
    }
    if (folders.has(p)) return true;
    for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) if (previous.row(p.slice(0, i)) !== undefined) return true;
  }
  return false;
}

/**
 * Writes the rendered files that differ from `out/` and deletes the outputs that are gone. The
 * manifest is dropped first, so a build stopped half-way makes the next one a full build.
 */
async function writeIncrementally(out: string, manifestPath: string, rendering: Rendering): Promise<{ written: number; deleted: number }> {
  const { manifest, intact } = rendering.previous!;
  const changed: RenderedFile[] = [];
  for (const [i, file] of rendering.files.entries()) {
    const row = rendering.fileRows ? rendering.fileRows[i] : manifest.row(file.path);
    if (row !== undefined && intact[row] === 1 && (await sameBytes(path.join(out, file.path), file.data, manifest.sizes[row]!))) continue;
    changed.push(file);
  }
  const removed = rendering.outputs.removed;
  if (changed.length || removed.length) {
    await dropManifest(manifestPath);
    await writeChanged(out, changed, removed);
  }
  return { written: changed.length, deleted: removed.length };
}

/** Whether a file already holds exactly these bytes (its size known from the manifest). */
async function sameBytes(file: string, data: RenderedFile['data'], size: number): Promise<boolean> {
  if (data instanceof FilePieces) return samePieces(file, size, data);
  if ((typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength) !== size) return false;
  return Buffer.compare(await readFile(file), typeof data === 'string' ? Buffer.from(data) : data) === 0;
}

/**
 * The manifest after writing: each output's key, size and modification time (as the writer
 * thread saw them after a full build, else read from disk).
 */
function manifestOf(out: string, rendering: Rendering, stamps: WrittenStamps | undefined): OutputManifest {
  const previous = rendering.previous?.manifest;
  const { count, keys, joinedPaths } = rendering.outputs;
  const sizes = new Float64Array(count);
  const mtimes = new Float64Array(count);
  const stampOf = (p: string) => {
    const stamp = stamps?.get(p);
    return stamp ? { size: stamp[0], mtimeMs: stamp[1] } : fileStamp(path.join(out, p));
  };
  if (rendering.incremental && previous && rendering.fileRows) {
    // Aligned with the last build (see alignsWith), a path's row is its position: the kept
    // rows are copied, and no path but the rendered ones is looked at.
    sizes.set(previous.sizes);
    mtimes.set(previous.mtimes);
    rendering.files.forEach((file, i) => {
      const { size, mtimeMs } = stampOf(file.path);
      sizes[rendering.fileRows![i]!] = size;
      mtimes[rendering.fileRows![i]!] = mtimeMs;
    });
    return new OutputManifest({ joinedPaths: joinedPaths ?? previous.joinedPaths, joinedKeys: keys.join('\0'), sizes, mtimes, warnings: rendering.planWarnings });
  }
  const rendered = new Set(rendering.files.map((f) => f.path));
  const paths = rendering.outputs.paths();
  paths.forEach((p, i) => {
    const kept = previous?.row(p);
    if (rendering.incremental && kept !== undefined && !rendered.has(p)) {
      sizes[i] = previous!.sizes[kept]!;
      mtimes[i] = previous!.mtimes[kept]!;
      return;
    }
    const { size, mtimeMs } = stampOf(p);
    sizes[i] = size;
    mtimes[i] = mtimeMs;
  });
  return new OutputManifest({ paths, keys, sizes, mtimes, warnings: rendering.planWarnings, ...(joinedPaths === undefined ? {} : { joinedPaths }) });
}

function isFolder(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
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

/** `static/` copied as is, and the artwork when it lives elsewhere, keyed by their bytes. */
async function planStaticFiles(root: string, config: ShowConfig): Promise<PlannedOutput[]> {
  const copies = await staticFiles(root, config);
  return Promise.all(
    copies.map(async ({ path: outPath, from }) => {
      const bytes = await readFile(from);
      return planFile(outPath, contentHash('static', bytes), () => bytes);
    }),
  );
}

/** `static/` copied as is, and the artwork when it lives elsewhere in the show folder. */
async function staticFiles(root: string, config: ShowConfig): Promise<{ path: string; from: string }[]> {
  const dir = path.join(root, 'static');
  const files: { path: string; from: string }[] = [];
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
