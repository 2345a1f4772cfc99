#!/usr/bin/env node
// Starts the CLI from the bundle that `npm ci` compiles (dist/cli.cjs), or, when that is missing
// or older than any source file, from the TypeScript sources through tsx: `npx shownotes` works
// right after `npm ci` either way, with no compile step to remember.
//
// CommonJS (bin/package.json), like the bundle: a process that loads no ES module never sets up
// Node's ES module loader, ~30 ms of every start on the benchmark machine, and a build pays
// for two starts (see relaunch-lean.js).
'use strict';
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { loadCompiled } = require('./load-compiled.js');
const { relaunchLean, writesWholeSite } = require('./relaunch-lean.js');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    return statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'));
  } catch {
    return false;
  }
}

async function loadCli() {
  if (bundleIsCurrent()) return loadCompiled(bundle);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli.ts');
}

async function start() {
  // A build, and the dev server's builds, run in a child set up for their memory (see
  // relaunch-lean.js). The heap is kept low where whole sites are written: a build that writes
  // one, and the dev server, which writes one first and then stays up.
  const command = process.argv[2];
  if (command === 'build' || command === 'dev') {
    const limitHeap = command === 'dev' || writesWholeSite(process.argv.slice(3));
    // When relaunched, the child ran the command and its exit code is already this process's.
    if (await relaunchLean({ limitHeap })) return;
  }
  const cli = await loadCli();
  const code = await cli.main(process.argv.slice(2));
  // On Linux, what the command printed is out already (writes to files, pipes and terminals are
  // synchronous there) and its files are closed: exit now rather than wait for Node to take down
  // a heap of a few hundred megabytes, ~25 ms of a rebuild on the benchmark machine.
  if (process.platform === 'linux') process.exit(code);
  process.exitCode = code;
}

void start();
