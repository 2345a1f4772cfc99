import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker.ts';
import type { OutputFile } from './output-file.ts';
import { mostBytes, putBytes } from './put-bytes.ts';
import { removeInBackground } from './remove-in-background.ts';
import type { WriterFile, WriterReply, WriterRequest } from './staged-writer-protocol.ts';

/** Files are sent to the writer thread in batches of about this many bytes (one message each). */
const BATCH_BYTES = 512 * 1024;
const BATCH_FILES = 256;
/** Room for a batch, and for the page that ends it at three bytes per UTF-16 unit. */
const SCRATCH_BYTES = 2 * 1024 * 1024;
/** Rendering waits while more than this is rendered but not yet written, so memory stays flat. */
const IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/** From this size on, a file whose bytes fill a buffer of their own is transferred to the writer whole. */
const OWN_BUFFER_BYTES = 1024 * 1024;

function ownsLargeBuffer(data: string | Uint8Array): data is Uint8Array & { buffer: ArrayBuffer } {
  return (
    typeof data !== 'string' &&
    data.byteLength >= OWN_BUFFER_BYTES &&
    data.byteOffset === 0 &&
    data.buffer instanceof ArrayBuffer &&
    data.buffer.byteLength === data.byteLength
  );
}

/** Each written file's size and modification time, by output path. */
export type WrittenStamps = Map<string, [size: number, mtimeMs: number]>;

/**
 * A whole new site being written into a staging folder beside `out/`: files are handed over as
 * they are rendered and written by a separate thread meanwhile; `commit` swaps the folder in,
 * `abort` removes it. Until `commit` the previous `out/` is untouched, so a build that fails at
 * any point leaves it exactly as it was.
 */
export interface StagedOutput {
  /** The staging folder: another thread may write files of its own into it before `commit`. */
  folder: string;
  /**
   * Queues a file; the promise, when there is one, resolves once the writer has caught up.
   * Bytes given in a large buffer of their own may be transferred: the caller must not use
   * them afterwards.
   */
  add(file: OutputFile): Promise<void> | undefined;
  commit(): Promise<WrittenStamps>;
  abort(): Promise<void>;
}

/** Opens a staging folder beside `out` and the thread that writes into it. */
export async function openStagedOutput(out: string): Promise<StagedOutput> {
  const parent = path.dirname(out);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(out)}.staging-${tag}`);
  const old = path.join(parent, `.${path.basename(out)}.old-${tag}`);
  await mkdir(staging, { recursive: true });
  const writer = new WriterThread(startWorker('output/write-files.worker', null));
  // Each text is encoded as soon as it is added, in one pass (`put-bytes.ts`), into a scratch
  // buffer, and the batch copied out at its exact size when sent. Encoded at once, a page is
  // garbage before V8's next collection of young objects: held as text until its batch was
  // sent, the pages in waiting (Handlebars' output, a tree of thousands of pieces each) were
  // copied by the collections they lived through; the bench show's build peaked 40–60 MB higher
  // (docs/performance.md, item 87).
  let batch: WriterFile[] = [];
  let scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  let used = 0;
  let closed = false;
  const flush = (): void => {
    if (!batch.length) return;
    // A buffer of its own, not zero-filled first (`new ArrayBuffer` is): it is all written over.
    const owned = Buffer.allocUnsafeSlow(used);
    scratch.copy(owned, 0, 0, used);
    const bytes = owned.buffer as ArrayBuffer;
    writer.send({ type: 'files', files: batch, bytes }, bytes.byteLength);
    batch = [];
    used = 0;
  };
  const place = (file: WriterFile, data: string | Uint8Array): void => {
    const room = mostBytes(data);
    if (used + room > scratch.byteLength) {
      flush();
      if (room > scratch.byteLength) scratch = Buffer.allocUnsafeSlow(Math.max(room, scratch.byteLength * 2));
    }
    const length = putBytes(scratch, data, used);
    batch.push({ ...file, offset: used, length });
    used += length;
  };
  const abort = async (): Promise<void> => {
    closed = true;
    await writer.stop();
    await rm(staging, { recursive: true, force: true });
  };
  return {
    folder: staging,
    add(file) {
      if (closed) throw new Error('internal error: a file was added to an output already committed');
      const target = safeTarget(staging, file.path);
      if ('from' in file) batch.push({ path: file.path, target, from: file.from });
      else if (ownsLargeBuffer(file.data)) {
        // A large file in a buffer of its own (the feeds: tens of megabytes) is handed over as
        // it is, not copied: new memory is slow to touch, and the caller keeps no reference.
        flush();
        writer.send({ type: 'files', files: [{ path: file.path, target, offset: 0, length: file.data.byteLength }], bytes: file.data.buffer }, file.data.byteLength);
      } else place({ path: file.path, target }, file.data);
      if (used >= BATCH_BYTES || batch.length >= BATCH_FILES) flush();
      return writer.inFlight > IN_FLIGHT_BYTES ? writer.drained(IN_FLIGHT_BYTES / 2) : undefined;
    },
    async commit() {
      flush();
      closed = true;
      let stamps: WrittenStamps;
      try {
        stamps = await writer.finish();
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
      await swapIn(staging, out, old);
      return stamps;
    },
    abort,
  };
}

/**
 * Writes a whole site at once: the previous `out/` is replaced only when every file is on
 * disk. Returns each file's size and modification time.
 */
export async function writeOutput(out: string, files: readonly OutputFile[]): Promise<WrittenStamps> {
  const staged = await openStagedOutput(out);
  try {
    for (const file of files) await staged.add(file);
  } catch (error) {
    await staged.abort();
    throw error;
  }
  return staged.commit();
}

/** Renames the staging folder to `out`, the previous `out` aside first and removed last, in the background. */
async function swapIn(staging: string, out: string, old: string): Promise<void> {
  let hadOld = true;
  try {
    await rename(out, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadOld = false;
  }
  try {
    await rename(staging, out);
  } catch (error) {
    if (hadOld) await rename(old, out);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) removeInBackground(old);
  sweepOldOutputs(out, old);
}

/**
 * Starts removing `.out.old-…` folders left beside `out` over an hour ago: a background removal
 * cut short (the machine stopped). A younger one may still be being removed.
 */
function sweepOldOutputs(out: string, current: string): void {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.old-`;
  const before = Date.now() - 60 * 60 * 1000;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const folder = path.join(parent, name);
    if (!name.startsWith(prefix) || folder === current) continue;
    // Renaming a folder sets its change time: when it was set aside.
    const stats = statSync(folder, { throwIfNoEntry: false });
    if (stats?.isDirectory() && stats.ctimeMs < before) removeInBackground(folder);
  }
}

