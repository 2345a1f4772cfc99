import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared-dir.ts';

type Listener = (event: { data: string }) => void;

/**
 * Runs the browser script in a linkedom page. Node 20 has no EventSource, so the page gets a
 * stand-in that records the URL and lets the test deliver events.
 */
async function loadClient() {
  const source = await readFile(path.join(repoRoot, 'src/dev/reload-client.js'), 'utf8');
  const { document } = parseHTML('<!doctype html><html><body><h1>Casino Night</h1></body></html>');
  const listeners = new Map<string, Listener>();
  const opened: string[] = [];
  class FakeEventSource {
    constructor(url: string) {
      opened.push(url);
    }
    addEventListener(type: string, listener: Listener) {
      listeners.set(type, listener);
    }
  }
  let reloads = 0;
  const fakeWindow = { location: { reload: () => void reloads++ } };
  new Function('window', 'document', 'EventSource', source)(fakeWindow, document, FakeEventSource);
  return {
    document,
    opened,
    emit: (type: string, data: unknown) => listeners.get(type)!({ data: JSON.stringify(data) }),
    reloads: () => reloads,
  };
}

describe('the reload script in the browser', () => {
  it('listens to the dev server and reloads the page on reload', async () => {
    const page = await loadClient();
    expect(page.opened).toEqual(['/__shownotes/events']);
    page.emit('reload', { changed: ['episodes/casino-night.md'], ms: 120 });
    expect(page.reloads()).toBe(1);
  });

  it('shows the diagnostics of a failed build as text over the page, never as markup', async () => {
    const page = await loadClient();
    const hostile = 'episodes/x.md:2:1 error title: "<img src=x onerror=alert(1)>" is not allowed';
    page.emit('build-error', { summary: '2 errors', diagnostics: [hostile, 'episodes/y.md:3:1 error date: "2021-02-29" is not a real date'] });
    const overlay = page.document.getElementById('shownotes-dev-overlay')!;
    expect(overlay.querySelector('h2')!.textContent).toBe('shownotes: 2 errors');
    expect(overlay.querySelector('pre')!.textContent).toBe(`${hostile}\nepisodes/y.md:3:1 error date: "2021-02-29" is not a real date`);
    expect(page.document.querySelector('img')).toBeNull();
    expect(page.document.querySelector('h1')!.textContent).toBe('Casino Night');
    expect(page.reloads()).toBe(0);

    // A second failure replaces the overlay rather than stacking another.
    page.emit('build-error', { summary: '1 error', diagnostics: ['episodes/y.md:3:1 error date: "2021-02-29" is not a real date'] });
    expect(page.document.querySelectorAll('#shownotes-dev-overlay').length).toBe(1);
    expect(page.document.querySelector('#shownotes-dev-overlay h2')!.textContent).toBe('shownotes: 1 error');
  });
});
