import { spawn } from 'node:child_process';

/**
 * Deletes a folder in a detached process, so the caller does not wait for it: the previous
 * `out/` of a full build, once the new one is in place. Deleting a large site is slow work for
 * the disk rather than the processor (72,000 files took 26–31 s on the 2-core benchmark
 * machine, mostly waiting on the device), and nothing reads the old folder any more; git's
 * automatic `gc` detaches the same way. A removal cut short (the machine stopped) leaves a
 * hidden `.out.old-…` folder, which the next full build deletes (`sweepOldOutputs`).
 */
export function removeInBackground(folder: string): void {
  const child = spawn(process.execPath, ['-e', "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })", folder], {
    detached: true,
    stdio: 'ignore',
    windowsHide: true,
  });
  child.on('error', () => undefined);
  child.unref();
}
