import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/episodes/zoned-instant.ts';
import { inProcessZone } from '../process-zone.ts';

const zones = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Monrovia', 'UTC'];

/** Wall times: a year every 131 minutes, two centuries every 29 days and 7 hours, and every ten minutes of days when clocks change. */
function wallTimes(): number[][] {
  const list: number[][] = [];
  const push = (ms: number) => {
    const d = new Date(ms);
    list.push([d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]);
  };
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 131 * 60_000) push(t);
  for (let t = Date.UTC(1900, 0, 1, 0, 0, 17); t < Date.UTC(2100, 0, 1); t += (29 * 24 + 7) * 3_600_000) push(t);
  // US, Europe, Lord Howe and Chatham changes of 2024, and Monrovia's of 1972 (by 44 min 30 s).
  for (const day of [Date.UTC(2024, 2, 10), Date.UTC(2024, 10, 3), Date.UTC(2024, 2, 31), Date.UTC(2024, 9, 27), Date.UTC(2024, 3, 7), Date.UTC(2024, 8, 29), Date.UTC(2024, 9, 6), Date.UTC(1972, 0, 7)]) {
    for (let t = day - 12 * 3_600_000; t < day + 36 * 3_600_000; t += 10 * 60_000) push(t);
  }
  return list;
}


describe('the instant of a wall time in a time zone', () => {
  const times = wallTimes();

  it.each(['UTC', 'America/New_York'])('is what TZDate.tz gives, with the process in %s', (system) => {
    inProcessZone(system, () => {
      // Monrovia's offset until 1972, -0:44:30, @date-fns/tz reads as +0:44:30, and TZDate.tz
      // then also moves its wall times by the process's own offset; `zonedInstant` reads the
      // same offset whatever the process's zone, so the two agree only with the process in UTC.
      for (const zone of zones.filter((z) => system === 'UTC' || z !== 'Africa/Monrovia')) {
        const differing = times.filter(([y, mo, d, h, mi, s]) => zonedInstant(zone, y!, mo!, d!, h!, mi!, s!) !== TZDate.tz(zone, y!, mo!, d!, h!, mi!, s!).getTime());
        expect(differing.map((t) => t.join(',')), zone).toEqual([]);
      }
    });
  });
});
