import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The read-only `shared/` folder with the fixtures. CI clones the repository with `shared/`
 * beside it; worktrees elsewhere fall back to the workplace's copy.
 */
export const sharedDir = [path.resolve(repoRoot, '../shared'), '/work/shared'].find((dir) =>
  existsSync(path.join(dir, 'SPEC.md')),
) ?? path.resolve(repoRoot, '../shared');
