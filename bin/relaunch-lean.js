// Runs a memory-heavy command again in a child process set up to keep its memory low:
// - its C library keeps at most two malloc arenas. glibc gives every thread that allocates at
//   the same time as another an arena of its own and seldom hands freed memory back: a build's
//   threads (feeds, quote cards, writer) left 170–340 MB of freed but resident memory behind on
//   the 4,000-episode benchmark show (peak RSS 995–1,173 MB, against 811–838 MB with
//   MALLOC_ARENA_MAX=2, same machine and load);
// - V8 lets each thread's heap grow by half of what was live at its last full collection before
//   collecting again (`--heap-growing-percent=50`; by default it may grow up to fourfold). With
//   four threads rendering at once, their uncollected garbage set the build's peak: 930–1,120 MB
//   against 840 MB on the same show, and a sixth fewer page faults (first touches of new memory,
//   which cost a hypervisor exit each on this kind of machine).
// - its C library asks the kernel for transparent huge pages for what malloc maps
//   (`glibc.malloc.hugetlb=1`, glibc 2.35+; older ones ignore it): buffers and typed arrays then
//   fault in 2 MB at a time. On the benchmark show a cold build took a fifth fewer page faults
//   (286,000–295,000 → 220,000–229,000) at the same peak RSS (docs/performance.md).
// Both are read once, when a process starts, so they cannot be applied from inside; hence the
// child, which costs a Node start (~0.2 s here): only a build that writes the whole site pays it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
 * or the arena setting is already given (in the child, or by the user).
 */
export async function relaunchLean() {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const own = process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'));
  const child = spawn(process.execPath, [...process.execArgv, ...(own ? [] : [HEAP_GROWING]), ...process.argv.slice(1)], {
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
 * few files in a few hundred megabytes and runs in place.
 */
export function writesWholeSite(args) {
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
