import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWithWorkers } from '../../bench/bundle-build-once.ts';
import { buildCorpusIndex } from '../../src/matching/corpus-index.ts';
import { repoRoot } from '../shared-dir.ts';
import { makeArticle } from './make-fixtures.ts';

/**
 * The corpus-index thread as users run it: compiled by esbuild beside the bundle (as
 * `scripts/bundle.mjs` does), started by plain node without tsx.
 */
const dir = path.join(repoRoot, 'tests', '.tmp', `index-worker-bundle-${process.pid}`);
const articles = [
  makeArticle('https://a.example/1', 'Casino Night, revisited', '“Don’t leave until you’re called,” Jenna Fischer said of Casino Night.'),
  makeArticle('https://a.example/2', 'Flu Season', 'The crew kept a spray bottle of glycerin on the cart.'),
];

const entry = `
import { startBuildingCorpusIndex } from ${JSON.stringify(path.join(repoRoot, 'src/matching/start-building-corpus-index.ts'))};
const articles = ${JSON.stringify(articles.map(({ url, title, text }) => ({ url, title, text, source: 'Test', excerpt: '', html: '' })))};
try {
  const index = await startBuildingCorpusIndex(articles, { thread: true });
  process.stdout.write(JSON.stringify({ words: index.words, tokens: [...index.tokens], positions: [...index.positions], casino: index.vocab.get('casino') }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message }));
}
`;

beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'entry.ts'), entry);
  await bundleWithWorkers(path.join(dir, 'entry.ts'), repoRoot, dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the bundled corpus-index thread', () => {
  it('runs beside the bundle without tsx and gives the index built here', async () => {
    expect(existsSync(path.join(dir, 'build-corpus-index.worker.mjs'))).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'entry.mjs')], { cwd: dir });
    const here = buildCorpusIndex(articles);
    expect(JSON.parse(stdout)).toEqual({ words: here.words, tokens: [...here.tokens], positions: [...here.positions], casino: here.vocab.get('casino') });
    expect(here.words).toContain('casino');
  });
});
