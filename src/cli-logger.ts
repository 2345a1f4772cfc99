import type { Logger } from './logger.ts';

/**
 * The terminal logger: messages on stderr, a progress bar redrawn in place when stderr is a
 * terminal, and nothing of the bar when it is not (CI logs stay clean).
 */
export function terminalLogger(stream: NodeJS.WriteStream = process.stderr, quiet = false): Logger {
  const tty = stream.isTTY === true;
  let barShown = false;
  const clearBar = () => {
    if (barShown) {
      stream.write('\r\x1b[2K');
      barShown = false;
    }
  };
  return {
    info(message) {
      if (quiet) return;
      clearBar();
      stream.write(`${message}\n`);
    },
    warn(message) {
      clearBar();
      stream.write(`${message}\n`);
    },
    progress(label, done, total) {
      if (!tty || quiet) return;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      stream.write(`\r\x1b[2K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      barShown = true;
      if (done >= total) clearBar();
    },
  };
}
