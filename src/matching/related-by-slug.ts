import { relatedDigest } from '../incremental/related-text.ts';
import type { RelatedArticle } from './related.ts';

/** What a list is read from: a matching record, whose list a stored record parses on first read. */
interface RelatedSource {
  readonly related: RelatedArticle[];
  /** Set by a record whose list the matching cache stored with its digest (`relatedDigest`). */
  readonly relatedDigest?: string;
}

/** Marks a slug whose list is not read yet. */
const UNREAD: RelatedArticle[] = Object.freeze([]) as unknown as RelatedArticle[];

/**
 * Each episode's related articles by slug, in the episodes' order, a list read from its record
 * only when asked for (`get`, or any walk over the map). A rebuild of a large show renders a few
 * pages and feed items and makes its output keys from the lists' digests (`digest`), so the
 * thousands of lists the matching cache stored are never parsed: 4,000 on the benchmark show,
 * some 20,000 objects that lived to the end of the build.
 */
export class RelatedBySlug extends Map<string, RelatedArticle[]> {
  #sources = new Map<string, RelatedSource>();

  constructor(entries: Iterable<readonly [string, RelatedSource]>) {
    super();
    for (const [slug, source] of entries) {
      super.set(slug, UNREAD);
      this.#sources.set(slug, source);
    }
  }

  /** The digest of a slug's list (`relatedDigest`), without reading a list stored with its digest. */
  digest(slug: string): string {
    const stored = super.get(slug) === UNREAD ? this.#sources.get(slug)!.relatedDigest : undefined;
    return stored ?? relatedDigest(this.get(slug));
  }

  override get(slug: string): RelatedArticle[] | undefined {
    const list = super.get(slug);
    return list === UNREAD ? this.#read(slug) : list;
  }

  override set(slug: string, list: RelatedArticle[]): this {
    this.#sources.delete(slug);
    return super.set(slug, list);
  }

  override delete(slug: string): boolean {
    this.#sources.delete(slug);
    return super.delete(slug);
  }

  override clear(): void {
    this.#sources.clear();
    super.clear();
  }

  override forEach(callback: (list: RelatedArticle[], slug: string, map: Map<string, RelatedArticle[]>) => void, thisArg?: unknown): void {
    this.#readAll();
    super.forEach(callback, thisArg);
  }

  override entries(): MapIterator<[string, RelatedArticle[]]> {
    this.#readAll();
    return super.entries();
  }

  override values(): MapIterator<RelatedArticle[]> {
    this.#readAll();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, RelatedArticle[]]> {
    this.#readAll();
    return super[Symbol.iterator]();
  }

  #read(slug: string): RelatedArticle[] {
    const list = this.#sources.get(slug)!.related;
    this.#sources.delete(slug);
    // Set in place: the slug keeps its position.
    super.set(slug, list);
    return list;
  }

  #readAll(): void {
    for (const slug of [...this.#sources.keys()]) this.#read(slug);
  }
}

/** The digest of `slug`'s related articles in `related`, read from the matching cache where it can be. */
export function relatedDigestOf(related: ReadonlyMap<string, readonly RelatedArticle[]>, slug: string): string {
  return related instanceof RelatedBySlug ? related.digest(slug) : relatedDigest(related.get(slug));
}
