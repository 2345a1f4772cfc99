import { describe, expect, it } from 'vitest';
import { scheduleRebuilds, type ChangeBatch } from '../../src/dev/schedule-rebuilds.ts';

/** A rebuild the test finishes by hand, recording the batches it was given. */
function manualRebuild() {
  const batches: ChangeBatch[] = [];
  const finishers: (() => void)[] = [];
  const started: ((batch: ChangeBatch) => void)[] = [];
  return {
    batches,
    rebuild: (batch: ChangeBatch) => {
      batches.push(batch);
      started.shift()?.(batch);
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
    /** Resolves with the next batch a rebuild starts on. */
    nextStart: () => new Promise<ChangeBatch>((resolve) => started.push(resolve)),
    finish: () => finishers.shift()!(),
  };
}

describe('scheduling rebuilds', () => {
  it('takes a burst of saves as one batch, each file once and sorted', async () => {
    const build = manualRebuild();
    const scheduler = scheduleRebuilds(build.rebuild, { debounceMs: 50, maxWaitMs: 10_000 });
    const start = build.nextStart();
    scheduler.changed('episodes/b.md');
    scheduler.changed('episodes/a.md');
    scheduler.changed('episodes/b.md');
    const batch = await start;
    expect(batch.files).toEqual(['episodes/a.md', 'episodes/b.md']);
    expect(batch.since).toBeLessThanOrEqual(performance.now());
    build.finish();
    await scheduler.close();
    expect(build.batches.length).toBe(1);
  });

  it('never runs two rebuilds at once: saves during one are built together right after it', async () => {
    const build = manualRebuild();
    const scheduler = scheduleRebuilds(build.rebuild, { debounceMs: 10, maxWaitMs: 10_000 });
    const first = build.nextStart();
    scheduler.changed('episodes/a.md');
    await first;
    const second = build.nextStart();
    scheduler.changed('templates/episode.hbs');
    scheduler.changed('episodes/c.md');
    // Wait past the quiet time so the second batch is due while the first still runs.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(build.batches.length).toBe(1);
    build.finish();
    expect((await second).files).toEqual(['episodes/c.md', 'templates/episode.hbs']);
    build.finish();
    await scheduler.close();
    expect(build.batches.map((b) => b.files)).toEqual([['episodes/a.md'], ['episodes/c.md', 'templates/episode.hbs']]);
  });

  it('runNow builds at once, with nothing changed, and waits for it', async () => {
    const build = manualRebuild();
    const scheduler = scheduleRebuilds(build.rebuild, { debounceMs: 10_000, maxWaitMs: 10_000 });
    let done = false;
    const running = scheduler.runNow().then(() => (done = true));
    await Promise.resolve();
    expect(build.batches.map((b) => b.files)).toEqual([[]]);
    expect(done).toBe(false);
    build.finish();
    await running;
    expect(done).toBe(true);
    await scheduler.close();
  });

  it('builds nothing after close, and close waits for the running rebuild', async () => {
    const build = manualRebuild();
    const scheduler = scheduleRebuilds(build.rebuild, { debounceMs: 10, maxWaitMs: 10_000 });
    const first = build.nextStart();
    scheduler.changed('episodes/a.md');
    await first;
    scheduler.changed('episodes/b.md');
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    build.finish();
    await closing;
    scheduler.changed('episodes/c.md');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(build.batches.map((b) => b.files)).toEqual([['episodes/a.md']]);
  });
});
