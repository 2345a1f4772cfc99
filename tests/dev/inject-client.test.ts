import { describe, expect, it } from 'vitest';
import { CLIENT_TAG, injectClient } from '../../src/dev/inject-client.ts';
import { isWatched } from '../../src/dev/watch-show.ts';

describe('injecting the reload script', () => {
  it('goes just before the last </body>, whatever its case', () => {
    expect(injectClient('<html><body><p>x</p></body></html>')).toBe(`<html><body><p>x</p>${CLIENT_TAG}\n</body></html>`);
    expect(injectClient('<BODY><pre></body></pre></BODY>')).toBe(`<BODY><pre></body></pre>${CLIENT_TAG}\n</BODY>`);
  });

  it('goes at the end of a page without </body>', () => {
    expect(injectClient('<p>fragment</p>')).toBe(`<p>fragment</p>\n${CLIENT_TAG}\n`);
  });
});

describe('what the watcher looks at', () => {
  it('watches the parts of a show a build reads', () => {
    for (const file of ['', 'episodes', 'episodes/casino-night.md', 'episodes/transcripts/casino-night.srt', 'templates/partials/quote-card.hbs', 'static/cover.png', 'feeds/news.xml', 'shownotes.config.yaml']) {
      expect(isWatched(file), file).toBe(true);
    }
  });

  it('skips the output, caches, other files and editors scratch files', () => {
    for (const file of ['out', 'out/index.html', '.cache/dev-site/index.html', 'node_modules/x', '.git/HEAD', 'notes.txt', 'shownotes.config.yaml.bak', 'episodes/.casino-night.md.swp', 'episodes/casino-night.md~', 'episodes/4913', 'episodes/.#casino-night.md']) {
      expect(isWatched(file), file).toBe(false);
    }
  });
});
