/**
 * One part of the floor (see `floor.ts`), run alone in a process of its own and timed inside,
 * from after start-up to the end of the work; prints one JSON line (`FloorPartResult`).
 *
 *   node --import tsx bench/floor-part.ts tree FROM TO     # FROM's folders and file sizes made anew at TO
 *   node --import tsx bench/floor-part.ts feeds SHOW       # SHOW/feeds/*.xml through rss-parser alone
 *   node --import tsx bench/floor-part.ts episodes SHOW    # SHOW/episodes/*.md through gray-matter and markdown-it alone
 *   node --import tsx bench/floor-part.ts templates SHOW   # SHOW's pages and quote cards through Handlebars alone
 *   node --import tsx bench/floor-part.ts matcher SHOW     # SHOW's episodes matched against its articles, as a clean build does
 *
 * Each of the first four is the least of one thing every build of the show does, with nothing of
 * ours around it: no validation, no caches, no rendering (but for the templates' own helpers).
 * The matcher is ours (issue 5), timed alone the same way, to set beside them.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import Parser from 'rss-parser';
import { loadShow } from '../src/load-show.ts';
import { loadTheme, type Theme } from '../src/render/load-theme.ts';
import { planSite } from '../src/render/render-site.ts';
import { siteView } from '../src/render/site-view.ts';
import { matchCold, readShowForMatching } from './match-cold.ts';

/** What a part did and what it cost. */
export interface FloorPartResult {
  wallMs: number;
  /** User + system CPU time of the process during the work. */
  cpuMs: number;
  /** System (kernel) CPU time of the process during the work. */
  systemMs: number;
  /** Files made (tree), items parsed (feeds), episodes read (episodes) or templates rendered (templates). */
  count: number;
  /** Folders made (tree only). */
  folders?: number;
  /** Articles matched against (matcher only; `count` is the episodes). */
  articles?: number;
}

/** Folders (parents first) and files with their sizes under `dir`, relative to it. */
export function listTree(dir: string): { folders: string[]; files: { path: string; size: number }[] } {
  const folders: string[] = [];
  const files: { path: string; size: number }[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        folders.push(child);
        walk(child);
      } else {
        files.push({ path: child, size: statSync(path.join(dir, child)).size });
      }
    }
  };
  walk('');
  return { folders, files };
}

/** A stopwatch of the process's wall and CPU time, started and stopped around the timed work. */
class Stopwatch {
  #wall = 0;
  #user = 0;
  #system = 0;

  async time<T>(work: () => Promise<T> | T): Promise<T> {
    const before = process.resourceUsage();
    const started = performance.now();
    const done = await work();
    this.#wall += performance.now() - started;
    const after = process.resourceUsage();
    this.#user += after.userCPUTime - before.userCPUTime;
    this.#system += after.systemCPUTime - before.systemCPUTime;
    return done;
  }

  result(done: { count: number; folders?: number; articles?: number }): FloorPartResult {
    return { wallMs: this.#wall, cpuMs: (this.#user + this.#system) / 1000, systemMs: this.#system / 1000, ...done };
  }
}

async function timed(work: () => Promise<{ count: number; folders?: number }>): Promise<FloorPartResult> {
  const watch = new Stopwatch();
  return watch.result(await watch.time(work));
}

/** Makes `from`'s folders and files (same sizes, zero bytes) at `to`, one synchronous call after another. */
function makeTree(tree: ReturnType<typeof listTree>, to: string): { count: number; folders: number } {
  mkdirSync(to);
  // A loop, not Math.max(...sizes): a site's tens of thousands of arguments could overflow the stack.
  const largest = tree.files.reduce((most, f) => Math.max(most, f.size), 0);
  const zeros = new Uint8Array(largest);
  for (const folder of tree.folders) mkdirSync(`${to}/${folder}`);
  for (const file of tree.files) {
    const fd = openSync(`${to}/${file.path}`, 'w');
    for (let done = 0; done < file.size; ) done += writeSync(fd, zeros, done, file.size - done);
    closeSync(fd);
  }
  return { count: tree.files.length, folders: tree.folders.length };
}

async function parseFeeds(show: string): Promise<{ count: number }> {
  const dir = path.join(show, 'feeds');
  const parser = new Parser();
  let count = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xml')).sort()) {
    const feed = await parser.parseString(readFileSync(path.join(dir, name), 'utf8'));
    count += feed.items.length;
  }
  return { count };
}

