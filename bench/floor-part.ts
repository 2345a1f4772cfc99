/**
 * One part of the floor (see `floor.ts`), run alone in a process of its own and timed inside,
 * from after start-up to the end of the work; prints one JSON line (`FloorPartResult`).
 *
 *   node --import tsx bench/floor-part.ts tree FROM TO     # FROM's folders and file sizes made anew at TO
 *   node --import tsx bench/floor-part.ts feeds SHOW       # SHOW/feeds/*.xml through rss-parser alone
 *   node --import tsx bench/floor-part.ts episodes SHOW    # SHOW/episodes/*.md through gray-matter and markdown-it alone
 *
 * Each is the least of one thing every build of the show does, with nothing of ours around it:
 * no validation, no caches, no rendering.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import Parser from 'rss-parser';

/** What a part did and what it cost. */
export interface FloorPartResult {
  wallMs: number;
  /** User + system CPU time of the process during the work. */
  cpuMs: number;
  /** System (kernel) CPU time of the process during the work. */
  systemMs: number;
  /** Files made (tree), items parsed (feeds) or episodes read (episodes). */
  count: number;
  /** Folders made (tree only). */
  folders?: number;
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

async function timed(work: () => Promise<{ count: number; folders?: number }>): Promise<FloorPartResult> {
  const before = process.resourceUsage();
  const started = performance.now();
  const done = await work();
  const wallMs = performance.now() - started;
  const after = process.resourceUsage();
  const systemMs = (after.systemCPUTime - before.systemCPUTime) / 1000;
  const cpuMs = (after.userCPUTime - before.userCPUTime) / 1000 + systemMs;
  return { wallMs, cpuMs, systemMs, ...done };
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
  return 'usage: floor-part.ts tree FROM TO | feeds SHOW | episodes SHOW';
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
