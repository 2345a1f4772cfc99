import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-dir.ts';
import { copyShow, readTree } from './temp-show.ts';

/** Runs the real `shownotes` binary, as `npx shownotes` does. */
function shownotes(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/shownotes.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command line', () => {
  it('prints help for every command and exits 0', () => {
    const general = shownotes(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/^shownotes \d+\.\d+\.\d+: /);
    for (const command of ['build', 'check', 'new', 'match', 'fetch']) {
      const help = shownotes([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`usage: shownotes ${command}`);
      expect(help.stdout).toContain('--root DIR');
    }
  });

  it('exits 2 on a wrong command line', () => {
    expect(shownotes(['bulid'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "bulid"') });
    expect(shownotes(['build', '--nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
    expect(shownotes(['new'])).toMatchObject({ code: 2, stderr: expect.stringContaining('missing argument') });
    expect(shownotes([]).code).toBe(2);
  });

  it('check lists every problem of a broken show with file:line and exits 1; build there leaves out/ untouched', async () => {
    const root = await copyShow('mini-show');
    expect(shownotes(['build', '--root', root]).code).toBe(0);
    const before = await readTree(path.join(root, 'out'));
    const casino = path.join(root, 'episodes/casino-night.md');
    await writeFile(casino, (await readFile(casino, 'utf8')).replace('at: "00:42:10"', 'at: "1:99"').replace('number: 41', 'numbr: 41'));
    await writeFile(path.join(root, 'episodes/bad-date.md'), '---\ntitle: Bad\ndate: 2021-02-29\ndraft: true\n---\n');

    const check = shownotes(['check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n')).toEqual([
      'episodes/bad-date.md:3:1 error date: "2021-02-29" is not a real date',
      'episodes/casino-night.md:4:1 error numbr: unknown key; did you mean "number"?',
      'episodes/casino-night.md:24:5 error quotes[0].at: "1:99" is not a time (HH:MM:SS, MM:SS or seconds)',
      '3 errors',
    ]);

    const build = shownotes(['build', '--root', root]);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('3 errors; nothing was written (the previous out/ is unchanged)');
    const after = await readTree(path.join(root, 'out'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes)).toBe(true);
  });

  it('check passes a valid show', async () => {
    const root = await copyShow('mini-show');
    const check = shownotes(['check', '--root', root]);
    expect(check).toMatchObject({ code: 0, stdout: 'The config and 3 episodes are valid.\n' });
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('new writes a draft episode that passes check, and refuses to overwrite', async () => {
    const root = await copyShow('mini-show');
    const made = shownotes(['new', "Jim & Pam's Big Day", '--root', root], root);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe(`${path.join('episodes', 'jim-pams-big-day.md')}\n`);
    const text = await readFile(path.join(root, 'episodes/jim-pams-big-day.md'), 'utf8');
    expect(text).toContain('title: "Jim & Pam\'s Big Day"');
    expect(text).toMatch(/^date: \d{4}-\d{2}-\d{2}$/m);
    expect(text).toContain('number: 43');
    expect(text).toContain('draft: true');
    expect(shownotes(['check', '--root', root]).code).toBe(0);
    const again = shownotes(['new', "Jim & Pam's Big Day", '--root', root], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});

describe('shownotes match', () => {
  it('puts the seed article first for casino-night with a quote reason, as build writes it', async () => {
    const root = await copyShow(repoRoot);
    const table = shownotes(['match', 'casino-night', '--root', root, '--offline']);
    expect(table.code).toBe(0);
    const first = table.stdout.split('\n').find((line) => /^\d\.\d{3}\s/.test(line));
    expect(first).toContain('1. Jim Kisses Pam');
    expect(table.stdout).toContain("Quotes Jenna Fischer: ‘Don’t leave until you’re called…’");

    const json = shownotes(['match', 'casino-night', '--root', root, '--offline', '--json']);
    const list = JSON.parse(json.stdout) as { url: string; pinned: boolean; reasons: { kind: string; quote?: string }[] }[];
    expect(list[0]!.url).toBe('https://hollywoodnews.example/tv/the-office-jim-kisses-pam-casino-night-secret');
    expect(list[0]!.reasons.filter((r) => r.kind === 'quote').map((r) => r.quote)).toContain('trailer-orders');

    expect(shownotes(['build', '--root', root, '--offline']).code).toBe(0);
    const related = JSON.parse(await readFile(path.join(root, 'out/related.json'), 'utf8')) as Record<string, unknown>;
    expect(related['casino-night']).toEqual(list);
  });

  it('names a misspelt slug', () => {
    const result = shownotes(['match', 'casino-nite', '--offline']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('shownotes match: no episode with the slug "casino-nite"; did you mean "casino-night"?\n');
  });
});
