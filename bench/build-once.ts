/**
 * One measured build, run by `bench/run.ts` in a child process so that CPU time and peak
 * memory belong to that build alone. Prints one JSON line (`BuildOnceResult`).
 *
 *   node --import tsx bench/build-once.ts --root DIR [--clean]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCompiled } from '../bin/load-compiled.js';
import { relaunchLean, writesWholeSite } from '../bin/relaunch-lean.js';
import type { Diagnostic } from '../src/diagnostics.ts';
import { silentLogger } from '../src/logger.ts';

/** What one build reported about itself. */
export interface BuildOnceResult {
  stages: { name: string; ms: number }[];
  files: number;
  /** Output files rendered, and written (a rendered file with unchanged bytes is not). */
  rendered: number;
  written: number;
  warnings: number;
  /** Inside `runBuild`, without Node's start-up. */
  wallMs: number;
  cpuMs: number;
  /** CPU time spent before `runBuild` was called: Node, tsx and loading the modules. */
  startupCpuMs: number;
  maxRssMb: number;
}

type Build = typeof import('./build-entry.ts');

/**
 * The build, loaded only when it runs: the process that only relaunches this one (see the end)
 * must not pay for loading it, as `bin/shownotes.js` does not. Bundled (`bundle-build-once.ts`),
 * it is `build.cjs` beside this file, loaded with its code cache as `bin/shownotes.js` loads
 * `dist/cli.cjs`; else the sources, through tsx.
 */
async function loadBuild(): Promise<Build> {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return loadCompiled(path.join(path.dirname(here), 'build.cjs')) as Build;
  // Not a literal: esbuild would compile the whole build into this file's bundle.
  const entry = './build-entry.ts';
  return (await import(entry)) as Build;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { root: { type: 'string' }, clean: { type: 'boolean', default: false } },
  });
  if (!values.root) {
    process.stderr.write('usage: build-once.ts --root DIR [--clean]\n');
    return 2;
  }
  const { runBuild, formatDiagnostic } = await loadBuild();
  const before = process.resourceUsage();
  const startupCpuMs = (before.userCPUTime + before.systemCPUTime) / 1000;
  const started = performance.now();
  try {
    const report = await runBuild({
      root: path.resolve(values.root),
      clean: values.clean,
      offline: true,
      logger: silentLogger,
    });
    const wallMs = performance.now() - started;
    const usage = process.resourceUsage();
    const result: BuildOnceResult = {
      stages: report.stages,
      files: report.files,
      rendered: report.rendered,
      written: report.written,
      warnings: report.warnings.length,
      wallMs,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      startupCpuMs,
      maxRssMb: usage.maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const diagnostics = (error as { diagnostics?: Diagnostic[] }).diagnostics;
    if (diagnostics) {
      for (const d of diagnostics.slice(0, 20)) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`${diagnostics.length} diagnostics\n`);
    } else {
      process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return 1;
  }
}

// Like `shownotes build`, the build runs in a child set up for its memory (bin/relaunch-lean.js),
// and that child exits as soon as it is done (bin/shownotes.js).
async function start(): Promise<void> {
  if (await relaunchLean({ limitHeap: writesWholeSite(process.argv.slice(2)) })) return;
  const code = await main(process.argv.slice(2));
  if (process.platform === 'linux') process.exit(code);
  process.exitCode = code;
}

const isMain = process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) void start();
