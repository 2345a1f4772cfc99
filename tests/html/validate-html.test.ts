import path from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShow, type BuiltShow } from './build-sample.ts';

/**
 * The strictest presets html-validate ships: `recommended` (the standard's rules, accessibility,
 * document structure and style) and `document` (rules for whole documents). Changed, each for
 * a reason:
 */
const config: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // `<!doctype html>` is valid in any case; the lowercase form is what the HTML standard writes.
    'doctype-style': 'off',
    // Handlebars leaves the indentation of an empty block partial on its line: invisible, harmless.
    'no-trailing-whitespace': 'off',
    // Subresource integrity guards files from other origins. The theme loads none (its own
    // CSS and JS are same-origin), and any it did load would still need `integrity`.
    'require-sri': ['error', { target: 'crossorigin' }],
    // A search-result heuristic, not validity: a quote card page (noindex, made for iframes)
    // is titled by the quote itself, which is often longer than 70 characters.
    'long-title': 'off',
  },
};

const validator = new HtmlValidate(config);

/** Every error in one page, as `file:line:column rule message`. */
async function errorsIn(file: string, label: string): Promise<string[]> {
  const report = await validator.validateFile(file);
  return report.results.flatMap((result) =>
    result.messages.filter((m) => m.severity === 2).map((m) => `${label}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
}

describe('html-validate over the sample build', () => {
  let site: BuiltShow;
  beforeAll(async () => {
    site = await buildShow();
  });

  it('finds the pages it must check', () => {
    const pages = site.files.filter((f) => f.endsWith('.html'));
    expect(pages).toContain('index.html');
    expect(pages).toContain('404.html');
    expect(pages).toContain('episodes/casino-night/index.html');
    expect(pages.filter((f) => f.startsWith('episodes/'))).toHaveLength(7);
  });

  it('every page is valid HTML with no errors', async () => {
    const pages = site.files.filter((f) => f.endsWith('.html'));
    const errors = (await Promise.all(pages.map((page) => errorsIn(path.join(site.out, page), page)))).flat();
    expect(errors).toEqual([]);
  });
});

describe('the validator configuration', () => {
  it('reports markup errors, inaccessible markup and scripts from other origins', async () => {
    const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title>
<script src="https://cdn.example.com/x.js"></script></head>
<body><main><ul><div>a block where list items belong</div></ul>
<img src="cover.png">
<a href="#a" id="a">one</a><span id="a">two</span>
<button>Copy</button></main></body>
</html>
`;
    const report = await validator.validateString(page, 'broken.html');
    const rules = new Set(report.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect([...rules].sort()).toEqual(['element-permitted-content', 'no-dup-id', 'no-implicit-button-type', 'require-sri', 'wcag/h37'].sort());
  });
});
