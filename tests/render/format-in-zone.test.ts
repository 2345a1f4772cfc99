import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { formatInZone } from '../../src/render/format-in-zone.ts';
import { inProcessZone } from '../process-zone.ts';

const zones = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'Africa/Monrovia'];
/** Two shapes of wall-clock fields only, one with the zone's offset and the instant (TZDate's way). */
const shapes = ["EEEE, MMMM do yyyy 'at' h:mm:ss a", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm xxx '('T')'"];

const HOUR = 3_600_000;
function instants(): number[] {
  const list: number[] = [];
  // A whole year every 193 minutes, two centuries every 61 days and 5 hours.
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 193 * 60_000) list.push(t);
  for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 61 * 24 * HOUR + 5 * HOUR) list.push(t);
  // Every ten minutes over days of daylight-saving changes: the zones' own, and the process's
  // (America/New_York's 02:00–03:00 of 10 March does not exist on its clock).
  for (const day of [Date.UTC(2024, 2, 10), Date.UTC(2024, 2, 31), Date.UTC(2024, 3, 7), Date.UTC(2024, 9, 6), Date.UTC(2024, 9, 27), Date.UTC(2024, 10, 3)]) {
    for (let t = day - 12 * HOUR; t < day + 36 * HOUR; t += 10 * 60_000) list.push(t);
  }
  // Monrovia's offset was -0:44:30 until 1972: a change that is not on a whole minute.
  for (let t = Date.UTC(1972, 0, 6); t < Date.UTC(1972, 0, 9); t += 20 * 60_000) list.push(t);
  return list;
}

describe('a date formatted in the show’s time zone', () => {
  it.each(['UTC', 'America/New_York'])('is what TZDate gives, with the process in %s', (system) => {
    const times = instants();
    inProcessZone(system, () => {
      for (const zone of zones) {
        for (const shape of shapes) {
          const differing = times.filter((ms) => formatInZone(ms, zone, shape) !== format(new TZDate(ms, zone), shape));
          expect(differing.map((ms) => new Date(ms).toISOString()), `${zone} ${shape}`).toEqual([]);
        }
      }
    });
  });
});
