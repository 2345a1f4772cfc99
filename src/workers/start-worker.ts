import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, workerData } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../package-root.ts';

/**
 * Starts one of our worker threads by its source path under `src/` without the extension
 * (`output/write-files.worker`).
 *
 * Two ways to run, like the CLI itself: from the esbuild bundle, where every `*.worker.ts` is
 * compiled to a file beside the bundle with the bundle's extension (`scripts/bundle.mjs`,
 * `bench/bundle-build-once.ts`), or from the TypeScript
 * sources (tests, `tsx`), where a small JavaScript bootstrap registers tsx inside the new thread
 * first: a worker does not inherit the loader hooks of the thread that starts it.
 */
export function startWorker(entry: string, input: unknown): Worker {
  const here = fileURLToPath(import.meta.url);
  const compiled = path.join(path.dirname(here), `${path.basename(entry)}${path.extname(here)}`);
  if (!here.endsWith('.ts') && existsSync(compiled)) return new Worker(compiled, { workerData: { data: input } });
  const source = path.join(PACKAGE_ROOT, 'src', `${entry}.ts`);
  return new Worker(path.join(PACKAGE_ROOT, 'src', 'workers', 'run-typescript-worker.mjs'), {
    workerData: { entry: source, data: input },
  });
}

/** Inside a worker: the `input` it was started with. */
export function workerInput<T>(): T {
  return (workerData as { data: T }).data;
}
