import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../articles/article.ts';
import { readCachedFeed } from '../articles/feed-cache.ts';
import { isUrl } from '../articles/load-feed-source.ts';
import { loadArticles, type LoadArticlesOptions } from '../articles/load-articles.ts';
import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { readCacheFile, writeCacheFile } from './build-cache-file.ts';
import { contentHash } from './content-hash.ts';

/** The article corpus of a build, read now or reused from the last build. */
export interface CachedCorpus {
  /** A digest of every feed's bytes and settings: equal fingerprints, equal corpus. */
  fingerprint: string;
  warnings: Diagnostic[];
  /** True when no feed was parsed in this run. */
  reused: boolean;
  /** The merged articles; read from the cache on first call when the corpus was reused. */
  articles(): Promise<Article[]>;
  /** Stores this run's corpus for the next build. */
  save(): Promise<void>;
}

/** An article as stored: JSON has no `Date`, and the sanitized HTML is left out (see `storeArticle`). */
type StoredArticle = Omit<Article, 'published' | 'html'> & { published?: string };

interface CorpusSummary {
  fingerprint: string;
  warnings: Diagnostic[];
}

/**
 * `loadArticles`, skipped when no feed changed: every local feed has the same bytes and every
 * remote feed would be served from its cached copy (offline, or younger than
 * `articles.refresh`) with the same bytes. A remote feed due for a request is always loaded.
 * The result is stored only when the feeds on disk were the same before and after loading, so
 * what is reused never depended on the network.
 */
export async function loadArticlesCached(
  sources: ArticleFeedSource[],
  options: LoadArticlesOptions & { cacheDir: string; tool: string; clean: boolean },
): Promise<CachedCorpus> {
  const summaryFile = path.join(options.cacheDir, 'articles.json');
  const corpusFile = path.join(options.cacheDir, 'corpus.json');
  const stamp = options.tool;
  const before = await corpusFingerprint(sources, options);
  const old = options.clean || before === undefined ? undefined : await readCacheFile<CorpusSummary>(summaryFile, stamp);
  if (old && old.fingerprint === before) {
    let articles: Promise<Article[]> | undefined;
    return {
      fingerprint: before,
      warnings: old.warnings,
      reused: true,
      articles: () =>
        (articles ??= readCorpus(corpusFile, stamp, before).then(async (stored) => stored ?? (await loadArticles(sources, options)).articles)),
      save: async () => {},
    };
  }
  const loaded = await loadArticles(sources, options);
  const after = await corpusFingerprint(sources, options);
  const storable = before !== undefined && after === before;
  // A corpus read with requests gets a fingerprint of its own, never reused.
  const fingerprint = storable ? before : contentHash('loaded', String(Date.now()), String(Math.random()));
  return {
    fingerprint,
    warnings: loaded.warnings,
    reused: false,
    articles: async () => loaded.articles,
    save: async () => {
      if (!storable) return;
      await writeCacheFile(corpusFile, stamp, { fingerprint, articles: loaded.articles.map(storeArticle) });
      await writeCacheFile(summaryFile, stamp, { fingerprint, warnings: loaded.warnings } satisfies CorpusSummary);
    },
  };
}

/**
 * What `loadArticles` would read, as one digest, or undefined when some feed would be
 * requested from the network (or its cached copy is too old).
 */
async function corpusFingerprint(sources: readonly ArticleFeedSource[], options: LoadArticlesOptions): Promise<string | undefined> {
  const parts = await Promise.all(
    sources.map(async (source, index): Promise<string | undefined> => {
      const settings = JSON.stringify([index, source.location, source.name ?? null]);
      if (isUrl(source.location)) {
        const url = source.location.trim();
        const cached = /^https?:\/\//i.test(url) && URL.canParse(url) ? await readCachedFeed(options.root, url) : undefined;
        if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return contentHash(settings, 'not http');
        if (options.offline) return cached ? contentHash(settings, 'offline', JSON.stringify(cached.meta), cached.body) : contentHash(settings, 'offline', 'none');
        if (!cached || options.force) return undefined;
        const age = Date.now() - Date.parse(cached.meta.fetchedAt);
        if (!(age >= 0 && age < options.refreshSeconds * 1000)) return undefined;
        return contentHash(settings, 'fresh', JSON.stringify(cached.meta), cached.body);
      }
      try {
        return contentHash(settings, 'local', await readFile(path.resolve(options.root, source.location)));
      } catch (error) {
        return contentHash(settings, 'unreadable', String((error as NodeJS.ErrnoException).code));
      }
    }),
  );
  if (parts.some((p) => p === undefined)) return undefined;
  return contentHash(...(parts as string[]));
}

/** The stored articles, or undefined when the file is gone or from another corpus (then they are read again). */
async function readCorpus(file: string, stamp: string, fingerprint: string): Promise<Article[] | undefined> {
  const stored = await readCacheFile<{ fingerprint: string; articles: StoredArticle[] }>(file, stamp);
  return stored?.fingerprint === fingerprint ? stored.articles.map(reviveArticle) : undefined;
}

/**
 * The stored copy reads every field but `html`: an article's HTML is sanitized lazily on first
 * read and nothing in the build reads it (matching uses the text, pages the excerpt), so
 * storing it would sanitize 20,000 bodies for nothing.
 */
function storeArticle(article: Article): StoredArticle {
  const stored: StoredArticle = { url: article.url, title: article.title, source: article.source, text: article.text, excerpt: article.excerpt };
  if (article.published) stored.published = article.published.toISOString();
  if (article.author !== undefined) stored.author = article.author;
  if (article.image !== undefined) stored.image = article.image;
  return stored;
}

function reviveArticle(stored: StoredArticle): Article {
  const { published, ...rest } = stored;
  const article = (published === undefined ? rest : { ...rest, published: new Date(published) }) as Article;
  // A bug that starts reading it from a cached corpus fails loudly, never with wrong HTML.
  Object.defineProperty(article, 'html', {
    enumerable: false,
    get: () => {
      throw new Error('internal error: an article read from the build cache has no HTML; build with --clean');
    },
  });
  return article;
}