function readEpisodes(show: string): { count: number } {
  const dir = path.join(show, 'episodes');
  // The options the notes are rendered with (src/episodes/render-markdown.ts).
  const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });
  let count = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const { content } = matter(readFileSync(path.join(dir, name), 'utf8'));
    markdown.render(content);
    count += 1;
  }
  return { count };
}

/** Plans rendered at once: their data is made before the clock runs, and dropped after. */
const TEMPLATE_CHUNK = 2_000;

/**
 * Renders the show's pages, index pages, quote-card pages, sitemap and 404 page with the default
 * theme, timing Handlebars alone: the data each template gets is made first (our views, by a
 * theme that only notes what it was asked to render), a chunk of plans at a time so that only a
 * few hundred episodes' data is alive at once, and the clock runs only while the real theme
 * renders it. Without related articles (no matching here), so the pages are a little shorter than a
 * build's. The feeds are left out: their items are checked and laid out by code of ours.
 */
async function renderTemplates(show: string): Promise<FloorPartResult> {
  const { config, episodes: all } = await loadShow(show);
  if (!config) throw new Error(`${show}: the config did not load`);
  // What a build without --drafts publishes.
  const episodes = all.filter((e) => !e.draft);
  const { theme } = await loadTheme(show, { timezone: config.timezone }, {});
  if (!theme) throw new Error(`${show}: the theme did not load`);
  let asked: [template: string, data: unknown][] = [];
  const noting: Theme = { ...theme, render: (template, data) => (asked.push([template, data]), '') };
  const input = { config, site: siteView(config, episodes), episodes, related: new Map(), transcripts: new Map() };
  const plans = planSite(input, noting, { site: '', episode: () => '' });
  const watch = new Stopwatch();
  let count = 0;
  for (let start = 0; start < plans.length; start += TEMPLATE_CHUNK) {
    for (const plan of plans.slice(start, start + TEMPLATE_CHUNK)) plan.render();
    const chunk = asked;
    asked = [];
    await watch.time(() => {
      for (const [template, data] of chunk) theme.render(template, data);
    });
    count += chunk.length;
  }
  return watch.result({ count });
}

/** Matches the show's published episodes against its feeds' articles, both read before the clock runs. */
async function matchShow(show: string): Promise<FloorPartResult> {
  const data = await readShowForMatching(show, { plainArticles: false });
  const watch = new Stopwatch();
  await watch.time(() => matchCold(data));
  return watch.result({ count: data.episodes.length, articles: data.articles.length });
}

/** Runs one part; resolves to a usage message for bad arguments. */
export async function runFloorPart(argv: readonly string[]): Promise<FloorPartResult | string> {
  const [mode, a, b] = argv;
  if (mode === 'tree' && a && b) {
    // Listed before the clock starts: reading the model tree is not part of making one.
    const tree = listTree(a);
    return timed(async () => makeTree(tree, b));
  }
  if (mode === 'feeds' && a) return timed(() => parseFeeds(a));
  if (mode === 'episodes' && a) return timed(async () => readEpisodes(a));
  if (mode === 'templates' && a) return renderTemplates(a);
  if (mode === 'matcher' && a) return matchShow(a);
  return 'usage: floor-part.ts tree FROM TO | feeds SHOW | episodes SHOW | templates SHOW | matcher SHOW';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runFloorPart(process.argv.slice(2));
  if (typeof result === 'string') {
    process.stderr.write(`${result}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
