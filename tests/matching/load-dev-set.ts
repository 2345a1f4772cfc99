/**
 * TEST-ONLY loader for the matching-dev fixture, written before main had `loadShow` and
 * `loadArticles`. It reads just what the matcher needs: episode front matter with gray-matter,
 * the RSS and Atom items with linkedom's XML parser. Not a model for the real loaders.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { DOMParser } from 'linkedom';
import type { Article } from '../../src/articles/article.ts';
import type { Episode, Person, Quote } from '../../src/episodes/episode.ts';

interface FrontMatter {
  title: string;
  date: Date;
  summary?: string;
  hosts?: string[];
  guests?: (string | { name: string; role?: string })[];
  subject?: { show?: string; season?: number; episode?: number; title?: string; aired?: Date | string };
  topics?: string[];
  quotes?: { text: string; speaker: string; id?: string }[];
  chapters?: { at: string; title: string }[];
  related?: { pin?: string[]; block?: string[] };
}

function isoDay(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function person(entry: string | { name: string; role?: string }, role: string): Person {
  return typeof entry === 'string' ? { name: entry, role } : { name: entry.name, role: entry.role ?? role };
}

/** Reads every `episodes/*.md` of a show folder into Episode objects (test-only). */
export function loadDevEpisodes(root: string): Episode[] {
  const dir = path.join(root, 'episodes');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const parsed = matter(readFileSync(path.join(dir, file), 'utf8'));
      const fm = parsed.data as FrontMatter;
      const slug = file.replace(/\.md$/, '');
      const quotes: Quote[] = (fm.quotes ?? []).map((q, i) => ({
        id: q.id ?? `${slug}-q${i + 1}`,
        text: q.text,
        speaker: q.speaker,
        at: 0,
        duration: 15,
      }));
      const body = parsed.content.trim();
      return {
        slug,
        file: path.join(dir, file),
        relativeFile: `episodes/${file}`,
        title: fm.title,
        date: new Date(fm.date),
        dateOnly: true,
        type: 'full',
        summary: fm.summary ?? body.split(/\n\s*\n/)[0] ?? '',
        hosts: (fm.hosts ?? []).map((h) => person(h, 'host')),
        guests: (fm.guests ?? []).map((g) => person(g, 'guest')),
        subject: fm.subject ? { ...fm.subject, aired: isoDay(fm.subject.aired) } : undefined,
        topics: fm.topics ?? [],
        quotes,
        chapters: (fm.chapters ?? []).map((c) => ({ at: 0, title: c.title })),
        related: { pin: fm.related?.pin ?? [], block: fm.related?.block ?? [] },
        draft: false,
        body,
        html: '',
        sourceHash: '',
      } satisfies Episode;
    });
}

function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(`<html><body>${html}</body></html>`, 'text/html');
  const blocks = [...doc.querySelectorAll('p, li, h1, h2, h3, blockquote')].map((el) => el.textContent ?? '');
  return (blocks.length ? blocks.join('\n\n') : (doc.body.textContent ?? '')).trim();
}

/** Reads the items of an RSS 2.0 or Atom file into Article objects (test-only). */
export function loadDevFeed(file: string, source: string): Article[] {
  const doc = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml');
  const items = [...doc.querySelectorAll('item'), ...doc.querySelectorAll('entry')];
  return items.map((item) => {
    const child = (name: string): string | undefined =>
      [...item.children].find((c) => c.tagName.toLowerCase() === name)?.textContent?.trim() ?? undefined;
    const links = [...item.children].filter((c) => c.tagName.toLowerCase() === 'link');
    const alternate = links.find((l) => !l.getAttribute('rel') || l.getAttribute('rel') === 'alternate');
    const url = alternate?.getAttribute('href') ?? alternate?.textContent?.trim() ?? '';
    const html = child('content:encoded') ?? child('content') ?? child('description') ?? child('summary') ?? '';
    const date = child('pubdate') ?? child('published') ?? child('updated');
    const text = htmlToText(html);
    return {
      url,
      title: child('title') ?? '',
      source,
      ...(date ? { published: new Date(date) } : {}),
      text,
      excerpt: text.slice(0, 300),
      html,
    };
  });
}

/** The labelled answers of the dev set. */
export type DevLabels = Record<string, { relevant: string[]; quotes: string[] }>;

/** Episodes, articles and labels of the matching-dev show (test-only). */
export function loadDevSet(root: string): { episodes: Episode[]; articles: Article[]; labels: DevLabels } {
  const raw = JSON.parse(readFileSync(path.join(root, 'labels.json'), 'utf8')) as Record<string, unknown>;
  delete raw.notes;
  return {
    episodes: loadDevEpisodes(root),
    articles: [
      ...loadDevFeed(path.join(root, 'feeds/screen-notes.xml'), 'Screen Notes'),
      ...loadDevFeed(path.join(root, 'feeds/tv-digest.atom'), 'TV Digest'),
    ],
    labels: raw as DevLabels,
  };
}
