import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/articles/parse-feed-date.ts';

const iso = (raw: string) => parseFeedDate(raw)?.toISOString();

describe('parseFeedDate', () => {
  it.each([
    ['Sun, 02 Mar 2025 10:00:00 GMT', '2025-03-02T10:00:00.000Z'],
    ['Sun, 2 Mar 2025 10:00:00 +0100', '2025-03-02T09:00:00.000Z'],
    ['Sun, 02 Mar 2025 10:00 PST', '2025-03-02T18:00:00.000Z'],
    ['02 Mar 25 10:00:00 EDT', '2025-03-02T14:00:00.000Z'],
    ['Sunday, 02-Mar-2025 10:00:00 CEST', '2025-03-02T08:00:00.000Z'],
    ['Tue, 10 June 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['\n  Mon, 07 Jan 2019 16:19:19 +0100\n', '2019-01-07T15:19:19.000Z'],
    ['2025-03-02T10:00:00Z', '2025-03-02T10:00:00.000Z'],
    ['2025-03-02T10:00:00.250-05:00', '2025-03-02T15:00:00.250Z'],
    ['2025-03-02T10:00:00+0530', '2025-03-02T04:30:00.000Z'],
    ['2025-03-02 10:00:00', '2025-03-02T10:00:00.000Z'],
    ['2025-03-02', '2025-03-02T00:00:00.000Z'],
    ['March 2, 2025', '2025-03-02T00:00:00.000Z'],
  ])('reads %j', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['not a date'],
    ['garbage 12'],
    ['Τρι, 29 Ιούν 2004 12:53:00 GMT'],
    ['2025-02-31'],
    ['Sun, 02 Foo 2025 10:00:00 GMT'],
    ['Sun, 02 Mar 2025 10:00:00 XYZ'],
  ])('leaves %j undated', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });

  it('leaves a missing date undated', () => {
    expect(parseFeedDate(undefined)).toBeUndefined();
  });
});
