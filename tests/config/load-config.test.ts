import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';

const VALID = `title: Break Room Rewatch
url: https://example.com/show
description: Two friends rewatch The Office.
author: Break Room Media
email: show@example.com
categories: [TV & Film, Comedy]
timezone: America/Los_Angeles
articles:
  feeds:
    - feeds/hollywood-news.xml
    - url: https://example.org/tv/rss
      name: Example TV News
  max_related: 3
  refresh: 30m
images: false
`;

const problems = (text: string) => parseConfig(text).diagnostics.map(formatDiagnostic);

describe('config', () => {
  it('resolves a valid config with defaults', () => {
    const { config, diagnostics } = parseConfig(VALID);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      title: 'Break Room Rewatch',
      url: 'https://example.com/show/',
      description: 'Two friends rewatch The Office.',
      language: 'en',
      author: 'Break Room Media',
      email: 'show@example.com',
      image: undefined,
      categories: ['TV & Film', 'Comedy'],
      explicit: false,
      timezone: 'America/Los_Angeles',
      articles: {
        feeds: [
          { location: 'feeds/hollywood-news.xml', line: 10 },
          { location: 'https://example.org/tv/rss', name: 'Example TV News', line: 11 },
        ],
        maxRelated: 3,
        minScore: 0.5,
        refreshSeconds: 1800,
      },
      images: false,
    });
  });

  it('reports a missing required key', () => {
    expect(problems(VALID.replace('author: Break Room Media\n', ''))).toEqual(['shownotes.config.yaml:1:1 error author: missing required field']);
  });

  it('reports an unknown key with a hint', () => {
    expect(problems(VALID.replace('timezone:', 'timezon:'))).toEqual([
      'shownotes.config.yaml:7:1 error timezon: unknown key; did you mean "timezone"?',
    ]);
  });

  it('reports an unknown nested key with a hint', () => {
    expect(problems(VALID.replace('max_related', 'max_relatd'))).toEqual([
      'shownotes.config.yaml:13:3 error articles.max_relatd: unknown key; did you mean "max_related"?',
    ]);
  });

  it('refuses a relative url, a bad time zone, a category Apple does not know, a bad interval', () => {
    const text = VALID.replace('https://example.com/show', 'example.com')
      .replace('America/Los_Angeles', 'Mars/Olympus')
      .replace('Comedy]', 'Sitcoms]')
      .replace('30m', 'soon');
    expect(problems(text)).toEqual([
      'shownotes.config.yaml:2:1 error url: "example.com" is not an absolute http(s) URL',
      'shownotes.config.yaml:6:25 error categories[1]: "Sitcoms" is not an Apple Podcasts category (e.g. "TV & Film", "TV & Film > TV Reviews", "Comedy")',
      'shownotes.config.yaml:7:1 error timezone: "Mars/Olympus" is not an IANA time zone (e.g. America/Los_Angeles, UTC)',
      'shownotes.config.yaml:14:3 error articles.refresh: "soon" is not a duration (e.g. 30m, 6h, 1d)',
    ]);
  });

  it('reports a wrong type with the value', () => {
    expect(problems(VALID.replace('images: false', 'images: sometimes'))).toEqual([
      'shownotes.config.yaml:15:1 error images: expected true or false, got "sometimes"',
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const [first] = problems(VALID.replace('description: Two friends rewatch The Office.', 'description: "unclosed'));
    expect(first).toMatch(/^shownotes\.config\.yaml:3:\d+ error YAML syntax error: /);
  });

  it('reports a feed entry of the wrong shape', () => {
    expect(problems(VALID.replace('    - feeds/hollywood-news.xml', '    - 42'))).toEqual([
      'shownotes.config.yaml:10:7 error articles.feeds[0]: expected a feed path or URL, or a map { url, name }',
    ]);
  });
});

describe('empty sections', () => {
  it('reads an empty articles: or feeds: as the defaults', () => {
    const base = VALID.replace(/articles:\n(  .*\n)+/, '');
    expect(parseConfig(`${base}articles:\n`).config!.articles).toEqual({ feeds: [], maxRelated: 5, minScore: 0.5, refreshSeconds: 21600 });
    expect(parseConfig(`${base}articles:\n  feeds:\n`).config!.articles.feeds).toEqual([]);
  });
});
