/** Where the dev server serves its browser script and its event stream. */
export const CLIENT_PATH = '/__shownotes/client.js';
export const EVENTS_PATH = '/__shownotes/events';

/** The tag the dev server adds to every HTML page it serves. */
export const CLIENT_TAG = `<script src="${CLIENT_PATH}"></script>`;

/**
 * Adds the reload script to a page, just before its last `</body>` (or at the end of a page
 * without one). Only the dev server calls this, on the way out: the files in the site never
 * hold the script.
 */
export function injectClient(html: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? `${html}\n${CLIENT_TAG}\n` : `${html.slice(0, at)}${CLIENT_TAG}\n${html.slice(at)}`;
}
