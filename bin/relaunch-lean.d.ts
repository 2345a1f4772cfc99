/** See relaunch-lean.js: true when the command ran in a child process. */
export declare function relaunchLean(options?: { limitHeap?: boolean }): Promise<boolean>;
/** Whether `shownotes build` with these arguments writes the whole site (`--clean`, no cache or no output yet). */
export declare function writesWholeSite(args: string[]): boolean;
