import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority by `steps` nice levels, so that work nobody
 * waits for yields the cores to work that is waited for. Linux only, where a thread's id is a
 * valid target of setpriority(2) and the scheduler weighs each thread by its own nice value;
 * elsewhere, or when the system refuses, nothing changes. A thread cannot raise its priority
 * again without privileges: call it only for what that thread does last.
 */
export function lowerThreadPriority(steps: number): void {
  if (process.platform !== 'linux' || steps <= 0) return;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>" for the thread that reads it.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, Math.min(19, getPriority(tid) + steps));
  } catch {
    // Best effort: without /proc, or refused, the priority stays as it was.
  }
}
