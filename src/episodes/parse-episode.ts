import { hash } from 'node:crypto';
import path from 'node:path';
import matter from 'gray-matter';
import jsYaml from 'js-yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { describeValue } from '../validation/describe-value.ts';
import { readYaml } from '../validation/read-yaml.ts';
import { at as atPath, zodDiagnostics, type YamlSource } from '../validation/zod-diagnostics.ts';
import type { Chapter, Episode, Person, Quote } from './episode.ts';
import { episodeSchema, SLUG_PATTERN, type CalendarDate, type EpisodeInput } from './episode-schema.ts';
import { formatTimestamp } from './parse-time.ts';
import { deriveQuoteId } from './quote-id.ts';
import { renderMarkdown } from './render-markdown.ts';
import { zonedInstant } from './zoned-instant.ts';

/** What parsing one episode file needs to know about the show. */
export interface EpisodeContext {
  /** Absolute path of the show folder. */
  root: string;
  /** Absolute path of the episode file. */
  file: string;
  timezone: string;
  /** Whether a file exists; injected so parsing stays testable without disk. */
  fileExists: (absolutePath: string) => boolean;
}

/** Media types by file extension, for `audio.type` when it is left out (Apple's list first). */
const MEDIA_TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/x-m4a',
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.mov': 'video/quicktime',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.pdf': 'application/pdf',
};

/** Parses and checks one episode file; returns every problem found in it. */
export function parseEpisode(text: string, ctx: EpisodeContext): { episode?: Episode; diagnostics: Diagnostic[] } {
  const relativeFile = path.relative(ctx.root, ctx.file).split(path.sep).join('/');
  if (!/^\uFEFF?---\r?\n/.test(text)) {
    return {
      diagnostics: [
        { severity: 'error', file: relativeFile, line: 1, column: 1, message: 'no front matter: an episode starts with a line "---", then YAML fields, then "---"' },
      ],
    };
  }
  // gray-matter splits the file; the YAML itself is parsed below.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const start = text.indexOf(split.matter);
  const lineOffset = start > 0 ? countNewlines(text, start) : 0;
  let positioned: YamlSource | undefined;
  /** The YAML parsed again with positions: only needed once there is something to report. */
  const located = (): YamlSource => (positioned ??= readYaml(split.matter, relativeFile, lineOffset).source);

  // Fast path: js-yaml (YAML 1.2 core schema, like the positioned parser) is several times
  // quicker, and a show of thousands of valid episodes should not pay for positions.
  const fast = loadFast(split.matter);
  if (fast.ok && isMap(fast.data)) {
    const result = episodeSchema.safeParse(fast.data);
    if (result.success) return checkEpisode(result.data, split.content, text, located, ctx, relativeFile);
  }

  const { source, errors } = readYaml(split.matter, relativeFile, lineOffset);
  positioned = source;
  if (errors.length) return { diagnostics: errors };
  if (!isMap(source.data)) {
    return { diagnostics: [{ severity: 'error', file: relativeFile, line: lineOffset + 1, column: 1, message: 'front matter must be a map of fields (key: value)' }] };
  }
  const result = episodeSchema.safeParse(source.data);
  if (result.success) return checkEpisode(result.data, split.content, text, located, ctx, relativeFile);
  const diagnostics = zodDiagnostics(result.error.issues, episodeSchema, source);
  // A misspelt key alone should not hide the other problems of the file: without the unknown
  // keys the rest may still parse, and its cross-field checks can run in this same pass.
  if (result.error.issues.every((i) => i.code === 'unrecognized_keys')) {
    const retry = episodeSchema.safeParse(withoutKeys(source.data, result.error.issues));
    if (retry.success) diagnostics.push(...checkEpisode(retry.data, split.content, text, located, ctx, relativeFile).diagnostics);
  }
  return { diagnostics };
}

