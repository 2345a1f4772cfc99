import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateShow, prepareShow, revalidateShow } from '../../bench/prepare-show.ts';
import { ChildProcessError, timeProcess } from '../../bench/time-process.ts';

describe('timeProcess', () => {
  it("reports the child's own CPU time and peak memory, and its output", async () => {
    // 300 MB touched in the child: its peak RSS must show it, the parent's must not matter.
    const script = `const b = Buffer.alloc(300 * 1024 * 1024, 1); let x = 0; for (let i = 0; i < 3e7; i++) x += i; console.log(b.length, x > 0);`;
    const t = await timeProcess(['-e', script], os.tmpdir());
    expect(t.stdout).toBe('314572800 true\n');
    expect(t.maxRssMb).toBeGreaterThan(300);
    expect(t.cpuMs).toBeGreaterThan(0);
    expect(t.wallMs).toBeGreaterThan(0);
  });

  it('rejects with the exit code and the end of stderr when the child fails', async () => {
    const error = await timeProcess(['-e', 'console.error("boom: no such show"); process.exit(3)'], os.tmpdir()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChildProcessError);
    expect((error as ChildProcessError).code).toBe(3);
    expect((error as ChildProcessError).stderr).toBe('boom: no such show\n');
  });
});

describe('prepareShow', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-prepare-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('generates a show once, and again only when options change or the show was edited', async () => {
    const generated: string[] = [];
    const note = (m: string): void => void generated.push(m);
    const options = { episodes: 5, articles: 20, seed: 1 };
    const dir = await prepareShow(tmp, options, note);
    expect(dir).toBe(path.join(tmp, 'e5-a20-s1'));
    expect(generated).toHaveLength(1);
    expect((await readdir(path.join(dir, 'episodes'))).length).toBe(5);

    await prepareShow(tmp, options, note);
    expect(generated).toHaveLength(1);

    await prepareShow(tmp, { ...options, seed: 2 }, note);
    expect(generated).toHaveLength(2);

    await writeFile(path.join(dir, 'episodes', 'extra.md'), 'edited');
    await invalidateShow(dir);
    await prepareShow(tmp, options, note);
    expect(generated).toHaveLength(3);
    expect(await readdir(path.join(dir, 'episodes'))).not.toContain('extra.md');
  });

  it('is not generated again after an edit undone and the show revalidated with the bench options', async () => {
    const generated: string[] = [];
    const note = (m: string): void => void generated.push(m);
    const options = { episodes: 5, articles: 20, seed: 3 };
    const dir = await prepareShow(tmp, options, note);
    await invalidateShow(dir);
    // The bench passes all of its options (run count, flags) where the show's are expected.
    await revalidateShow(dir, { ...options, runs: 3, vsEleventy: true, growth: false } as typeof options);
    await prepareShow(tmp, options, note);
    expect(generated).toHaveLength(1);
  });
});
