import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** What one child process cost, measured by the child itself and by the parent. */
export interface ProcessTiming {
  /** From spawn to exit, as the user waits for it (includes Node's start-up). */
  wallMs: number;
  /** User + system CPU time of the child, all its threads. */
  cpuMs: number;
  /** Peak resident set size of the child, in MiB. */
  maxRssMb: number;
  stdout: string;
}

/**
 * Preloaded into the child (`--require`): on exit it writes its own resource usage to the file
 * named by BENCH_USAGE_FILE, so the same probe measures our build and Eleventy. CommonJS, in a
 * file of its own: an ES module probe (it was a `data:` URL) made every measured process set
 * up Node's ES module loader, which `shownotes build` no longer does (~30 ms of each of its two
 * processes). A build runs in a child of the child (`bin/relaunch-lean.js`), which inherits the
 * probe and exits first: the outer process then adds its CPU time to the file's and keeps the
 * larger peak. Only a main thread writes: a worker thread's `resourceUsage()` is its whole
 * process's.
 */
const probe = `'use strict';
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
// Worker threads load the probe too; their resource usage is the whole process's so far.
if (isMainThread) process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  const u = process.resourceUsage();
  const inner = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { cpuMs: 0, maxRssKb: 0 };
  const cpuMs = inner.cpuMs + (u.userCPUTime + u.systemCPUTime) / 1000;
  writeFileSync(file, JSON.stringify({ cpuMs, maxRssKb: Math.max(inner.maxRssKb, u.maxRSS) }));
});
`;

/** Thrown when a measured child exits with an error; keeps its output for the report. */
export class ChildProcessError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`node ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`);
    this.name = 'ChildProcessError';
  }
}

/** Runs `node <args>` in `cwd` and measures it; rejects when it exits non-zero. */
export async function timeProcess(args: readonly string[], cwd: string): Promise<ProcessTiming> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shownotes-bench-'));
  const usageFile = path.join(dir, 'usage.json');
  const probeFile = path.join(dir, 'probe.cjs');
  try {
    await writeFile(probeFile, probe);
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['--require', probeFile, ...args], {
          cwd,
          env: { ...process.env, BENCH_USAGE_FILE: usageFile },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
        child.on('error', reject);
        child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
      },
    );
    const wallMs = performance.now() - started;
    if (code !== 0) throw new ChildProcessError(args, code, stderr);
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number };
    return { wallMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssKb / 1024, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
