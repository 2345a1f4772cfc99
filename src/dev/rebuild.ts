import { runBuild, type BuildOptions, type BuildReport, type BuildSnapshot } from '../build.ts';
import { previewEdits } from './preview-edits.ts';

/**
 * Brings the dev site up to date after `changed` (paths relative to the show folder, empty on
 * the first build); throws `ShowError` when the show has errors, leaving the site as it was.
 * The dev server calls nothing else to build, so an incremental build slots in here. When the
 * edited pages can be shown before the whole site is rebuilt, `previewed` is told which.
 */
export type Rebuild = (changed: readonly string[], previewed?: (pages: string[]) => void) => Promise<BuildReport>;

/** Makes the dev server's rebuild from the options of its build (out folder, base URL, drafts). */
export type MakeRebuild = (options: BuildOptions) => Rebuild;

/**
 * The whole (incremental) build every time, after a preview of the edited episodes' pages
 * (`previewEdits`) rendered from what the last good build kept.
 */
export const fullRebuild: MakeRebuild = (options) => {
  let last: BuildSnapshot | undefined;
  return async (changed, previewed) => {
    if (last && changed.length && previewed) {
      const pages = await previewEdits(last, changed).catch(() => []);
      if (pages.length) previewed(pages);
    }
    const report = await runBuild({ ...options, keepSnapshot: true });
    last = report.snapshot;
    return report;
  };
};
