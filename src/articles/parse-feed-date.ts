/** Month names and abbreviations as feeds write them (RFC 822 §5 uses the first three letters). */
const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Zone names seen in real feeds, in minutes east of UTC (RFC 822 §5.1 plus common extras). */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180,
  BST: 60, IST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[a-z]+\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?(?:\s*\(.*\))?$/i;

/**
 * Reads a feed date in the formats real feeds use: RFC 822/2822 (RSS), RFC 3339/W3CDTF (Atom,
 * dc:date), with or without seconds, zone names or 2-digit years. Returns undefined when the date
 * cannot be read, so an article stays undated rather than becoming "now". A date without a zone is
 * taken as UTC, so the result never depends on the machine's time zone.
 */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const value = raw?.trim().replace(/\s+/g, ' ');
  if (!value) return undefined;
  // A date in a known shape but impossible (31 February) stays undated: no lenient second guess.
  if (ISO.test(value)) return parseIso(value);
  if (RFC822.test(value)) return parseRfc822(value);
  return parseLoose(value);
}

function parseIso(value: string): Date | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, zoneOffset(zone));
}

function parseRfc822(value: string): Date | undefined {
  const m = RFC822.exec(value);
  if (!m) return undefined;
  const [, d, monthName = '', y = '', h = '0', mi = '0', s = '0', zone] = m;
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (month === undefined) return undefined;
  let year = Number(y);
  // RFC 822 allowed 2-digit years; RFC 2822 §4.3 reads 00-49 as 20xx and 50-99 as 19xx.
  if (y.length === 2) year += year < 50 ? 2000 : 1900;
  const offset = zoneOffset(zone);
  if (offset === null) return undefined;
  return build(year, month, Number(d), Number(h), Number(mi), Number(s), 0, offset);
}

/** Last resort for prose dates ("March 2, 2025"): only when a plausible year is written out. */
function parseLoose(value: string): Date | undefined {
  const year = /\b(19\d\d|2[01]\d\d)\b/.exec(value)?.[1];
  if (!year) return undefined;
  const hasZone = /(?:\b(?:UTC|GMT|Z)\b|[+-]\d{2}:?\d{2})\s*$/i.test(value);
  const time = Date.parse(hasZone ? value : `${value} UTC`);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  return date.getUTCFullYear() === Number(year) ? date : undefined;
}

/** Minutes east of UTC; undefined means "no zone given" (read as UTC), null an unknown name. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    return sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? '0'));
  }
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  // RFC 822 military zones are too often wrong in practice (RFC 2822 §4.3): read them as UTC.
  return /^[a-z]$/i.test(zone) ? 0 : null;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number | null,
): Date | undefined {
  if (offset === null || year < 1900 || year > 2199) return undefined;
  if (month < 0 || month > 11 || day < 1 || hour > 24 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offset * 60_000;
  const check = new Date(Date.UTC(year, month, day));
  // Reject 31 February and the like instead of rolling over into the next month.
  if (check.getUTCMonth() !== month) return undefined;
  return new Date(time);
}
