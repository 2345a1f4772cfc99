import type { BuildOptions } from 'esbuild';

/** Packages left out of the bundles (see bundle-options.mjs). */
export declare const EXTERNAL_PACKAGES: string[];
/** Options for one ES module bundle of `entryPoints` into `outdir`. */
export declare function bundleOptions(entryPoints: string[], outdir: string): BuildOptions;
