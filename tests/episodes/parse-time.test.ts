import { describe, expect, it } from 'vitest';
import { formatTimestamp, isoDuration, parseTimestamp } from '../../src/episodes/parse-time.ts';

describe('parseTimestamp', () => {
  it.each([
    ['1:12:34', 4354],
    ['01:12:34', 4354],
    ['00:42:10', 2530],
    ['42:10', 2530],
    ['0:00', 0],
    ['75:00', 4500],
    ['12.5', 12.5],
    ['1:02:03.25', 3723.25],
    [90, 90],
    [1.5, 1.5],
  ] as const)('%s → %s seconds', (input, seconds) => {
    expect(parseTimestamp(input)).toBe(seconds);
  });

  it.each(['1:99', '1:60:00', '12:3a', '', 'soon', '-5', '1::2', '1:2:3:4'])('refuses %j', (input) => {
    expect(parseTimestamp(input)).toBeUndefined();
  });

  it('refuses negative numbers, NaN and other types', () => {
    expect(parseTimestamp(-1)).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
    expect(parseTimestamp(true)).toBeUndefined();
    expect(parseTimestamp(null)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows minutes under an hour and hours from one hour on', () => {
    expect(formatTimestamp(0)).toBe('0:00');
    expect(formatTimestamp(2530)).toBe('42:10');
    expect(formatTimestamp(4354)).toBe('1:12:34');
    expect(formatTimestamp(59.9)).toBe('0:59');
  });

  it('writes ISO 8601 durations', () => {
    expect(isoDuration(4354)).toBe('PT1H12M34S');
    expect(isoDuration(600)).toBe('PT10M');
    expect(isoDuration(0)).toBe('PT0S');
  });
});
