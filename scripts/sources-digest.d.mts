/** The global a bundle holds the sources' digest in (see sources-digest.mjs). */
export declare const SOURCES_DIGEST: string;
/** The digest of package.json, package-lock.json and every file under src/ of the package at `packageRoot`. */
export declare function sourcesDigest(packageRoot: string): Promise<string>;
