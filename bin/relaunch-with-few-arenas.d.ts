/** See relaunch-with-few-arenas.js: true when the command ran in a child process. */
export declare function relaunchWithFewArenas(): Promise<boolean>;
