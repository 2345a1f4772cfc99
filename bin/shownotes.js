#!/usr/bin/env node
// Starts the CLI from the bundle that `npm ci` compiles (dist/cli.js), or, when that is missing
// or older than any source file, from the TypeScript sources through tsx: `npx shownotes` works
// right after `npm ci` either way, with no compile step to remember.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relaunchLean, writesWholeSite } from './relaunch-lean.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    return statSync(`${root}dist/cli.js`).mtimeMs >= newestSource(`${root}src`);
  } catch {
    return false;
  }
}

// A build, and the dev server's builds, run in a child set up for their memory (see
// relaunch-lean.js). The heap is kept low where whole sites are written: a build that writes one,
// and the dev server, which writes one first and then stays up.
const command = process.argv[2];
const relaunched =
  (command === 'build' || command === 'dev') && (await relaunchLean({ limitHeap: command === 'dev' || writesWholeSite(process.argv.slice(3)) }));

let cli;
if (relaunched) {
  // The child ran the command; its exit code is already this process's.
} else if (bundleIsCurrent()) {
  cli = await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
if (cli) process.exitCode = await cli.main(process.argv.slice(2));
