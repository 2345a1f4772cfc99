import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadArticles } from './articles/load-articles.ts';
import { formatFeedReport } from './articles/format-feed-report.ts';
import { runBuild } from './build.ts';
import { loadConfig } from './config/load-config.ts';
import { terminalLogger } from './cli-logger.ts';
import { newEpisode } from './commands/new-episode.ts';
import { ListenError, runDevServer } from './dev/run-dev-server.ts';
import { formatDiagnostic, hasErrors, ShowError, sortDiagnostics, summariseDiagnostics, type Diagnostic } from './diagnostics.ts';
import { loadShow } from './load-show.ts';
import { explainMatches, formatExplanation } from './matching/explain-matches.ts';
import { matchEpisodes } from './matching/match-episodes.ts';
import { renderRelatedJson } from './matching/render-related-json.ts';
import { suggest } from './validation/suggest.ts';
import { PACKAGE_VERSION } from './package-root.ts';
import { loadTheme } from './render/load-theme.ts';

/** Exit codes (SPEC §2). */
const OK = 0;
const SHOW_ERRORS = 1;
const USAGE = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  help: Record<string, string>;
  positionals: { min: number; max: number };
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const root = { type: 'string', short: 'r' } as const;

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'build the whole site into out/',
    usage: 'shownotes build [--root DIR] [--out DIR] [--offline] [--drafts] [--base-url URL] [--clean]',
    options: { root, out: { type: 'string', short: 'o' }, offline: { type: 'boolean' }, drafts: { type: 'boolean' }, 'base-url': { type: 'string' }, clean: { type: 'boolean' } },
    help: {
      '--root DIR': 'the show folder (default: the current folder)',
      '--out DIR': 'where the site goes (default: <root>/out)',
      '--offline': 'read remote article feeds from the cache only',
      '--drafts': 'include episodes marked draft: true (never in feeds)',
      '--base-url URL': "use this instead of the config's url (e.g. for a preview)",
      '--clean': 'ignore every cache and build from scratch',
    },
    positionals: { min: 0, max: 0 },
    async run(v) {
      const logger = terminalLogger();
      const started = performance.now();
      const showRoot = showFolder(v);
      try {
        const report = await runBuild({
          root: showRoot,
          out: v.out === undefined ? undefined : path.resolve(String(v.out)),
          drafts: v.drafts === true,
          offline: v.offline === true,
          baseUrl: v['base-url'] === undefined ? undefined : String(v['base-url']),
          clean: v.clean === true,
          logger,
        });
        printDiagnostics(report.warnings);
        const outDir = path.relative(process.cwd(), path.resolve(showRoot, String(v.out ?? 'out'))) || '.';
        const took = seconds(performance.now() - started);
        if (report.mode === 'incremental') {
          const deleted = report.deleted ? `, deleted ${report.deleted}` : '';
          logger.info(`Updated ${outDir}/: wrote ${report.written} of ${report.files} files${deleted} (the rest unchanged) in ${took}`);
        } else {
          logger.info(`Wrote ${report.files} files to ${outDir}/ in ${took}`);
        }
        return OK;
      } catch (error) {
        if (error instanceof ShowError) {
          printDiagnostics(error.diagnostics);
          process.stderr.write(`${summariseDiagnostics(error.diagnostics)}; nothing was written (the previous out/ is unchanged)\n`);
          return SHOW_ERRORS;
        }
        throw error;
      }
    },
  },
  check: {
    summary: 'check the config and every episode, write nothing',
    usage: 'shownotes check [--root DIR]',
    options: { root },
    help: { '--root DIR': 'the show folder (default: the current folder)' },
    positionals: { min: 0, max: 0 },
    async run(v) {
      const showRoot = showFolder(v);
      const { show, theme } = await loadShowAndTheme(showRoot);
      const diagnostics = [...show.diagnostics, ...theme.diagnostics];
      printDiagnostics(diagnostics);
      if (hasErrors(diagnostics)) {
        process.stderr.write(`${summariseDiagnostics(diagnostics)}\n`);
        return SHOW_ERRORS;
      }
      process.stdout.write(`The config and ${show.episodes.length} episode${show.episodes.length === 1 ? '' : 's'} are valid.\n`);
      return OK;
    },
  },
  fetch: {
    summary: 'refresh the cached copies of remote article feeds',
    usage: 'shownotes fetch [--root DIR]',
    options: { root },
    help: { '--root DIR': 'the show folder (default: the current folder)' },
    positionals: { min: 0, max: 0 },
    async run(v) {
      const showRoot = showFolder(v);
      const { config, diagnostics } = await loadConfig(showRoot);
      if (!config) {
        printDiagnostics(diagnostics);
        return SHOW_ERRORS;
      }
      if (config.articles.feeds.length === 0) {
        process.stdout.write('No article feeds are configured (articles.feeds in shownotes.config.yaml).\n');
        return OK;
      }
      const result = await loadArticles(config.articles.feeds, {
        root: showRoot,
        offline: false,
        force: true,
        refreshSeconds: config.articles.refreshSeconds,
        logger: terminalLogger(),
      });
      process.stdout.write(`${formatFeedReport(result.feeds)}\n`);
      printDiagnostics(result.warnings);
      process.stdout.write(`${result.articles.length} articles from ${result.feeds.length} feed${result.feeds.length === 1 ? '' : 's'}\n`);
      return OK;
    },
  },
  match: {
    summary: 'rank the articles for one episode and explain each score',
    usage: 'shownotes match SLUG [--root DIR] [--json] [--all] [--offline]',
    options: { root, json: { type: 'boolean' }, all: { type: 'boolean' }, offline: { type: 'boolean' } },
    help: {
      '--root DIR': 'the show folder (default: the current folder)',
      '--json': "print the episode's related articles as in related.json",
      '--all': 'show every candidate below the threshold, not just the best three',
      '--offline': 'read remote article feeds from the cache only',
    },
    positionals: { min: 1, max: 1 },
    async run(v, [slug]) {
      const showRoot = showFolder(v);
      const show = await loadShow(showRoot);
      if (!show.config || hasErrors(show.diagnostics)) {
        printDiagnostics(show.diagnostics);
        process.stderr.write(`${summariseDiagnostics(show.diagnostics)}\n`);
        return SHOW_ERRORS;
      }
      const episode = show.episodes.find((e) => e.slug === slug);
      if (!episode) {
        const hint = suggest(slug!, show.episodes.map((e) => e.slug));
        process.stderr.write(`shownotes match: no episode with the slug "${slug}"${hint ? `; did you mean "${hint}"?` : ''}\n`);
        return SHOW_ERRORS;
      }
      const config = show.config;
      const corpus = await loadArticles(config.articles.feeds, {
        root: showRoot,
        offline: v.offline === true,
        refreshSeconds: config.articles.refreshSeconds,
        logger: terminalLogger(),
      });
      printDiagnostics(corpus.warnings);
      // The same episodes as a build without drafts, plus this one if it is a draft.
      const episodes = show.episodes.filter((e) => !e.draft || e.slug === slug);
      const options = { maxRelated: config.articles.maxRelated, minScore: config.articles.minScore };
      if (v.json) {
        const related = matchEpisodes(episodes, corpus.articles, options);
        const json = JSON.parse(renderRelatedJson([episode], related)) as Record<string, unknown>;
        process.stdout.write(`${JSON.stringify(json[episode.slug], null, 2)}\n`);
        return OK;
      }
      const explained = explainMatches(episode, episodes, corpus.articles, { ...options, below: v.all ? Infinity : 3 });
      process.stdout.write(`${episode.title} (${episode.slug}): ${corpus.articles.length} articles, threshold ${options.minScore}, at most ${options.maxRelated} listed\n\n`);
      process.stdout.write(formatExplanation(explained));
      return OK;
    },
  },
  new: {
    summary: 'write a new episode file from a template and print its path',
    usage: 'shownotes new "TITLE" [--root DIR]',
    options: { root },
    help: { '--root DIR': 'the show folder (default: the current folder)' },
    positionals: { min: 1, max: 1 },
    async run(v, [title]) {
      const showRoot = showFolder(v);
      const { show, theme } = await loadShowAndTheme(showRoot);
      if (!show.config || !theme.theme) {
        const problems = [...show.diagnostics, ...theme.diagnostics].filter((d) => d.severity === 'error');
        printDiagnostics(problems);
        return SHOW_ERRORS;
      }
      const result = await newEpisode(showRoot, title!, show.config, show.episodes, theme.theme, new Date());
      if ('error' in result) {
        process.stderr.write(`error: ${result.error}\n`);
        return SHOW_ERRORS;
      }
      process.stdout.write(`${result.path}\n`);
      return OK;
    },
  },
  dev: {
    summary: 'build and serve the site on localhost, rebuild on every save, reload the browser',
    usage: 'shownotes dev [--root DIR] [--port N] [--host HOST] [--drafts]',
    options: { root, port: { type: 'string', short: 'p' }, host: { type: 'string' }, drafts: { type: 'boolean' } },
    help: {
      '--root DIR': 'the show folder (default: the current folder)',
      '--port N': 'the port to serve on (default: 8080, or the next free one)',
      '--host HOST': 'the address to listen on (default: 127.0.0.1, this machine only)',
      '--drafts': 'include episodes marked draft: true',
    },
    positionals: { min: 0, max: 0 },
    async run(v) {
      const port = v.port === undefined ? 8080 : Number(v.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535 || String(v.port ?? '8080').trim() === '') {
        process.stderr.write(`shownotes dev: --port "${String(v.port)}" is not a port number (0 to 65535)\n`);
        return USAGE;
      }
      // Listen for Ctrl-C before the first build, so stopping then still closes cleanly; once
      // caught, a second Ctrl-C ends the process at once (the handlers are gone).
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const logger = terminalLogger();
      let server;
      try {
        server = await runDevServer({
          root: showFolder(v),
          port,
          host: v.host === undefined ? undefined : String(v.host),
          drafts: v.drafts === true,
          logger,
        });
      } catch (error) {
        if (error instanceof ListenError) {
          process.stderr.write(`shownotes dev: ${error.message}\n`);
          return USAGE;
        }
        if (error instanceof ShowError) {
          printDiagnostics(error.diagnostics);
          return SHOW_ERRORS;
        }
        throw error;
      }
      await stopped;
      logger.info('Stopping.');
      await server.close();
      return OK;
    },
  },
};

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(generalHelp());
    return name === undefined ? USAGE : OK;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`shownotes: unknown command "${name}"\n\n${generalHelp()}`);
    return USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`shownotes ${name}: ${(error as Error).message}\n\nusage: ${command.usage}\n`);
    return USAGE;
  }
  if (parsed.values.help) {
    process.stdout.write(commandHelp(name, command));
    return OK;
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const why = parsed.positionals.length < min ? 'missing argument' : `unexpected argument "${parsed.positionals[max]}"`;
    process.stderr.write(`shownotes ${name}: ${why}\n\nusage: ${command.usage}\n`);
    return USAGE;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    process.stderr.write(`shownotes: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return SHOW_ERRORS;
  }
}

function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return `shownotes ${version()}: show notes, quote cards and podcast feeds from a folder of episodes

usage: shownotes <command> [options]

commands:
${lines.join('\n')}

Run "shownotes <command> --help" for a command's options.
`;
}

function commandHelp(name: string, command: Command): string {
  const width = Math.max(...Object.keys(command.help).map((k) => k.length), '--help'.length);
  const lines = Object.entries({ ...command.help, '--help': 'show this help' }).map(([k, d]) => `  ${k.padEnd(width)}  ${d}`);
  return `shownotes ${name}: ${command.summary}

usage: ${command.usage}

options:
${lines.join('\n')}
`;
}

/** The show folder of `--root`, absolute (default: the current folder). */
function showFolder(values: Record<string, string | boolean | undefined>): string {
  return path.resolve(String(values.root ?? '.'));
}

/** The show and its theme, as `check` and `new` need them. */
async function loadShowAndTheme(showRoot: string) {
  const show = await loadShow(showRoot);
  const theme = await loadTheme(showRoot, { timezone: show.config?.timezone ?? 'UTC' });
  return { show, theme };
}

function printDiagnostics(list: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(list)) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function version(): string {
  return PACKAGE_VERSION;
}