/** The main thread's side of the writer thread: batches sent, bytes not yet acknowledged. */
class WriterThread {
  inFlight = 0;
  private waiters: { below: number; resolve: () => void }[] = [];
  private result: Promise<WrittenStamps>;
  private settle!: { resolve: (stamps: WrittenStamps) => void; reject: (error: Error) => void };

  constructor(private readonly worker: Worker) {
    this.result = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Never an unhandled rejection when the build fails before asking for the result.
    this.result.catch(() => undefined);
    worker.on('message', (reply: WriterReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`internal error: the file writer stopped (exit code ${code})`)));
  }

  send(request: WriterRequest & { type: 'files' }, bytes: number): void {
    this.inFlight += bytes;
    this.worker.postMessage(request, [request.bytes]);
  }

  /** Resolves once fewer than `below` bytes wait to be written. */
  drained(below: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ below, resolve }));
  }

  async finish(): Promise<WrittenStamps> {
    this.worker.postMessage({ type: 'end' } satisfies WriterRequest);
    try {
      return await this.result;
    } finally {
      await this.worker.terminate();
    }
  }

  async stop(): Promise<void> {
    this.fail(new Error('stopped'));
    await this.worker.terminate();
  }

  private receive(reply: WriterReply): void {
    if (reply.type === 'written') {
      this.inFlight -= reply.bytes;
      this.waiters = this.waiters.filter((w) => (this.inFlight < w.below ? (w.resolve(), false) : true));
    } else if (reply.type === 'done') {
      this.settle.resolve(new Map(reply.stamps.map(([p, size, mtimeMs]) => [p, [size, mtimeMs]])));
    } else {
      this.fail(Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code }));
    }
  }

  private fail(error: Error): void {
    this.settle.reject(error);
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }
}

/**
 * The absolute target of an output path, refusing anything that would land outside the
 * output folder (absolute paths, `..`, a slug crafted as `../../x`).
 */
export function safeTarget(root: string, relative: string): string {
  if (!relative || path.isAbsolute(relative) || relative.includes('\0') || /^[a-zA-Z]:/.test(relative)) {
    throw new Error(`internal error: refusing to write output path ${JSON.stringify(relative)}`);
  }
  // The build's own paths are relative and normalised: on POSIX they are joined by hand when the
  // root is normalised too, as resolving and relativising each of a full build's 72,000 paths was
  // ~0.3 s of the quote-card thread's profile on the benchmark show. Joined, they name what
  // `path.resolve` would: no segment is empty, `.` or `..`.
  if (path.sep === '/' && isPlainRelative(relative) && isNormalRoot(root)) return root === '/' ? `/${relative}` : `${root}/${relative}`;
  const target = path.resolve(root, relative);
  const rel = path.relative(root, target);
  // `..a` is a name like any other; only a `..` segment leaves the folder.
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new Error(`internal error: output path ${JSON.stringify(relative)} escapes the output folder`);
  }
  return target;
}

const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

function isPlainRelative(relative: string): boolean {
  return !relative.endsWith('/') && !relative.includes('//') && !DOT_SEGMENT.test(relative);
}

/** The last root seen and whether `path.resolve` leaves it as it is (a build uses one or two). */
let lastRoot = '';
let lastRootIsNormal = false;

function isNormalRoot(root: string): boolean {
  if (root !== lastRoot) {
    lastRoot = root;
    lastRootIsNormal = path.resolve(root) === root;
  }
  return lastRootIsNormal;
}
