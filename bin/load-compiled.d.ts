/** See load-compiled.js: the code cache's file beside a bundle. */
export declare function codeCacheFile(bundle: string): string;
/** The exports of a CommonJS bundle, compiled with its code cache when it has one that fits; `report.cache` says what became of the cache. */
export declare function loadCompiled(file: string, report?: { cache?: 'used' | 'rejected' | 'stale' | 'none' }): unknown;
/** Loads a bundle once and writes V8's code cache for it beside it. */
export declare function writeCodeCache(file: string): void;
