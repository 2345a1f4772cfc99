import { z } from 'zod';
import { describeValue } from '../validation/describe-value.ts';
import { parseTimestamp } from './parse-time.ts';

/** Slugs and quote ids: lower-case words joined by hyphens, so no path can escape `out/`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);

const slug = z.string().regex(SLUG_PATTERN, { error: 'is not a slug (lower-case letters, digits and single hyphens: [a-z0-9]+(-[a-z0-9]+)*)' });

/** A time in the audio, in seconds after parsing. */
const timestamp = z.unknown().transform((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'missing required field' });
    return z.NEVER;
  }
  const seconds = parseTimestamp(value);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `${describeValue(value)} is not a time (HH:MM:SS, MM:SS or seconds)` });
    return z.NEVER;
  }
  return seconds;
});

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Year, month, day, time and offset of a front-matter date, checked against the calendar. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `Z`, `+02:00`, or undefined for the show's time zone. */
  offset?: string;
  dateOnly: boolean;
}

/** Parses `YYYY-MM-DD` or an ISO date-time; undefined for anything else or an impossible date. */
export function parseCalendarDate(value: string): CalendarDate | undefined {
  const m = DATE_TIME.exec(value) ?? DATE_ONLY.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, offset: m[8], dateOnly: m[4] === undefined };
}

const date = z.unknown().transform((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'missing required field' });
    return z.NEVER;
  }
  const parsed = typeof value === 'string' ? parseCalendarDate(value.trim()) : undefined;
  if (!parsed) {
    const shape = typeof value === 'string' && (DATE_ONLY.test(value.trim()) || DATE_TIME.test(value.trim()));
    ctx.addIssue({
      code: 'custom',
      message: shape
        ? `${describeValue(value)} is not a real date`
        : `${describeValue(value)} is not a date (YYYY-MM-DD or an ISO 8601 date-time)`,
    });
    return z.NEVER;
  }
  return parsed;
});

const httpUrl = z.string().refine((v) => /^https?:\/\/[^\s/]+/i.test(v), {
  error: (iss) => `${describeValue(iss.input)} is not an absolute http(s) URL`,
});

const person = z.union([text, z.strictObject({ name: text, role: text.optional(), href: httpUrl.optional(), img: httpUrl.optional() })], {
  error: (iss) => `expected a name or a map { name, role, href, img }, got ${describeValue(iss.input)}`,
});

/** An episode's front matter (SPEC §4), shape and per-field checks. */
export const episodeSchema = z.strictObject({
  title: text,
  date,
  number: z.number().int().positive().optional(),
  season: z.number().int().positive().optional(),
  type: z.enum(['full', 'trailer', 'bonus']).default('full'),
  slug: slug.optional(),
  summary: text.optional(),
  audio: z
    .strictObject({
      url: httpUrl,
      type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, { error: 'is not a media type (e.g. audio/mpeg)' }).optional(),
      length: z.number().int().nonnegative().optional(),
      duration: timestamp.optional(),
    })
    .optional(),
  hosts: z.array(person).default([]),
  guests: z.array(person).default([]),
  subject: z
    .strictObject({
      show: text.optional(),
      season: z.number().int().positive().optional(),
      episode: z.number().int().positive().optional(),
      title: text.optional(),
      aired: date.optional(),
    })
    .optional(),
  topics: z.array(text).default([]),
  quotes: z
    .array(
      z.strictObject({
        text,
        speaker: text,
        at: timestamp,
        duration: z.number().positive().default(15),
        id: slug.optional(),
      }),
    )
    .default([]),
  chapters: z
    .array(z.strictObject({ at: timestamp, title: text, url: httpUrl.optional(), img: httpUrl.optional() }))
    .default([]),
  transcript: text.optional(),
  related: z
    .strictObject({ pin: z.array(httpUrl).default([]), block: z.array(httpUrl).default([]) })
    .default({ pin: [], block: [] }),
  draft: z.boolean().default(false),
  explicit: z.boolean().optional(),
});

/** Front matter after the schema, before cross-field checks. */
export type EpisodeInput = z.infer<typeof episodeSchema>;
