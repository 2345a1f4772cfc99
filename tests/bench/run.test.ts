import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatTable, median } from '../../bench/format-table.ts';
import { parseBenchArgs } from '../../bench/run.ts';
import { repoRoot } from '../shared-dir.ts';

describe('parseBenchArgs', () => {
  it('defaults to 4,000 episodes, 20,000 articles and 3 runs', () => {
    expect(parseBenchArgs([])).toEqual({
      episodes: 4000,
      articles: 20000,
      runs: 3,
      seed: 1,
      vsEleventy: false,
      eleventyOnly: false,
      growth: true,
      floor: false,
      settle: true,
    });
  });

  it('starts at once with --no-settle', () => {
    expect(parseBenchArgs(['--quick', '--no-settle'])).toMatchObject({ episodes: 12, settle: false });
  });

  it('takes tiny sizes with --quick, and explicit values over them', () => {
    expect(parseBenchArgs(['--quick', '--runs', '2', '--vs-eleventy'])).toMatchObject({
      episodes: 12,
      articles: 1500,
      runs: 2,
      vsEleventy: true,
    });
  });

  it('rejects a bad count or an unknown flag with the usage', () => {
    expect(parseBenchArgs(['--runs', '0'])).toMatch(/^--runs must be an integer ≥ 1\nusage: npm run bench/);
    expect(parseBenchArgs(['--episodes', '1.5'])).toMatch(/^--episodes must be an integer ≥ 4\n/);
    expect(parseBenchArgs(['--fast'])).toMatch(/Unknown option '--fast'/);
  });
});

describe('formatTable and median', () => {
  it('aligns text left in the first column and numbers right', () => {
    expect(formatTable(['', 'a', 'median'], [['wall', '1.5 s', '12 ms']])).toBe(
      ['          a  median', '----  -----  ------', 'wall  1.5 s   12 ms'].join('\n'),
    );
  });

  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

const hasBuild = existsSync(path.join(repoRoot, 'src', 'build.ts'));

describe('npm run bench -- --quick', () => {
  it.skipIf(!hasBuild)(
    'prints the stage table, the floor, both growth tables and the one-episode rebuild',
    async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        // --no-settle: a full bench run just before must not make the test wait for the disk.
        ['--import', 'tsx', 'bench/run.ts', '--quick', '--runs', '1', '--floor', '--no-settle'],
        { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      );
      expect(stdout).toContain('show: 12 episodes, 1500 articles, seed 1; medians of 1 run; images off');
      expect(stdout).toContain('Cold build, 12 episodes, 1500 articles');
      expect(stdout).toMatch(/^files written +(\d+) +\1$/m);
      // The generated feeds and episodes read without a single warning.
      expect(stdout).toMatch(/^warnings +0 +0$/m);
      expect(stdout).toMatch(/^total wall \(process\) +[\d.]+ m?s +[\d.]+ m?s$/m);
      expect(stdout).toMatch(/^peak RSS +\d+ MB +\d+ MB$/m);
      // The floor remakes the last cold build's output: as many files as it wrote.
      const written = /^files written +(\d+)/m.exec(stdout)?.[1];
      expect(stdout).toContain('Floor: the least any build of this show must do, each part alone in a process (medians of 1)');
      expect(stdout).toMatch(new RegExp(`^make out/: ${written} files in \\d+ folders +[\\d.]+ m?s`, 'm'));
      expect(stdout).toMatch(/^rss-parser alone: 1500 feed items /m);
      expect(stdout).toMatch(/^gray-matter \+ markdown-it alone: 12 episodes /m);
      // 12 pages, 1 index page, 8 cards each, the sitemap and the 404 page.
      expect(stdout).toMatch(/^Handlebars alone: 111 pages and cards /m);
      expect(stdout).toMatch(/^our matcher alone: 12 episodes, 1500 articles /m);
      expect(stdout).toMatch(/^bound with our matcher: [\d.]+ m?s \([\d.]+ m?s of CPU on \d+ cores\)$/m);
      expect(stdout).toMatch(/^bound for ours: [\d.]+ m?s \(the CPU of the parts ours must do, [\d.]+ m?s, on \d+ cores\)$/m);
      const growth = stdout.split('Growth in episodes (articles fixed at 1500)\n')[1] ?? '';
      expect(growth).toMatch(/^3 +1500 /m);
      expect(growth).toMatch(/^6 +1500 /m);
      expect(growth).toMatch(/^12 +1500 /m);
      const byArticles = stdout.split('Growth in articles (episodes fixed at 12)\n')[1] ?? '';
      expect(byArticles).toMatch(/^12 +375 /m);
      expect(byArticles).toMatch(/^12 +750 /m);
      expect(stdout).toContain('One-episode rebuild (one body edited, no --clean)');
      expect(stdout).toMatch(/^rebuild \/ cold, total wall: .+ = [\d.]+ %$/m);
      expect(stdout).toMatch(/^rebuild \/ cold, build wall: .+ = [\d.]+ %$/m);
      // Cold runs set the last outputs aside; they are deleted once the timings are done, and
      // the main show keeps the output of its last (incremental) build.
      expect(existsSync(path.join(repoRoot, '.cache', 'bench', 'trash'))).toBe(false);
      expect(existsSync(path.join(repoRoot, '.cache', 'bench', 'shows', 'e12-a1500-s1', 'out', 'index.html'))).toBe(true);
    },
    240_000,
  );
  if (!hasBuild) {
    it.skip('waits for runBuild: src/build.ts is not on this branch yet (merge main)', () => {});
  }
});