function loadFast(yamlText: string): { ok: true; data: unknown } | { ok: false } {
  try {
    return { ok: true, data: jsYaml.load(yamlText, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of the data with the unknown keys that zod reported removed. */
function withoutKeys(data: unknown, issues: readonly { path: PropertyKey[]; code: string; keys?: string[] }[]): unknown {
  const copy: unknown = structuredClone(data);
  for (const issue of issues) {
    let node = copy as Record<PropertyKey, unknown> | undefined;
    for (const step of issue.path) node = node?.[step] as Record<PropertyKey, unknown> | undefined;
    if (node && typeof node === 'object') for (const key of issue.keys ?? []) delete node[key];
  }
  return copy;
}

/** The checks that span fields: slug, audio, times inside the duration, transcript, quote ids. */
function checkEpisode(
  input: EpisodeInput,
  body: string,
  text: string,
  located: () => YamlSource,
  ctx: EpisodeContext,
  relativeFile: string,
): { episode?: Episode; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (where: (string | number)[], message: string) => atPath(located(), where, message);
  const fileSlug = path.basename(ctx.file, path.extname(ctx.file));
  const slug = input.slug ?? fileSlug;
  if (!input.slug && !SLUG_PATTERN.test(fileSlug)) {
    diagnostics.push({
      severity: 'error',
      file: relativeFile,
      line: 1,
      column: 1,
      field: 'slug',
      message: `the file name ${describeValue(fileSlug)} is not a slug ([a-z0-9]+(-[a-z0-9]+)*): rename the file or set slug:`,
    });
  }

  let audio: Episode['audio'];
  if (input.audio) {
    const type = input.audio.type ?? MEDIA_TYPES[path.extname(new URL(input.audio.url).pathname).toLowerCase()];
    if (!type) diagnostics.push(at(['audio', 'url'], `cannot tell the media type of ${describeValue(input.audio.url)}: set audio.type (e.g. audio/mpeg)`));
    audio = { url: input.audio.url, type: type ?? 'application/octet-stream', length: input.audio.length, duration: input.audio.duration };
  } else if (!input.draft) {
    diagnostics.push(at(['audio'], 'missing required field (the audio file is needed to publish; set draft: true until it exists)'));
  }

  const duration = audio?.duration;
  const insideDuration = (seconds: number, where: (string | number)[]) => {
    if (duration !== undefined && seconds > duration) {
      diagnostics.push(at(where, `${describeValue(rawAt(located().data, where))} is past the episode's duration (${formatTimestamp(duration)})`));
    }
  };
  input.quotes.forEach((q, i) => insideDuration(q.at, ['quotes', i, 'at']));
  input.chapters.forEach((c, i) => insideDuration(c.at, ['chapters', i, 'at']));

  let transcript: string | undefined;
  if (input.transcript) {
    transcript = path.resolve(path.dirname(ctx.file), input.transcript);
    const ext = path.extname(transcript).toLowerCase();
    if (!isInside(ctx.root, transcript)) {
      diagnostics.push(at(['transcript'], `${describeValue(input.transcript)} points outside the show folder`));
    } else if (ext !== '.vtt' && ext !== '.srt') {
      diagnostics.push(at(['transcript'], `${describeValue(input.transcript)} is not a transcript file (.vtt WebVTT or .srt SubRip)`));
    } else if (!ctx.fileExists(transcript)) {
      diagnostics.push(at(['transcript'], `${describeValue(input.transcript)} does not exist (looked for ${path.relative(ctx.root, transcript)})`));
    }
  }

  const quotes: Quote[] = [];
  const seen = new Map<string, number>();
  input.quotes.forEach((q, i) => {
    const id = q.id ?? deriveQuoteId(q.text);
    const first = seen.get(id);
    if (first !== undefined) {
      diagnostics.push(at(q.id ? ['quotes', i, 'id'] : ['quotes', i], `quote id ${describeValue(id)} is used twice (also quotes[${first}]); give one of them another id:`));
    } else {
      seen.set(id, i);
    }
    quotes.push({ id, text: q.text, speaker: q.speaker, at: q.at, duration: q.duration });
  });

  if (diagnostics.length) return { diagnostics };

  const notes = renderMarkdown(body);
  const episode: Episode = {
    slug,
    file: ctx.file,
    relativeFile,
    title: input.title,
    date: toInstant(input.date, ctx.timezone),
    dateOnly: input.date.dateOnly,
    number: input.number,
    season: input.season,
    type: input.type,
    summary: input.summary ?? notes.firstParagraph,
    summaryFromNotes: input.summary === undefined,
    audio,
    hosts: input.hosts.map((p) => toPerson(p, 'host')),
    guests: input.guests.map((p) => toPerson(p, 'guest')),
    subject: input.subject && {
      show: input.subject.show,
      season: input.subject.season,
      episode: input.subject.episode,
      title: input.subject.title,
      aired: input.subject.aired && isoDay(input.subject.aired),
    },
    topics: input.topics,
    quotes,
    chapters: input.chapters.map(toChapter).sort((a, b) => a.at - b.at),
    transcript,
    related: input.related,
    draft: input.draft,
    explicit: input.explicit,
    body,
    html: notes.html,
    sourceHash: hash('sha256', text, 'hex'),
  };
  // Defined on every parsed episode, undefined or not: one shape for all (see `toPerson`).
  Object.defineProperty(episode, 'feedNotes', { value: notes.feed, enumerable: false });
  return { episode, diagnostics };
}

/** A front-matter date as an instant: a bare day or a time without offset is in the show's zone. */
export function toInstant(d: CalendarDate, timezone: string): Date {
  if (d.offset) {
    const sign = d.offset === 'Z' ? 0 : d.offset.startsWith('-') ? -1 : 1;
    const digits = d.offset.replace(/[^0-9]/g, '');
    const minutes = sign * (Number(digits.slice(0, 2) || 0) * 60 + Number(digits.slice(2) || 0));
    return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - minutes * 60_000);
  }
  return new Date(zonedInstant(timezone, d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
}

function isoDay(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

// Every person and chapter gets every field, present or not: objects of one shape keep the
// matcher's optimised code, which a person or chapter of a new shape sent back to the
// interpreter (and to the compiler again) several times per build.
function toPerson(p: EpisodeInput['hosts'][number], role: string): Person {
  return typeof p === 'string' ? { name: p, role, href: undefined, img: undefined } : { name: p.name, role: p.role ?? role, href: p.href, img: p.img };
}

function toChapter(c: EpisodeInput['chapters'][number]): Chapter {
  return { at: c.at, title: c.title, url: c.url, img: c.img };
}

function rawAt(data: unknown, where: (string | number)[]): unknown {
  let node = data;
  for (const step of where) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** True when `target` is `dir` or below it. */
export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
