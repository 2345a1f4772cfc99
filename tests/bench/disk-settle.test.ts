import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteRemembered, SETTLE_MS, settleWait } from '../../bench/disk-settle.ts';
import { tempDir } from '../temp-show.ts';

describe('waiting for the disk after the bench deleted its trash', () => {
  it('waits out the settling time after a large deletion only', () => {
    const at = 1_000_000;
    expect(settleWait(undefined, at)).toBe(0);
    expect(settleWait({ at, ms: 200 }, at + 1000)).toBe(0);
    expect(settleWait({ at, ms: 5000 }, at + 2 * 60_000)).toBe(SETTLE_MS - 2 * 60_000);
    expect(settleWait({ at, ms: 5000 }, at + SETTLE_MS + 1)).toBe(0);
  });

  it('remembers a deletion that took long, and not one that was quick', async () => {
    const bench = await tempDir();
    let clock = 50_000;
    // A clock that moves 1.5 s while the folder is deleted: a large deletion.
    await deleteRemembered(bench, path.join(bench, 'trash'), () => (clock += 1500));
    expect(JSON.parse(await readFile(path.join(bench, 'trash-emptied.json'), 'utf8'))).toEqual({ at: 53_000, ms: 1500 });
    const quick = await tempDir();
    await deleteRemembered(quick, path.join(quick, 'trash'));
    await expect(readFile(path.join(quick, 'trash-emptied.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
