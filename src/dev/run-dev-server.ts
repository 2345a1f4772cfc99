import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { BuildReport } from '../build.ts';
import { CONFIG_FILE } from '../config/load-config.ts';
import { formatDiagnostic, ShowError, sortDiagnostics, summariseDiagnostics } from '../diagnostics.ts';
import type { Logger } from '../logger.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { fullRebuild, type MakeRebuild } from './rebuild.ts';
import { listenOnFreePort } from './listen-on-free-port.ts';
import { createReloadEvents } from './reload-events.ts';
import { DEFAULT_TIMING, scheduleRebuilds, type ChangeBatch, type ScheduleTiming } from './schedule-rebuilds.ts';
import { serveSite } from './serve-site.ts';
import { WATCHED, watchShow, type ShowWatcher } from './watch-show.ts';

/**
 * Where the dev site is built, inside the show folder. Not `out/`: the dev site's URLs point at
 * localhost, and a dev session must never leave such a site where `out/` is deployed from.
 * `.cache/` is git-ignored.
 */
export const DEV_OUT = '.cache/dev-site';

/** The browser script, found from the package root: the CLI also runs as one bundled file in dist/. */
const CLIENT_SCRIPT = path.join(PACKAGE_ROOT, 'src/dev/reload-client.js');

/** Options of `shownotes dev` (SPEC §2). */
export interface DevServerOptions {
  root: string;
  /** Default 8080; the next free port when taken; 0 lets the system pick. */
  port?: number;
  /** Default 127.0.0.1: the site is for the person at this machine. */
  host?: string;
  drafts?: boolean;
  /** Default `<root>/.cache/dev-site`. */
  out?: string;
  logger: Logger;
  /** How the site is rebuilt; default a whole build each time. */
  makeRebuild?: MakeRebuild;
  timing?: ScheduleTiming;
}

/** A running dev server. */
export interface DevServer {
  /** Where the site is served, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  port: number;
  /** The folder the site is built into and served from. */
  out: string;
  /** Stops watching, waits for a running rebuild, ends open event streams and closes the server. */
  close(): Promise<void>;
}

/** The server could not listen: a problem of the machine or the command line, not a bug. */
export class ListenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ListenError';
  }
}

/**
 * `shownotes dev`: listens, builds the site with the local URL as its base, serves it, and
 * rebuilds it on every save, telling open pages to reload (or showing them the diagnostics
 * while the last good site stays served). Resolves once the first build is done and the watcher
 * is ready. A broken show is served with its errors (they get fixed while it runs); a folder
 * that is no show at all throws `ShowError` before anything starts.
 */
export async function runDevServer(options: DevServerOptions): Promise<DevServer> {
  const { logger } = options;
  const root = path.resolve(options.root);
  const out = path.resolve(root, options.out ?? DEV_OUT);
  const host = options.host ?? '127.0.0.1';
  const askedPort = options.port ?? 8080;
  if (!existsSync(path.join(root, CONFIG_FILE))) {
    throw new ShowError([{ severity: 'error', file: CONFIG_FILE, message: `no ${CONFIG_FILE} in ${root}: is this a show folder?` }]);
  }

  const events = createReloadEvents();
  const clientScript = await readFile(CLIENT_SCRIPT, 'utf8');
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = createServer(serveSite({ out, clientScript, events, ready }));
  let port: number;
  try {
    port = await listenOnFreePort(server, host, askedPort);
  } catch (error) {
    events.close();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ListenError(`cannot listen on ${host}:${askedPort} (${code})`, { cause: error });
  }
  if (askedPort !== 0 && port !== askedPort) logger.info(`Port ${askedPort} is in use; using ${port}.`);
  const url = `http://${urlHost(host)}:${port}/`;

  const rebuild = (options.makeRebuild ?? fullRebuild)({ root, out, drafts: options.drafts, baseUrl: url, logger });
  let builds = 0;
  let good = 0;
  const build = async (batch: ChangeBatch): Promise<void> => {
    const first = builds++ === 0;
    try {
      let previewed = false;
      const report = await rebuild(first ? [] : batch.files, (pages) => {
        // The edited pages are on disk: open pages reload now, and again if the rebuild changes more.
        previewed = true;
        events.send({ type: 'reload', data: { changed: batch.files, ms: Math.round(performance.now() - batch.since), preview: pages } });
      });
      good++;
      const ms = performance.now() - batch.since;
      if (!previewed || report.written > 0 || report.deleted > 0) events.send({ type: 'reload', data: { changed: batch.files, ms: Math.round(ms) } });
      reportBuilt(logger, report, first ? `Built the site in ${seconds(ms)}` : `${describeChanges(batch.files)}: rebuilt in ${seconds(ms)}`);
    } catch (error) {
      const diagnostics = error instanceof ShowError ? sortDiagnostics(error.diagnostics) : [];
      const lines = error instanceof ShowError ? diagnostics.map(formatDiagnostic) : [`internal error: ${error instanceof Error ? error.message : String(error)}`];
      const summary = error instanceof ShowError ? summariseDiagnostics(diagnostics) : 'internal error';
      events.send({ type: 'build-error', data: { summary, diagnostics: lines } });
      if (!first) logger.warn(`${describeChanges(batch.files)}:`);
      if (error instanceof ShowError) for (const line of lines) logger.warn(line);
      else logger.warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      logger.warn(`${summary}; ${good ? 'still serving the last good site' : 'no site to serve yet'}`);
    }
  };

  const scheduler = scheduleRebuilds(build, options.timing ?? DEFAULT_TIMING);
  // The watcher starts with the first build, so a save made while it runs is built right after.
  const watching = watchShow(root, (file) => scheduler.changed(file), (error) => logger.warn(`watching stopped working: ${error.message}`));
  watching.catch(() => {});
  await scheduler.runNow();
  markReady();
  let watcher: ShowWatcher;
  try {
    watcher = await watching;
  } catch (error) {
    await scheduler.close();
    events.close();
    await closeServer(server);
    throw error;
  }
  logger.info(`Serving ${url}`);
  logger.info(`Watching ${WATCHED.map((w) => (w.includes('.') ? w : `${w}/`)).join(', ')}; press Ctrl-C to stop.`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    out,
    close() {
      closing ??= (async () => {
        await watcher.close();
        await scheduler.close();
        events.close();
        await closeServer(server);
      })();
      return closing;
    },
  };
}

function reportBuilt(logger: Logger, report: BuildReport, message: string): void {
  for (const d of sortDiagnostics(report.warnings)) logger.warn(formatDiagnostic(d));
  logger.info(message);
}

/** The host as it goes in a URL: a wildcard address is reached as localhost, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function describeChanges(files: readonly string[]): string {
  if (files.length === 1) return `${files[0]} changed`;
  return `${files.length} files changed`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold `close` open until they time out.
    server.closeAllConnections();
  });
}
