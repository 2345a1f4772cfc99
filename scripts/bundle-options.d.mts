import type { BuildOptions, Metafile } from 'esbuild';

/** Packages left out of the bundles (see bundle-options.mjs). */
export declare const EXTERNAL_PACKAGES: string[];
/** Options for one CommonJS bundle of `entryPoints` into `outdir` (`.cjs` files), with the sources' digest when given. */
export declare function bundleOptions(entryPoints: string[], outdir: string, digest?: string): BuildOptions;
/** Throws when a bundle (built with `metafile: true`) keeps a dynamic `import()` (see bundle-options.mjs). */
export declare function assertNoDynamicImport(metafile: Metafile): void;
