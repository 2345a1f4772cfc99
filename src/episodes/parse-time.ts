/**
 * Timestamps and durations: parsed once into seconds, shown the same way everywhere.
 * Accepted forms (SPEC §4): `HH:MM:SS`, `MM:SS` or plain seconds, fractions allowed.
 */
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const SECONDS = /^\d+(?:\.\d+)?$/;

/** Seconds for a timestamp, or undefined when the value is not one. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (SECONDS.test(text)) return Number(text);
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  // With an hour part, minutes are a clock's minutes; in MM:SS the minutes may run past 59
  // only when there is no hour part (a 75:00 episode is written that way by many producers).
  if (seconds >= 60 || (m[1] !== undefined && minutes >= 60)) return undefined;
  return round(hours * 3600 + minutes * 60 + seconds);
}

/** `H:MM:SS` from one hour on, else `M:SS`; fractions are dropped for display. */
export function formatTimestamp(totalSeconds: number): string {
  const whole = Math.floor(totalSeconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** ISO 8601 duration for schema.org, e.g. `PT1H12M34S`. */
export function isoDuration(totalSeconds: number): string {
  const whole = Math.round(totalSeconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (s || out === 'PT') out += `${s}S`;
  return out;
}

/** A timestamp as used in media fragments (`#t=2530`): seconds, fractions kept. */
export function fragmentTime(totalSeconds: number): string {
  return String(round(totalSeconds));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
