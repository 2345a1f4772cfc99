/** The saves one rebuild takes in. */
export interface ChangeBatch {
  /** Changed paths relative to the show folder, with `/`, sorted, each once. */
  files: string[];
  /** `performance.now()` when the first of them was seen: where "rebuilt in" counts from. */
  since: number;
}

/** Turns a stream of saves into rebuilds, one at a time. */
export interface RebuildScheduler {
  /** Records a changed path; a rebuild starts once saves pause. */
  changed(file: string): void;
  /** Builds now, with whatever is waiting (after the running rebuild, if any); for the first build. */
  runNow(): Promise<void>;
  /** Drops what is waiting and resolves when the running rebuild (if any) has ended. */
  close(): Promise<void>;
}

/** Timing of the scheduler, in milliseconds. */
export interface ScheduleTiming {
  /** Quiet time after a save before rebuilding, so an editor's burst of writes is one build. */
  debounceMs: number;
  /** Longest wait from the first save of a batch, so a steady stream of saves still builds. */
  maxWaitMs: number;
}

/** ~50–100 ms covers "save all" and atomic-save editors (write temp, rename) without feeling slow. */
export const DEFAULT_TIMING: ScheduleTiming = { debounceMs: 75, maxWaitMs: 500 };

/**
 * Debounces saves into batches and runs `rebuild` on each, never two at once: saves that come
 * while a rebuild runs are queued and built right after it, together. `rebuild` reports its own
 * failures: it must not reject.
 */
export function scheduleRebuilds(rebuild: (batch: ChangeBatch) => Promise<void>, timing: ScheduleTiming = DEFAULT_TIMING): RebuildScheduler {
  const pending = new Set<string>();
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const flush = (force = false) => {
    timer = undefined;
    if (running || closed || (pending.size === 0 && !force)) return;
    const batch: ChangeBatch = { files: [...pending].sort(), since: pending.size ? since : performance.now() };
    pending.clear();
    running = rebuild(batch).finally(() => {
      running = undefined;
      // Saves made during the build whose quiet time has already passed: build them now.
      if (!timer) flush();
    });
  };

  return {
    changed(file) {
      if (closed) return;
      const now = performance.now();
      if (pending.size === 0) since = now;
      pending.add(file);
      if (timer) clearTimeout(timer);
      const wait = Math.max(0, Math.min(timing.debounceMs, since + timing.maxWaitMs - now));
      timer = setTimeout(() => flush(), wait);
    },
    async runNow() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running) await running;
      flush(true);
      await running;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      await running;
    },
  };
}
