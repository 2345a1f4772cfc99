import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';

const bin = path.join(repoRoot, 'bin/shownotes.js');

describe('shownotes dev on the command line', () => {
  it('prints its help and exits 0', () => {
    const help = spawnSync(process.execPath, [bin, 'dev', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: shownotes dev [--root DIR] [--port N] [--host HOST] [--drafts]');
    expect(help.stdout).toContain('--port N');
  });

  it('exits 2 on a port that is not a number, naming it', () => {
    for (const port of ['eighty', '70000']) {
      const run = spawnSync(process.execPath, [bin, 'dev', `--port=${port}`], { encoding: 'utf8' });
      expect(run.status, port).toBe(2);
      expect(run.stderr).toBe(`shownotes dev: --port "${port}" is not a port number (0 to 65535)\n`);
    }
  });

  it('serves until Ctrl-C, then stops cleanly with exit code 0', async () => {
    const root = await copyShow('mini-show');
    const child = spawn(process.execPath, [bin, 'dev', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        const match = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`dev exited early:\n${stderr}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr.trim().split('\n').slice(-1)).toEqual(['Stopping.']);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  });
});
