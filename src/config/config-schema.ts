import { z } from 'zod';
import { DEFAULT_MIN_SCORE } from '../matching/match-episodes.ts';
import { APPLE_CATEGORY_NAMES } from './apple-categories.ts';

const text = z.string().trim().min(1);

/** `6h`, `30m`, `1d`, `45s` or a number of seconds. */
export function parseInterval(value: unknown): number | undefined {
  if (typeof value === 'number' && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$/.exec(value);
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] ?? 's'] ?? 1;
  return Number(m[1]) * unit;
}

const httpUrl = z.string().refine((v) => /^https?:\/\/[^\s/]+/i.test(v), {
  error: (iss) => `${JSON.stringify(iss.input)} is not an absolute http(s) URL`,
});

const feedEntry = z.union([text, z.strictObject({ url: text, name: text.optional() })], {
  error: 'expected a feed path or URL, or a map { url, name }',
});


/** `shownotes.config.yaml` as written (SPEC §3). */
export const configSchema = z.strictObject({
  title: text,
  url: httpUrl,
  description: text,
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'is not a language code (ISO 639, e.g. en or en-US)' })
    .default('en'),
  author: text,
  email: z.email({ error: 'is not an e-mail address' }).optional(),
  image: text.optional(),
  categories: z
    .array(
      z.string().refine((c) => APPLE_CATEGORY_NAMES.includes(c), {
        error: (iss) => `${JSON.stringify(iss.input)} is not an Apple Podcasts category (e.g. "TV & Film", "TV & Film > TV Reviews", "Comedy")`,
      }),
    )
    .default([]),
  explicit: z.boolean().default(false),
  timezone: z
    .string()
    .refine(isTimeZone, { error: (iss) => `${JSON.stringify(iss.input)} is not an IANA time zone (e.g. America/Los_Angeles, UTC)` })
    .default('UTC'),
  // An empty `articles:` (YAML null) means the defaults, as if the key were not there.
  articles: z.preprocess((v) => v ?? undefined, z
    .strictObject({
      feeds: z.preprocess((v) => v ?? undefined, z.array(feedEntry).default([])),
      max_related: z.number().int().min(0).default(5),
      min_score: z.number().min(0).max(1).default(DEFAULT_MIN_SCORE),
      refresh: z
        .union([z.string(), z.number()])
        .refine((v) => parseInterval(v) !== undefined, { error: (iss) => `${JSON.stringify(iss.input)} is not a duration (e.g. 30m, 6h, 1d)` })
        .default('6h'),
    })
    .default({ feeds: [], max_related: 5, min_score: DEFAULT_MIN_SCORE, refresh: '6h' })),
  images: z.boolean().default(true),
});

/** The config file's shape after defaults, before resolution into `ShowConfig`. */
export type ConfigInput = z.infer<typeof configSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
