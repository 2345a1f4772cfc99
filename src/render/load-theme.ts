import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile } from '../incremental/build-cache-file.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { suggest } from '../validation/suggest.ts';
import { registerHelpers, type HelperOptions } from './helpers.ts';

type CompileOptions = NonNullable<Parameters<typeof Handlebars.precompile>[1]>;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** The theme that ships with shownotes: the repository's own `templates/`. */
export const DEFAULT_THEME_DIR = path.join(PACKAGE_ROOT, 'templates');

/** A file of the theme after overrides: where it comes from and its bytes. */
export interface ThemeFile {
  /** Path inside the theme, with `/`, e.g. `partials/quote-card.hbs`. */
  name: string;
  absolute: string;
  content: Buffer;
}

/** Compiled templates, ready to render pages; compiled once per build. */
export interface Theme {
  /**
   * Renders a page template (`episode`, `index`, `feed.xml`, …) with its data; `runtime` is
   * Handlebars' `@data` the helpers see besides `@root`.
   */
  render(template: string, data: unknown, runtime?: Record<string, unknown>): string;
  has(template: string): boolean;
  /** Files of `assets/`, copied to `out/assets/`. */
  assets: ThemeFile[];
  /** Hash of every theme file, for caches. */
  hash: string;
  /** Each template's compiled form by its key, for `loadTheme`'s `specs` in another thread. */
  specs: Readonly<Record<string, string>>;
}

/**
 * Loads the default theme and lays the show's own `templates/` over it file by file (a show
 * may replace `episode.hbs` alone, or one partial, or `assets/style.css`). With `cacheDir`,
 * each template's compiled form (Handlebars' precompiled spec) is kept there by its source and
 * options: compiling the theme's templates was 0.2 s of every rebuild.
 */
export async function loadTheme(
  showRoot: string,
  helperOptions: HelperOptions,
  options: {
    cacheDir?: string;
    clean?: boolean;
    /**
     * Templates compiled already (`Theme.specs` of the main thread's theme), used for every
     * file whose text and options are theirs: the threads that render cards and feeds each
     * compiled the whole theme again, the Handlebars compiler and V8's optimising of it
     * included.
     */
    specs?: Readonly<Record<string, string>>;
  } = {},
): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  const files = new Map<string, ThemeFile>();
  for (const dir of [DEFAULT_THEME_DIR, path.join(showRoot, 'templates')]) {
    for (const file of await listFiles(dir)) files.set(file.name, file);
  }
  const hb = Handlebars.create();
  const builtIn = Object.keys(hb.helpers);
  registerHelpers(hb, helperOptions);
  const helpers = helperList(hb, builtIn);
  const diagnostics: Diagnostic[] = [];
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  const hash = createHash('sha256');
  const specsFile = options.cacheDir && path.join(options.cacheDir, `templates${CACHE_FILE_EXTENSION}`);
  const stored = (specsFile && !options.clean && (await readCacheFile<Record<string, string>>(specsFile, Handlebars.VERSION))) || {};
  const cached = options.specs ? { ...stored, ...options.specs } : stored;
  const specs: Record<string, string> = {};
  for (const file of [...files.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(file.name).update('\0').update(file.content);
    if (!file.name.endsWith('.hbs')) continue;
    const name = file.name.slice(0, -'.hbs'.length);
    const page = !name.startsWith('partials/') && !name.startsWith('layouts/');
    // Every helper there is is known here, so each call is compiled as one: Handlebars otherwise
    // looks each name up among the helpers and then the fields at every render (~9 % of the
    // CPU of rendering the bench show's pages and cards, docs/performance.md), and a call to a
    // helper that does not exist is found now, not as a crash on the first page that uses it.
    const compileOptions: CompileOptions = {
      ...(page ? { strict: false, noEscape: name.endsWith('.json') || name.endsWith('.md') } : {}),
      knownHelpers: helpers.known,
      knownHelpersOnly: true,
    };
    const key = createHash('sha256').update(JSON.stringify(compileOptions)).update('\0').update(file.content).digest('base64url');
    let spec = cached[key];
    if (spec === undefined) {
      try {
        // Compiled now, not on first use, so a syntax error names the template before any page is rendered.
        // Handlebars' typings say a spec object; `precompile` returns its source text.
        spec = hb.precompile(file.content.toString('utf8'), compileOptions) as unknown as string;
      } catch (error) {
        diagnostics.push(templateError(file, showRoot, error, helpers));
        continue;
      }
    }
    specs[key] = spec!;
    // The spec is the source of a JavaScript object, as `handlebars --precompile` writes into a file.
    const template = hb.template(new Function(`return ${spec!};`)() as TemplateSpecification);
    // Partials are registered compiled: a partial registered as text is compiled again on
    // every page that uses it, which made rendering thousands of pages slow.
    if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), template);
    else if (name.startsWith('layouts/')) hb.registerPartial(name, template);
    else pages.set(name, template);
  }
  if (diagnostics.length) return { diagnostics };
  const sameSpecs = Object.keys(specs).length === Object.keys(stored).length && Object.keys(specs).every((key) => key in stored);
  if (specsFile && !sameSpecs) await writeCacheFile(specsFile, Handlebars.VERSION, specs);
  const theme: Theme = {
    render(template, data, runtime) {
      const page = pages.get(template);
      if (!page) throw new Error(`internal error: the theme has no template "${template}.hbs"`);
      return runtime ? page(data, { data: runtime }) : page(data);
    },
    has: (template) => pages.has(template),
    assets: [...files.values()].filter((f) => f.name.startsWith('assets/')).sort((a, b) => a.name.localeCompare(b.name)),
    hash: hash.digest('hex'),
    specs,
  };
  return { theme, diagnostics };
}

async function listFiles(dir: string, prefix = ''): Promise<ThemeFile[]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: ThemeFile[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, name)));
    else if (entry.isFile()) out.push({ name, absolute: path.join(dir, name), content: await readFile(path.join(dir, name)) });
  }
  return out;
}

/** The helpers a template may call: Handlebars' own and ours, each listed for error messages. */
interface HelperList {
  known: Record<string, true>;
  ours: string[];
  builtIn: string[];
}

function helperList(hb: typeof Handlebars, builtIn: readonly string[]): HelperList {
  const all = Object.keys(hb.helpers);
  return {
    known: Object.fromEntries(all.map((name) => [name, true])),
    ours: all.filter((name) => !builtIn.includes(name)).sort(),
    // The two "missing" hooks are Handlebars' machinery, not helpers a template calls.
    builtIn: builtIn.filter((name) => !name.endsWith('Missing')).sort(),
  };
}

function templateError(file: ThemeFile, showRoot: string, error: unknown, helpers: HelperList): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /unknown helper (\S+) - (\d+):\d+/.exec(message);
  const line = unknown?.[2] ?? /line (\d+)/.exec(message)?.[1];
  const shown = path.relative(showRoot, file.absolute);
  return {
    severity: 'error',
    file: shown.startsWith('..') ? file.absolute : shown,
    line: line ? Number(line) : undefined,
    message: `template error: ${unknown ? unknownHelper(unknown[1]!, helpers) : message.split('\n')[0]}`,
  };
}

function unknownHelper(name: string, helpers: HelperList): string {
  const hint = suggest(name, [...helpers.ours, ...helpers.builtIn]);
  const list = (names: string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return (
    `there is no helper "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
    `the helpers are ${list(helpers.ours)}, with Handlebars' ${list(helpers.builtIn)}`
  );
}
