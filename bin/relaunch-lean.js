// Runs a build again in a child process set up for its memory:
// - its C library keeps at most two malloc arenas. glibc gives every thread that allocates at
//   the same time as another an arena of its own and seldom hands freed memory back: a build's
//   threads (feeds, quote cards, writer) left 170–340 MB of freed but resident memory behind on
//   the 4,000-episode benchmark show (peak RSS 995–1,173 MB, against 811–838 MB with
//   MALLOC_ARENA_MAX=2, same machine and load);
// - its C library asks the kernel for transparent huge pages for what malloc maps
//   (`glibc.malloc.hugetlb=1`, glibc 2.35+; older ones ignore it): buffers and typed arrays then
//   fault in 2 MB at a time. First touches of new memory cost a hypervisor exit each on this
//   kind of machine. On the benchmark show a cold build took a fifth fewer page faults
//   (286,000–295,000 → 220,000–229,000) at the same peak RSS, and a one-episode rebuild, which
//   reads and writes megabytes of cache files, a third fewer (71,000 → 45,000) and 0.5 s less
//   of its 2.8 s when run with these settings in place, 0.3 s through the child (docs/performance.md);
// - for a build that writes the whole site (`limitHeap`), V8 lets each thread's heap grow by
//   half of what was live at its last full collection before collecting again
//   (`--heap-growing-percent=50`; by default it may grow up to fourfold). With four threads
//   rendering at once, their uncollected garbage set the build's peak: 930–1,120 MB against
//   840 MB on the same show. A rebuild peaks at a quarter of that and ran ~0.05 s slower with it.
// They are read once, when a process starts, so they cannot be applied from inside; hence the
// child, which costs a Node start (~0.15 s here, what a small show's rebuild gains back).
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The V8 setting the child gets, unless the command line already sets it. */
const HEAP_GROWING = '--heap-growing-percent=50';

/** The glibc tunable the child gets, added to any the user set (theirs wins when it names it). */
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';

function withHugePages(tunables) {
  if (!tunables) return HUGE_PAGES;
  return tunables.includes('glibc.malloc.hugetlb=') ? tunables : `${tunables}:${HUGE_PAGES}`;
}

/**
 * True when this process started the child and the command ran there (its exit code is set on
 * this process): the caller then does nothing more. False where it does not apply: not Linux,
 * or the arena setting is already given (in the child, or by the user). `limitHeap` (default
 * true) adds the heap setting, unless the command line gives its own.
 */
async function relaunchLean({ limitHeap = true } = {}) {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const own = process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'));
  const child = spawn(process.execPath, [...process.execArgv, ...(own || !limitHeap ? [] : [HEAP_GROWING]), ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MALLOC_ARENA_MAX: '2', GLIBC_TUNABLES: withHugePages(process.env.GLIBC_TUNABLES) },
  });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  // Either way this one stays until the child has ended.
  const forward = (signal) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  const [code, signal] = await once(child, 'exit');
  for (const name of SIGNALS) process.off(name, forward);
  if (signal) process.kill(process.pid, signal);
  process.exitCode = code ?? 1;
  return true;
}

/**
 * Whether `shownotes build` with these arguments (after `build`) writes the whole site: with
 * `--clean`, or with no build cache or no output folder yet. An incremental build touches a
 * few files and peaks far lower; its heap is left to V8's defaults.
 */
function writesWholeSite(args) {
  const { values } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    options: { root: { type: 'string', short: 'r' }, out: { type: 'string', short: 'o' }, clean: { type: 'boolean' } },
  });
  const root = path.resolve(typeof values.root === 'string' ? values.root : '.');
  const out = typeof values.out === 'string' ? path.resolve(values.out) : path.join(root, 'out');
  return values.clean === true || !existsSync(path.join(root, '.cache', 'build')) || !existsSync(out);
}

module.exports = { relaunchLean, writesWholeSite };
