import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { parseEpisode } from '../../src/episodes/parse-episode.ts';
import { deriveQuoteId } from '../../src/episodes/quote-id.ts';

const root = '/show';
const VALID = `---
title: "Casino Night"
date: 2020-10-14
number: 41
audio:
  url: https://cdn.example.com/041.mp3
  length: 69631234
  duration: "1:12:34"
hosts: [Maya Okafor, Dev Lindqvist]
quotes:
  - text: "Don't leave until you're called."
    speaker: Jenna Fischer
    at: "00:42:10"
    duration: 12
    id: trailer-orders
chapters:
  - { at: "12:30", title: The kiss }
  - { at: "0:00", title: Cold open }
transcript: transcripts/casino-night.vtt
---
Jim tells *Pam* how he feels.

More notes.
`;

function parse(text: string, options: { file?: string; exists?: boolean; timezone?: string } = {}) {
  return parseEpisode(text, {
    root,
    file: path.join(root, 'episodes', options.file ?? 'casino-night.md'),
    timezone: options.timezone ?? 'America/Los_Angeles',
    fileExists: () => options.exists ?? true,
  });
}

/** The formatted problems of a file made from VALID with one line replaced. */
function problems(text: string, options?: Parameters<typeof parse>[1]): string[] {
  return parse(text, options).diagnostics.map(formatDiagnostic);
}

describe('a valid episode', () => {
  it('is parsed with times in seconds and defaults applied', () => {
    const { episode, diagnostics } = parse(VALID);
    expect(diagnostics).toEqual([]);
    expect(episode).toBeDefined();
    const e = episode!;
    expect(e.slug).toBe('casino-night');
    expect(e.relativeFile).toBe('episodes/casino-night.md');
    expect(e.date.toISOString()).toBe('2020-10-14T07:00:00.000Z');
    expect(e.dateOnly).toBe(true);
    expect(e.audio).toEqual({ url: 'https://cdn.example.com/041.mp3', type: 'audio/mpeg', length: 69631234, duration: 4354 });
    expect(e.type).toBe('full');
    expect(e.hosts).toEqual([
      { name: 'Maya Okafor', role: 'host' },
      { name: 'Dev Lindqvist', role: 'host' },
    ]);
    expect(e.quotes).toEqual([
      { id: 'trailer-orders', text: "Don't leave until you're called.", speaker: 'Jenna Fischer', at: 2530, duration: 12 },
    ]);
    expect(e.chapters.map((c) => [c.at, c.title])).toEqual([
      [0, 'Cold open'],
      [750, 'The kiss'],
    ]);
    expect(e.transcript).toBe(path.join(root, 'episodes/transcripts/casino-night.vtt'));
    expect(e.summary).toBe('Jim tells Pam how he feels.');
    expect(e.html).toContain('<em>Pam</em>');
    expect(e.draft).toBe(false);
  });

  it('reads a date-time with an offset as that instant', () => {
    const { episode } = parse(VALID.replace('date: 2020-10-14', 'date: 2020-10-14T09:30:00+02:00'));
    expect(episode!.date.toISOString()).toBe('2020-10-14T07:30:00.000Z');
    expect(episode!.dateOnly).toBe(false);
  });

  it('derives a stable quote id from the text when none is given', () => {
    const { episode } = parse(VALID.replace('    id: trailer-orders\n', ''));
    expect(episode!.quotes[0]!.id).toBe(deriveQuoteId("Don't leave until you're called."));
    expect(episode!.quotes[0]!.id).toMatch(/^dont-leave-until-youre-called-[0-9a-f]{6}$/);
  });
});

  it('gives every person and chapter the same fields, written or not', () => {
    const text = VALID.replace('hosts: [Maya Okafor, Dev Lindqvist]', 'hosts: [Maya Okafor, { name: Dev Lindqvist, href: "https://example.com/dev" }]').replace(
      '  - { at: "12:30", title: The kiss }',
      '  - { at: "12:30", title: The kiss, url: "https://example.com/kiss" }',
    );
    const e = parse(text).episode!;
    expect(e.hosts.map((p) => Object.keys(p))).toEqual([
      ['name', 'role', 'href', 'img'],
      ['name', 'role', 'href', 'img'],
    ]);
    expect(e.hosts[1]).toEqual({ name: 'Dev Lindqvist', role: 'host', href: 'https://example.com/dev', img: undefined });
    expect(e.chapters.map((c) => Object.keys(c))).toEqual([
      ['at', 'title', 'url', 'img'],
      ['at', 'title', 'url', 'img'],
    ]);
    expect(e.chapters.map((c) => c.url)).toEqual([undefined, 'https://example.com/kiss']);
  });

