/** Where the stages report to; only the CLI writes to the console. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /**
   * A long step's progress. Implementations draw a bar on a terminal and stay quiet
   * otherwise; `done === total` ends the bar.
   */
  progress(label: string, done: number, total: number): void;
}

/** A logger that drops everything: for tests and library use. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  progress() {},
};

/** A logger that keeps every message, for tests that assert on warnings. */
export function memoryLogger(): Logger & { infos: string[]; warnings: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  return {
    infos,
    warnings,
    info: (m) => void infos.push(m),
    warn: (m) => void warnings.push(m),
    progress() {},
  };
}
