/** See relaunch-with-few-arenas.js: true when the command ran in a child process. */
export declare function relaunchWithFewArenas(): Promise<boolean>;
/** Whether `shownotes build` with these arguments writes the whole site (`--clean`, no cache or no output yet). */
export declare function writesWholeSite(args: string[]): boolean;
