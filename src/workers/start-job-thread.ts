import { startWorker } from './start-worker.ts';

/** A job running on a thread of its own: `done` gives its outcome, `stop` abandons it. */
export interface JobThread<T> {
  done: Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts a worker (`startWorker`) that does one job and replies once. `settle` turns the reply
 * into the outcome, or throws the error the job reported; a thread that crashes or exits
 * without replying rejects `done` naming the `thread`. The thread is stopped once it has
 * replied. A build that fails elsewhere calls `stop` and never reads `done`, so its rejection
 * is never left unhandled.
 */
export function startJobThread<Reply, T>(entry: string, input: unknown, thread: string, settle: (reply: Reply) => T): JobThread<T> {
  const worker = startWorker(entry, input);
  const done = new Promise<T>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      try {
        resolve(settle(reply));
      } catch (error) {
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`internal error: the ${thread} thread stopped (exit code ${code})`)));
  });
  const finished = done.finally(() => worker.terminate());
  finished.catch(() => undefined);
  return {
    done: finished,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** The error a job thread reported, as a plain error with its system code. */
export function reportedError(reply: { message: string; code?: string }): Error {
  return Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code });
}
