/**
 * What `build-once.ts` runs, as one entry point: bundled into `build.cjs` beside the bundled
 * `build-once.cjs` (see `bundle-build-once.ts`), as `dist/cli.cjs` holds the CLI.
 */
export { runBuild } from '../src/build.ts';
export { formatDiagnostic } from '../src/diagnostics.ts';