describe('each mistake is reported with its line, field and what is accepted', () => {
  it('missing required field', () => {
    expect(problems(VALID.replace('title: "Casino Night"\n', ''))).toEqual(['episodes/casino-night.md:2:1 error title: missing required field']);
  });

  it('wrong type', () => {
    expect(problems(VALID.replace('number: 41', 'number: forty-one'))).toEqual([
      'episodes/casino-night.md:4:1 error number: expected a number, got "forty-one"',
    ]);
  });

  it('impossible date', () => {
    expect(problems(VALID.replace('date: 2020-10-14', 'date: 2020-02-30'))).toEqual([
      'episodes/casino-night.md:3:1 error date: "2020-02-30" is not a real date',
    ]);
  });

  it('something that is not a date at all', () => {
    expect(problems(VALID.replace('date: 2020-10-14', 'date: next tuesday'))).toEqual([
      'episodes/casino-night.md:3:1 error date: "next tuesday" is not a date (YYYY-MM-DD or an ISO 8601 date-time)',
    ]);
  });

  it('bad timestamp', () => {
    expect(problems(VALID.replace('at: "00:42:10"', 'at: "1:99"'))).toEqual([
      'episodes/casino-night.md:13:5 error quotes[0].at: "1:99" is not a time (HH:MM:SS, MM:SS or seconds)',
    ]);
  });

  it('timestamp past the duration', () => {
    expect(problems(VALID.replace('{ at: "12:30", title: The kiss }', '{ at: "1:15:00", title: The kiss }'))).toEqual([
      'episodes/casino-night.md:17:7 error chapters[0].at: "1:15:00" is past the episode\'s duration (1:12:34)',
    ]);
  });

  it('slug with characters outside [a-z0-9-]', () => {
    expect(problems(VALID.replace('number: 41', 'slug: ../../x'))).toEqual([
      'episodes/casino-night.md:4:1 error slug: "../../x" is not a slug (lower-case letters, digits and single hyphens: [a-z0-9]+(-[a-z0-9]+)*)',
    ]);
  });

  it('a file name that is not a slug, without slug:', () => {
    expect(problems(VALID, { file: 'Casino Night.md' })).toEqual([
      'episodes/Casino Night.md:1:1 error slug: the file name "Casino Night" is not a slug ([a-z0-9]+(-[a-z0-9]+)*): rename the file or set slug:',
    ]);
  });

  it('unknown key with a hint', () => {
    expect(problems(VALID.replace('number: 41', 'numbr: 41'))).toEqual([
      'episodes/casino-night.md:4:1 error numbr: unknown key; did you mean "number"?',
    ]);
  });

  it('unknown nested key with a hint', () => {
    expect(problems(VALID.replace('    speaker: Jenna Fischer', '    speakr: Jenna Fischer'))).toEqual([
      'episodes/casino-night.md:11:5 error quotes[0].speaker: missing required field',
      'episodes/casino-night.md:12:5 error quotes[0].speakr: unknown key; did you mean "speaker"?',
    ]);
  });

  it('YAML syntax error with its line', () => {
    const [problem, ...rest] = problems(VALID.replace('number: 41', 'number: [41'));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^episodes\/casino-night\.md:5:\d+ error YAML syntax error: /);
  });

  it('missing transcript file', () => {
    expect(problems(VALID, { exists: false })).toEqual([
      'episodes/casino-night.md:19:1 error transcript: "transcripts/casino-night.vtt" does not exist (looked for episodes/transcripts/casino-night.vtt)',
    ]);
  });

  it('a transcript path outside the show folder', () => {
    expect(problems(VALID.replace('transcripts/casino-night.vtt', '../../../etc/passwd.vtt'))).toEqual([
      'episodes/casino-night.md:19:1 error transcript: "../../../etc/passwd.vtt" points outside the show folder',
    ]);
  });

  it('quote id used twice', () => {
    const twice = VALID.replace(
      'chapters:',
      `  - text: "Another line."\n    speaker: Jenna Fischer\n    at: "43:00"\n    id: trailer-orders\nchapters:`,
    );
    expect(problems(twice)).toEqual([
      'episodes/casino-night.md:19:5 error quotes[1].id: quote id "trailer-orders" is used twice (also quotes[0]); give one of them another id:',
    ]);
  });

  it('audio missing on a published episode, fine on a draft', () => {
    const noAudio = VALID.replace(/audio:\n(  .*\n)+/, '');
    expect(problems(noAudio.replace(/  - \{ at: "12:30".*\n/, '').replace('at: "00:42:10"', 'at: "0:10"'))).toEqual([
      'episodes/casino-night.md:2:1 error audio: missing required field (the audio file is needed to publish; set draft: true until it exists)',
    ]);
    expect(parse(noAudio.replace('number: 41', 'draft: true')).diagnostics).toEqual([]);
  });

  it('an enum value that is not accepted', () => {
    expect(problems(VALID.replace('number: 41', 'type: weekly'))).toEqual([
      'episodes/casino-night.md:4:1 error type: "weekly" is not accepted (one of: full, trailer, bonus)',
    ]);
  });

  it('collects several problems of one file in one run', () => {
    const many = VALID.replace('number: 41', 'number: -3').replace('date: 2020-10-14', 'date: 2020-13-01').replace('title: "Casino Night"', 'titel: x');
    expect(problems(many)).toEqual([
      'episodes/casino-night.md:2:1 error title: missing required field',
      'episodes/casino-night.md:3:1 error date: "2020-13-01" is not a real date',
      'episodes/casino-night.md:4:1 error number: -3 is too small (at least more than 0)',
      'episodes/casino-night.md:2:1 error titel: unknown key; did you mean "title"?',
    ]);
  });

  it('a file without front matter', () => {
    expect(problems('Just notes.\n')).toEqual([
      'episodes/casino-night.md:1:1 error no front matter: an episode starts with a line "---", then YAML fields, then "---"',
    ]);
  });
});

describe('all problems of a file in one run', () => {
  it('reports a misspelt key and a timestamp past the duration together', () => {
    expect(problems(VALID.replace('hosts:', 'hostz:').replace('at: "00:42:10"', 'at: "1:42:10"'))).toEqual([
      'episodes/casino-night.md:9:1 error hostz: unknown key; did you mean "hosts"?',
      'episodes/casino-night.md:13:5 error quotes[0].at: "1:42:10" is past the episode\'s duration (1:12:34)',
    ]);
  });
});
