import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { episodeMarkdown, makeEpisode } from '../../bench/make-episode.ts';
import { renderMarkdown } from '../../src/episodes/render-markdown.ts';
import { feedDescription, feedNotes } from '../../src/render/feed-html.ts';
import { repoRoot, sharedDir } from '../shared-dir.ts';

const PAGE = 'https://breakroomrewatch.example/episodes/casino-night/';

/** Every construct the notes' Markdown can make, each with absolute links only. */
const CONSTRUCTS = [
  'Jim tells *Pam* how he **feels**, ~~maybe~~ ***twice***.',
  '# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six',
  'Setext\n======\n\nAnd two\n-------',
  '- a\n- b\n  - nested\n- c',
  '1. one\n2. two\n\n3) three\n4) four',
  '5. starts at five\n6. six',
  '- loose\n\n- list\n\n  with two paragraphs',
  '> a quote\n>\n> > nested\n\n> - list in quote',
  '`code with "quotes" & <tags> \'apostrophes\'`',
  '    indented code "q" & <b>\n    second line',
  '```js\nconst a = "x" && b < c;\n```',
  '```\nno info\n```',
  '~~~ruby extra attrs\nputs 1\n~~~',
  'line one  \nline two\\\nline three\nsoft',
  '***\n\n---\n\n___',
  '| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| *x* | `y` | [z](https://z.example/) |',
  '| plain | table |\n|---|---|\n| x | y |',
  '[link](https://example.com/a?b=1&c="2") and [titled](https://example.com/t "Title \\"q\\" & <x>")',
  '[bare host](https://Example.COM) and [path](https://example.com/a/../b/./c) and [space](<https://example.com/a b>)',
  '[mail](mailto:jenna@example.com) and jenna@example.com and https://linkified.example/path?q=1',
  'www.example.com is linkified too, and [ftp](ftp://files.example/x) is not an allowed scheme',
  '![alt with "quotes" & *emphasis*](https://img.example/a.png "Image title")',
  '![](https://img.example/empty-alt.png) and ![x](https://img.example/b.png)',
  'An image not on http(s) goes whole: ![data image](data:image/png;base64,iVBORw0KGgo=)',
  '[![image link](https://img.example/c.png)](https://example.com/c)',
  'Entities: &copy; &#65; &#x42; &nbsp; &unknown; AT&T 1 < 2 > 0 "double" \'single\'',
  'Typographer: (c) (tm) -- --- ... "quoted" \'single\'',
  '\\*escaped\\* \\[not a link\\] \\<not a tag\\>',
  'Unicode: Mañana — 東京 — 😀 — \u2028 line separator',
  '* [ ] not a task list\n* [x] checked?',
  'Text\n\n\n\nafter blank lines\n',
  '',
  '# Heading with [a link](https://example.com/h) and `code`',
  '> ```\n> code in quote\n> ```',
  '1. item\n\n   ```\n   code in item\n   ```\n2. next',
  '- [link in list](https://example.com/l)\n- ![img in list](https://img.example/l.png)',
];

/** Notes the sanitizer path must keep handling: raw HTML, and links and images the page's URL resolves. */
const FALLBACKS = [
  'Some <b>raw</b> HTML inline.',
  '<div class="x">\nraw block\n</div>',
  '[relative](../casino-night/)',
  '[root relative](/about/)',
  '[fragment](#chapters)',
  '[protocol relative](//cdn.example/x)',
  '![relative image](cover.jpg)',
  '[same scheme, no slashes](https:foo)',
];

/** Whether the notes were made from the Markdown; when they were, they must equal the sanitizer's. */
function checkedAgainstSanitizer(source: string, label = source): boolean {
  const { html, feed } = renderMarkdown(source);
  if (!feed) return false;
  expect(feed.notes ?? html.trim(), label).toBe(feedNotes(html, PAGE));
  expect(feedDescription(html, PAGE, 'fallback', feed.description), label).toBe(feedDescription(html, PAGE, 'fallback'));
  return true;
}

function expectSameAsSanitizer(source: string): void {
  expect(checkedAgainstSanitizer(source), source).toBe(true);
}

describe("the feeds' notes made from the Markdown", () => {
  it('equal what the sanitizer makes of the page HTML, for every construct', () => {
    for (const source of CONSTRUCTS) expectSameAsSanitizer(source);
  });

  it('equal it for every construct together, and cut alike when longer than Apple allows', () => {
    expectSameAsSanitizer(CONSTRUCTS.join('\n\n'));
    expectSameAsSanitizer(Array.from({ length: 12 }, () => CONSTRUCTS.join('\n\n')).join('\n\n'));
  });

  it("equal it for the sample show's, the matching fixture's and generated episodes", () => {
    const folders = [path.join(repoRoot, 'episodes'), path.join(sharedDir, 'fixtures/matching-dev/episodes')];
    let made = 0;
    for (const folder of folders) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.md'))) {
        if (checkedAgainstSanitizer(matter(readFileSync(path.join(folder, file), 'utf8')).content, file)) made++;
      }
    }
    for (let i = 0; i < 40; i++) expectSameAsSanitizer(matter(episodeMarkdown(makeEpisode(7, i))).content);
    expect(made).toBeGreaterThan(0);
  });

  it('are not made when the notes hold raw HTML or a link the page URL must resolve', () => {
    for (const source of FALLBACKS) expect(renderMarkdown(source).feed, source).toBeUndefined();
  });

  it('hold no copy of the notes when the page HTML is already what the feeds carry', () => {
    const plain = renderMarkdown('## Cold open\n\nJim tells *Pam*, in [an interview](https://news.example/a).\n\n- one\n- two');
    expect(plain.feed).toBeDefined();
    expect(plain.feed!.notes).toBeUndefined();
    expect(feedNotes(plain.html, PAGE)).toBe(plain.html.trim());
    expect(renderMarkdown('A hard  \nbreak').feed!.notes).toBe('<p>A hard<br />\nbreak</p>');
  });

  it('drop what the allowlist drops: table alignment, list start, code language', () => {
    const { feed } = renderMarkdown('| a |\n|:-:|\n| 1 |\n\n3. three\n\n```js\nx\n```');
    expect(feed!.notes).toBe('<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n<ol>\n<li>three</li>\n</ol>\n<pre><code>x\n</code></pre>');
  });
});
