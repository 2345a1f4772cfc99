import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.ts';
import { silentLogger } from '../../src/logger.ts';
import { bundleWithWorkers } from '../../bench/bundle-build-once.ts';
import { repoRoot } from '../shared-dir.ts';

/**
 * The worker as users run it: compiled by esbuild like `scripts/bundle.mjs` does (the build
 * and the workers side by side), started by plain node without tsx. Inside the
 * repository, so the bundle finds node_modules as dist/ does.
 */
const dir = path.join(repoRoot, 'tests', '.tmp', `worker-bundle-${process.pid}`);
const sources = [{ location: 'feeds/hollywood-news.xml' }, { location: 'feeds/tv-wire.atom' }, { location: 'feeds/missing.xml' }];

const entry = `
import { startLoadingArticles } from ${JSON.stringify(path.join(repoRoot, 'src/articles/start-loading-articles.ts'))};
const logger = { info() {}, warn() {}, progress() {} };
async function run() {
  try {
    const loaded = await startLoadingArticles(${JSON.stringify(sources)}, { root: ${JSON.stringify(repoRoot)}, offline: true, refreshSeconds: 3600, logger, threads: 2 }).done;
    const articles = loaded.articles().map((a) => ({ ...a, published: a.published?.toISOString() }));
    process.stdout.write(JSON.stringify({ warnings: loaded.warnings, statuses: loaded.feeds.map((f) => f.status), articles }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error.message }));
  }
}
void run();
`;

async function run(): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'entry.cjs')], { cwd: dir });
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'entry.ts'), entry);
  // As the bench does: the workers compiled beside the bundle.
  await bundleWithWorkers(path.join(dir, 'entry.ts'), repoRoot, dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the bundled worker', () => {
  it('runs beside the bundle without tsx and gives what loadArticles gives', async () => {
    expect(existsSync(path.join(dir, 'load-feeds.worker.cjs'))).toBe(true);
    const reference = await loadArticles(sources, { root: repoRoot, offline: true, refreshSeconds: 3600, logger: silentLogger });
    const result = await run();
    expect(result.statuses).toEqual(['local', 'local', 'failed']);
    expect(result.warnings).toEqual(reference.warnings);
    expect(result.warnings).toEqual([
      { severity: 'warning', file: 'feeds/missing.xml', field: 'articles.feeds[2]', message: 'file not found; the feed is left out' },
    ]);
    expect(result.articles).toEqual(reference.articles.map((a) => JSON.parse(JSON.stringify({ ...a, published: a.published?.toISOString() })) as unknown));
  });

});
