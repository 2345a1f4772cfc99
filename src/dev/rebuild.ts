import { runBuild, type BuildOptions, type BuildReport } from '../build.ts';

/**
 * Brings the dev site up to date after `changed` (paths relative to the show folder, empty on
 * the first build); throws `ShowError` when the show has errors, leaving the site as it was.
 * The dev server calls nothing else to build, so an incremental build slots in here.
 */
export type Rebuild = (changed: readonly string[]) => Promise<BuildReport>;

/** Makes the dev server's rebuild from the options of its build (out folder, base URL, drafts). */
export type MakeRebuild = (options: BuildOptions) => Rebuild;

/** Today's rebuild: the whole build, every time (the changed paths are not needed). */
export const fullRebuild: MakeRebuild = (options) => () => runBuild(options);
