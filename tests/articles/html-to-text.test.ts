import { describe, expect, it } from 'vitest';
import { htmlToText, makeExcerpt } from '../../src/articles/html-to-text.ts';

describe('htmlToText', () => {
  it('decodes entities, drops tags and script, separates blocks and normalises whitespace', () => {
    expect(htmlToText('<p>Jim&nbsp;&amp; Pam</p><p>kiss&#8217;d<br>at <b>Casino</b>\n\n Night</p><script>x()</script><style>p{}</style>')).toBe(
      'Jim & Pam kiss’d at Casino Night',
    );
  });

  it('keeps text that only looks like markup once decoded', () => {
    expect(htmlToText('&lt;script&gt;')).toBe('<script>');
  });
});

describe('makeExcerpt', () => {
  it('leaves short text alone', () => {
    expect(makeExcerpt('Short text.', 300)).toBe('Short text.');
  });

  it('cuts at a word boundary and adds an ellipsis', () => {
    expect(makeExcerpt('one two three four', 10)).toBe('one two…');
    expect(makeExcerpt('alpha beta, gamma delta', 12)).toBe('alpha beta…');
  });

  it('cuts a single long word where it must', () => {
    expect(makeExcerpt('a'.repeat(20), 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('is about 300 characters by default', () => {
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const excerpt = makeExcerpt(text);
    expect(excerpt.length).toBeLessThanOrEqual(301);
    expect(excerpt.length).toBeGreaterThan(280);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(text.startsWith(excerpt.slice(0, -1))).toBe(true);
  });
});
