/// <reference lib="dom" />
// linkedom models the DOM with the DOM types.
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';

/** A built page, parsed. */
export type PageDocument = ReturnType<typeof parseHTML>['document'];

/** Reads and parses one built HTML page. */
export async function readPage(file: string): Promise<PageDocument> {
  return parseHTML(await readFile(file, 'utf8')).document;
}

/** The content of `<meta property=…>` or `<meta name=…>`, or undefined when the page has none. */
export function meta(document: PageDocument, key: string): string | undefined {
  const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return element?.getAttribute('content') ?? undefined;
}

/** Every JSON-LD block of the page, parsed (a block that is not JSON throws, failing the test). */
export function jsonLd(document: PageDocument): Record<string, unknown>[] {
  return [...document.querySelectorAll('script[type="application/ld+json"]')].map(
    (script) => JSON.parse(script.textContent ?? '') as Record<string, unknown>,
  );
}

/** The page's one JSON-LD block; throws when there is none or more than one. */
export function onlyJsonLd(document: PageDocument): Record<string, unknown> {
  const blocks = jsonLd(document);
  if (blocks.length !== 1 || !blocks[0]) throw new Error(`expected one JSON-LD block, found ${blocks.length}`);
  return blocks[0];
}
