import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateShow } from '../../bench/generate-show.ts';

// 30 episodes and 2,500 articles: three feed files, the last one half full.
const EPISODES = 30;
const ARTICLES = 2500;

let tmp: string;
const dirs = { a: '', b: '', other: '' };

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no front matter');
  return { data: parseYaml(match[1] as string) as Record<string, unknown>, body: match[2] as string };
}

/** Seconds of `HH:MM:SS`, `MM:SS` or seconds (SPEC §4). */
function seconds(time: string): number {
  return time.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-generate-'));
  dirs.a = path.join(tmp, 'a');
  dirs.b = path.join(tmp, 'b');
  dirs.other = path.join(tmp, 'other');
  await generateShow(dirs.a, { episodes: EPISODES, articles: ARTICLES });
  await generateShow(dirs.b, { episodes: EPISODES, articles: ARTICLES, seed: 1 });
  await generateShow(dirs.other, { episodes: EPISODES, articles: ARTICLES, seed: 2 });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('generateShow', () => {
  it('reports the files it wrote: config, episodes and feeds of 1,000 items', async () => {
    const files = await listFiles(dirs.a);
    expect(files).toHaveLength(1 + EPISODES + 3);
    expect(files.filter((f) => f.startsWith('feeds/'))).toEqual([
      'feeds/articles-01.xml',
      'feeds/articles-02.xml',
      'feeds/articles-03.xml',
    ]);
    expect(files).toContain('shownotes.config.yaml');
    const { files: count } = await generateShow(path.join(tmp, 'count'), { episodes: 5, articles: 10 });
    expect(count).toBe(1 + 5 + 1);
  });

  it('writes byte-identical files for the same seed (default seed is 1)', async () => {
    const files = await listFiles(dirs.a);
    expect(await listFiles(dirs.b)).toEqual(files);
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(path.join(dirs.a, file)), readFile(path.join(dirs.b, file))]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('writes different episodes and articles for another seed', async () => {
    const episodesA = await readdir(path.join(dirs.a, 'episodes'));
    const episodesOther = await readdir(path.join(dirs.other, 'episodes'));
    expect(episodesOther).toHaveLength(EPISODES);
    expect(episodesOther.filter((name) => episodesA.includes(name)).length).toBeLessThan(EPISODES / 2);
    const feedA = await readFile(path.join(dirs.a, 'feeds', 'articles-01.xml'), 'utf8');
    const feedOther = await readFile(path.join(dirs.other, 'feeds', 'articles-01.xml'), 'utf8');
    expect(feedOther).not.toBe(feedA);
  });

  it('replaces episodes from an earlier, bigger generation', async () => {
    const dir = path.join(tmp, 'shrink');
    await generateShow(dir, { episodes: 8, articles: 10 });
    await generateShow(dir, { episodes: 4, articles: 10 });
    expect(await readdir(path.join(dir, 'episodes'))).toHaveLength(4);
  });

  it('writes a config with the required keys listing every feed (SPEC §3)', async () => {
    const config = parseYaml(await readFile(path.join(dirs.a, 'shownotes.config.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(config).sort()).toEqual(
      ['articles', 'author', 'description', 'email', 'image', 'images', 'language', 'timezone', 'title', 'url'].sort(),
    );
    expect(config.title).toBe('Rerun Club');
    expect(config.url).toBe('https://rerun-club.example/');
    expect(config.images).toBe(false);
    expect(config.articles).toEqual({
      feeds: ['feeds/articles-01.xml', 'feeds/articles-02.xml', 'feeds/articles-03.xml'],
    });
  });
});

describe('generated episodes', () => {
  const allowed = [
    'title', 'date', 'number', 'season', 'type', 'slug', 'summary', 'audio', 'hosts', 'guests',
    'subject', 'topics', 'quotes', 'chapters', 'transcript', 'related', 'draft', 'explicit',
  ];

  it('have valid YAML front matter with the fields of SPEC §4, times inside the audio', async () => {
    const names = (await readdir(path.join(dirs.a, 'episodes'))).sort();
    let guests = 0;
    for (const [i, name] of names.entries()) {
      const { data, body } = splitFrontMatter(await readFile(path.join(dirs.a, 'episodes', name), 'utf8'));
      for (const key of Object.keys(data)) expect(allowed, `${name}: ${key}`).toContain(key);
      expect(typeof data.title).toBe('string');
      expect(data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(data.number).toBe(i + 1);
      expect(data.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(`${data.slug as string}.md`).toBe(name);

      const audio = data.audio as { url: string; type: string; length: number; duration: string };
      expect(audio.url).toBe(`https://cdn.rerun-club.example/audio/${data.slug as string}.mp3`);
      expect(audio.type).toBe('audio/mpeg');
      expect(Number.isInteger(audio.length)).toBe(true);
      expect(audio.duration).toMatch(/^\d:\d{2}:\d{2}$/);
      const duration = seconds(audio.duration);

      expect(data.hosts).toEqual(['Marnie Castellan', 'Theo Whitlock']);
      const guestList = (data.guests ?? []) as string[];
      expect(guestList.length).toBeLessThanOrEqual(2);
      guests += guestList.length;
      const subject = data.subject as Record<string, unknown>;
      expect(Object.keys(subject)).toEqual(['show', 'season', 'episode', 'title', 'aired']);
      expect(subject.title).toBe(data.title);
      expect(subject.aired).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(data.topics).toHaveLength(4);

      const quotes = data.quotes as { text: string; speaker: string; at: string; duration: number }[];
      expect(quotes).toHaveLength(8);
      for (const q of quotes) {
        expect(Object.keys(q)).toEqual(['text', 'speaker', 'at', 'duration']);
        expect([...(data.hosts as string[]), ...guestList]).toContain(q.speaker);
        expect(q.text.split(' ').length).toBeGreaterThanOrEqual(5);
        expect(seconds(q.at) + q.duration).toBeLessThanOrEqual(duration);
      }
      const chapters = data.chapters as { at: string; title: string }[];
      expect(chapters).toHaveLength(5);
      const starts = chapters.map((c) => seconds(c.at));
      expect(starts[0]).toBe(0);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(Math.max(...starts)).toBeLessThan(duration);

      const words = body.split(/\s+/).filter(Boolean).length;
      expect(words).toBeGreaterThan(520);
      expect(words).toBeLessThan(720);
      expect(body).toMatch(/^## /m);
      expect(body).toMatch(/^- /m);
      expect(body).toMatch(/\]\(https:\/\//);
    }
    // 0–2 guests each: over 30 episodes some have guests.
    expect(guests).toBeGreaterThan(0);
  });
});

describe('generated article feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false });

  interface Item {
    title: string;
    link: string;
    guid: { '#text': string; '@_isPermaLink': string };
    pubDate: string;
    'dc:creator': string;
    'content:encoded': string;
  }

  async function items(file: string): Promise<Item[]> {
    const xml = await readFile(path.join(dirs.a, 'feeds', file), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { rss: { '@_version': string; channel: { item: Item[] } } };
    expect(doc.rss['@_version']).toBe('2.0');
    return doc.rss.channel.item;
  }

  it('are well-formed RSS 2.0 with 1,000 items a file and the rest in the last', async () => {
    expect(await items('articles-01.xml')).toHaveLength(1000);
    expect(await items('articles-02.xml')).toHaveLength(1000);
    expect(await items('articles-03.xml')).toHaveLength(500);
  });

  it('give each item a title, link, guid, RFC 2822 date, creator and ~250 words', async () => {
    const all = [...(await items('articles-01.xml')), ...(await items('articles-03.xml'))];
    const guids = new Set(all.map((item) => item.guid['#text']));
    expect(guids.size).toBe(all.length);
    for (const item of all) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.link).toMatch(/^https:\/\/[a-z0-9-]+\.example\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/);
      expect(item.guid['@_isPermaLink']).toBe('false');
      expect(item.pubDate).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      expect(new Date(item.pubDate).toUTCString().slice(0, 25)).toBe(item.pubDate.slice(0, 25));
      expect(item['dc:creator']).toMatch(/^\S+ \S+$/);
      const words = item['content:encoded'].replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;
      expect(words).toBeGreaterThan(200);
      expect(words).toBeLessThan(330);
    }
  });

  it('make 2 % of articles quote an episode, with its subject and speaker, and 1 % decoys', async () => {
    const all = [
      ...(await items('articles-01.xml')),
      ...(await items('articles-02.xml')),
      ...(await items('articles-03.xml')),
    ];
    const quotes = new Map<string, { speaker: string; title: string }>();
    for (const name of await readdir(path.join(dirs.a, 'episodes'))) {
      const { data } = splitFrontMatter(await readFile(path.join(dirs.a, 'episodes', name), 'utf8'));
      for (const q of data.quotes as { text: string; speaker: string }[]) {
        quotes.set(q.text, { speaker: q.speaker, title: data.title as string });
      }
    }
    const related = all.filter((item) => item.title.includes(' on the making of '));
    expect(related).toHaveLength(ARTICLES * 0.02);
    for (const item of related) {
      const text = item['content:encoded'];
      // The quote may be cut, recased or lose a word, but keeps its first and last words; it
      // is given to its speaker in an article that names the episode's subject.
      const lower = text.toLowerCase();
      const found = [...quotes].find(([quote, q]) => {
        const words = quote.toLowerCase().split(' ');
        const first = (words[0] as string).replace(/,$/, '');
        return (
          (lower.includes(`"${first}`) || lower.includes(`\u201c${first}`)) &&
          lower.includes(words.at(-1) as string) &&
          text.includes(q.speaker) &&
          text.includes(`"${q.title}"`)
        );
      });
      expect(found, item.title).toBeDefined();
    }
    const decoys = all.filter((item) => / joins the cast of /.test(item.title));
    expect(decoys).toHaveLength(ARTICLES * 0.01);
    for (const item of decoys) {
      expect(item.title).toMatch(/^(Marnie Castellan|Theo Whitlock) joins the cast of /);
      expect(item['content:encoded']).not.toContain('Rerun Club');
    }
  });
});
