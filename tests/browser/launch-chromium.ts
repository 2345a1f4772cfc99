import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. Never downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run here. */
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  // Said loudly, once per test file, so a skipped browser suite is never mistaken for a pass.
  process.stderr.write(
    `\n!!! BROWSER TESTS SKIPPED: no Chromium at ${chromiumPath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. !!!\n\n`,
  );
}

/**
 * Starts headless Chromium with a fresh profile (playwright makes a new temp user-data-dir
 * per launch) and the flags that keep it quiet on a CI machine: no sandbox (containers),
 * no GPU, no background traffic to Google.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
