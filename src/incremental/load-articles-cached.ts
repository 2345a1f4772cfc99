import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../articles/article.ts';
import type { LoadArticlesOptions } from '../articles/load-articles.ts';
import { startLoadingArticles, type LoadedCorpus } from '../articles/start-loading-articles.ts';
import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { buildCorpusIndex, type CorpusIndex } from '../matching/corpus-index.ts';
import { removeCacheFile } from './build-cache-file.ts';

/** The article corpus of a build, read now or reused from the last build. */
export interface CachedCorpus {
  /** A digest of what every feed's articles were parsed from: equal fingerprints, equal corpus. */
  fingerprint: string;
  warnings: Diagnostic[];
  /** True when no feed was parsed in this run (every parse came from the cache). */
  reused: boolean;
  /** The merged articles, unpacked on the first call (a build whose matches are reused never calls it). */
  articles(): Promise<readonly Article[]>;
  /**
   * `buildCorpusIndex(await articles())`: built on the feeds' thread when the loading was
   * started with `index`, else here on the first call. Not after `release`.
   */
  index(): Promise<CorpusIndex>;
  /**
   * Lets go of the articles (tens of megabytes, packed and unpacked) once matching is done:
   * whatever still holds this corpus (the build's pending promises) then holds only its digest
   * and warnings. `articles` must not be called after.
   */
  release(): void;
  /** Waits for this run's parse cache entries and drops the entries no feed uses any more. */
  save(): Promise<void>;
}

/** How a build reads its feeds. */
export interface LoadArticlesCachedOptions extends LoadArticlesOptions {
  /** The build cache folder (`buildCacheDir`); parsed feeds live in its `parsed-feeds/`. */
  cacheDir: string;
  /** The tool's version (`toolVersion`). */
  tool: string;
  /** Parse every feed (the cache is still written for the next build). */
  clean: boolean;
  /** Worker threads (`startLoadingArticles`); 0 reads on this thread. */
  threads?: number;
  /**
   * Build the corpus index on the feeds' thread (`StartLoadingArticlesOptions.index`): set when
   * the build will need a fresh one (clean, or no cached matching), which it then gets from
   * `index()` instead of building it on its own thread.
   */
  index?: boolean;
}

/** The article corpus being read in the background. */
export interface CorpusLoading {
  done: Promise<CachedCorpus>;
}

/**
 * Starts reading the article feeds on worker threads (`startLoadingArticles`) and returns at
 * once: the build parses episodes meanwhile and awaits `done` when it needs the corpus. Each
 * feed's parse is cached by the feed's bytes and settings, so a feed that did not change is
 * never parsed again, even when others did; `clean` parses every feed.
 */
export function startLoadingArticlesCached(sources: ArticleFeedSource[], options: LoadArticlesCachedOptions): CorpusLoading {
  const { cacheDir, tool, clean, ...loadOptions } = options;
  const dir = parsedFeedsDir(cacheDir);
  const loading = startLoadingArticles(sources, { ...loadOptions, parseCache: { dir, tool, read: !clean, stamps: path.join(cacheDir, 'feed-stamps') } });
  const done = loading.done.then((loaded) => cachedCorpus(loaded, dir, cacheDir));
  // Started early and maybe never awaited (the build stopped on an error): see startLoadingArticles.
  done.catch(() => {});
  return { done };
}

/** `startLoadingArticlesCached(...).done`: the corpus, once every feed is read. */
export async function loadArticlesCached(sources: ArticleFeedSource[], options: LoadArticlesCachedOptions): Promise<CachedCorpus> {
  return startLoadingArticlesCached(sources, options).done;
}

/** The folder of parsed feeds inside the build cache. */
export function parsedFeedsDir(cacheDir: string): string {
  return path.join(cacheDir, 'parsed-feeds');
}

function cachedCorpus(loaded: LoadedCorpus, dir: string, cacheDir: string): CachedCorpus {
  const { settled, keys } = loaded;
  let source: LoadedCorpus | undefined = loaded;
  const live = (): LoadedCorpus => {
    if (!source) throw new Error('internal error: the articles were read after the corpus was released');
    return source;
  };
  let built: CorpusIndex | undefined;
  return {
    fingerprint: loaded.fingerprint,
    warnings: loaded.warnings,
    reused: loaded.parsed === 0,
    articles: async () => {
      const corpus = live();
      return corpus.index ? (await corpus.index).articles : corpus.articles();
    },
    index: async () => {
      const corpus = live();
      return corpus.index ?? (built ??= buildCorpusIndex(corpus.articles()));
    },
    release: () => {
      source = undefined;
      built = undefined;
    },
    save: async () => {
      await settled;
      await pruneEntries(dir, new Set(keys.map((key) => `${key}.bin`)));
      // The whole-corpus JSON of earlier versions: never read any more.
      await Promise.all(['corpus.json', 'articles.json'].map((name) => removeCacheFile(path.join(cacheDir, name))));
    },
  };
}

/** Removes the entries of feeds no longer read (an edited feed leaves its old parse behind). */
async function pruneEntries(dir: string, keep: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => !keep.has(name) && !name.endsWith('.tmp')).map((name) => removeCacheFile(path.join(dir, name))));
}
