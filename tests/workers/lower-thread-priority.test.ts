import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerThreadPriority } from '../../src/workers/lower-thread-priority.ts';

/** Runs `lowerThreadPriority(steps)` on a worker thread and reports that thread's nice value before and after. */
async function onWorker(steps: number): Promise<{ before: number; after: number }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readlinkSync } = require('node:fs');
    const { getPriority } = require('node:os');
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const before = getPriority(tid);
    // Loader hooks are per thread: tsx is registered here before the TypeScript module is read.
    import('tsx/esm/api').then(({ register }) => {
      register();
      return import(workerData.module);
    }).then(({ lowerThreadPriority }) => {
      lowerThreadPriority(workerData.steps);
      parentPort.postMessage({ before, after: getPriority(tid) });
    });`;
  const module = new URL('../../src/workers/lower-thread-priority.ts', import.meta.url).href;
  const worker = new Worker(source, { eval: true, workerData: { module, steps } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe.runIf(process.platform === 'linux')('lowerThreadPriority', () => {
  it('raises the nice value of the calling thread only, capped at 19', async () => {
    const main = getPriority(process.pid);
    const lowered = await onWorker(4);
    expect(lowered.after).toBe(Math.min(19, lowered.before + 4));
    expect(getPriority(process.pid)).toBe(main);
    const capped = await onWorker(40);
    expect(capped.after).toBe(19);
  });

  it('leaves the thread as it is for no steps', async () => {
    const same = await onWorker(0);
    expect(same.after).toBe(same.before);
    // Here, on the main thread, too: nothing to undo afterwards.
    const main = getPriority(process.pid);
    lowerThreadPriority(0);
    expect(getPriority(process.pid)).toBe(main);
  });
});
