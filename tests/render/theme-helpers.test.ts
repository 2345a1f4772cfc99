import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/render/load-theme.ts';
import { tempDir } from '../temp-show.ts';

async function showWith(templates: Record<string, string>): Promise<string> {
  const root = await tempDir();
  for (const [name, text] of Object.entries(templates)) {
    await mkdir(path.dirname(path.join(root, 'templates', name)), { recursive: true });
    await writeFile(path.join(root, 'templates', name), text);
  }
  return root;
}

describe("helpers in a show's templates", () => {
  it('names the template, the line and the helper a template calls that shownotes does not have', async () => {
    const root = await showWith({ '404.hbs': '<p>\n  {{plurl site.count "episode"}}\n</p>\n' });
    const result = await loadTheme(root, { timezone: 'UTC' });
    expect(result.theme).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        file: path.join('templates', '404.hbs'),
        line: 2,
        message: 'template error: there is no helper "plurl" (did you mean "plural"?); the helpers are cdata, date, eq, json, plural, timecode, xml and yaml, with Handlebars\' each, if, log, lookup, unless and with',
      },
    ]);
  });

  it('finds an unknown helper in a block, a subexpression and a partial as well', async () => {
    const root = await showWith({
      'partials/byline.hbs': 'by {{#shout title}}x{{/shout}}',
      '404.hbs': '{{#if (loud site.title)}}{{/if}}',
    });
    const result = await loadTheme(root, { timezone: 'UTC' });
    const found = result.diagnostics.map((d) => [d.file, d.line, /"(\w+)"/.exec(d.message)?.[1]]);
    expect(found).toEqual([
      [path.join('templates', '404.hbs'), 1, 'loud'],
      [path.join('templates', 'partials', 'byline.hbs'), 1, 'shout'],
    ]);
  });

  it("renders fields, Handlebars' own helpers and every shownotes helper as before", async () => {
    const root = await showWith({
      '404.hbs': [
        '{{title}}|{{{title}}}|{{site.title}}|{{#with site}}{{title}}{{/with}}',
        '{{#each list}}{{@index}}={{this}}{{#unless @last}},{{/unless}}{{/each}}',
        // A block on a field, not a helper, is a section, as without the list of helpers.
        '{{#if flag}}yes{{else}}no{{/if}}|{{#flag}}section{{/flag}}|{{#missing}}never{{else}}inverse{{/missing}}',
        '{{lookup list 1}}|{{eq 1 1}}|{{plural 2 "quote"}}|{{timecode 75}}|{{json title}}|{{xml title}}',
        '{{date when "yyyy-MM-dd"}}|{{cdata title}}|{{yaml title}}|{{helperless}}',
      ].join('\n'),
    });
    const theme = (await loadTheme(root, { timezone: 'UTC' })).theme!;
    const page = theme.render('404', {
      title: 'A & "B"',
      site: { title: 'Show' },
      list: ['x', 'y'],
      flag: true,
      when: new Date('2026-03-04T05:06:07Z'),
    });
    expect(page.split('\n')).toEqual([
      'A &amp; &quot;B&quot;|A & "B"|Show|Show',
      '0=x,1=y',
      'yes|section|inverse',
      'y|true|2 quotes|1:15|"A \\u0026 \\"B\\""|A &amp; &quot;B&quot;',
      '2026-03-04|<![CDATA[A & "B"]]>|"A & \\"B\\""|',
    ]);
  });
});
