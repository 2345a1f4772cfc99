/**
 * The Eleventy 3 side of `npm run bench -- --vs-eleventy`: installs Eleventy on demand into a
 * cache folder (never a dependency of shownotes) and writes a Nunjucks site over the same
 * episode files, with the page contents the issue lists.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** The Eleventy major version we compare against. */
export const ELEVENTY_RANGE = '3';

/** Installs Eleventy into `dir` unless a 3.x is there; returns the path of its `cmd.cjs`. */
export async function ensureEleventy(dir: string, onInstall: (message: string) => void): Promise<string> {
  const pkg = path.join(dir, 'node_modules', '@11ty', 'eleventy', 'package.json');
  const installed = await readFile(pkg, 'utf8').then(
    (text) => (JSON.parse(text) as { version: string }).version,
    () => undefined,
  );
  if (!installed?.startsWith(`${ELEVENTY_RANGE}.`)) {
    onInstall(`installing @11ty/eleventy@${ELEVENTY_RANGE} into ${dir}`);
    await mkdir(dir, { recursive: true });
    await promisify(execFile)(
      'npm',
      ['install', '--prefix', dir, `@11ty/eleventy@${ELEVENTY_RANGE}`, '--no-audit', '--no-fund', '--no-save'],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  }
  return path.join(dir, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
}

/** The version of the Eleventy installed by `ensureEleventy`. */
export async function eleventyVersion(cmd: string): Promise<string> {
  const text = await readFile(path.join(path.dirname(cmd), 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

// Eleventy's own config: filters for `#t=` seconds and dates; input `src`, output `_site`.
const config = `function seconds(value) {
  if (typeof value === 'number') return value;
  return String(value).split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export default function (eleventyConfig) {
  eleventyConfig.addFilter('seconds', seconds);
  eleventyConfig.addFilter('isoDate', (date) => new Date(date).toISOString().slice(0, 10));
  eleventyConfig.addFilter('personName', (p) => (typeof p === 'string' ? p : p.name));
  return {
    dir: { input: 'src', output: '_site', includes: '_includes' },
    templateFormats: ['md', 'njk'],
  };
}
`;

// Episodes go to episodes/<slug>/index.html like ours; the front matter is only data here.
const episodesData = JSON.stringify(
  { layout: 'episode.njk', tags: ['episode'], permalink: 'episodes/{{ page.fileSlug }}/index.html' },
  null,
  2,
);

const layout = `<!doctype html>
<html lang="{{ site.language }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ title }} · {{ site.title }}</title>
  <meta name="description" content="{{ subject.show }} S{{ subject.season }}E{{ subject.episode }}: {{ title }}">
  <link rel="canonical" href="{{ site.url }}{{ page.url | replace('/', '', 1) }}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{{ title }}">
  <meta property="og:url" content="{{ site.url }}{{ page.url | replace('/', '', 1) }}">
  <meta property="og:site_name" content="{{ site.title }}">
  <meta name="twitter:card" content="summary_large_image">
  <meta name="twitter:title" content="{{ title }}">
  <link rel="alternate" type="application/rss+xml" href="/feed.xml">
</head>
<body>
<header><a href="/">{{ site.title }}</a></header>
<main>
<article>
  <h1>{{ title }}</h1>
  <p class="meta"><time datetime="{{ page.date | isoDate }}">{{ page.date | isoDate }}</time>
    · episode {{ number }} · {{ audio.duration }}</p>
  <audio controls preload="none" src="{{ audio.url }}"></audio>
  <p class="subject">{{ subject.show }}, season {{ subject.season }}, episode {{ subject.episode }}:
    <cite>{{ subject.title }}</cite>, aired {{ subject.aired | isoDate }}</p>
  <section class="people"><h2>Hosts and guests</h2><ul>
  {%- for host in hosts %}<li>{{ host | personName }} (host)</li>{% endfor %}
  {%- for guest in guests %}<li>{{ guest | personName }} (guest)</li>{% endfor %}
  </ul></section>
  <section class="chapters"><h2>Chapters</h2><ol>
  {%- for chapter in chapters %}<li><a href="#t={{ chapter.at | seconds }}">{{ chapter.at }}</a> {{ chapter.title }}</li>{% endfor %}
  </ol></section>
  <section class="quotes"><h2>Quotes</h2>
  {%- for quote in quotes %}
  <blockquote><p>{{ quote.text }}</p><footer>{{ quote.speaker }},
    <a href="#t={{ quote.at | seconds }}">{{ quote.at }}</a></footer></blockquote>
  {%- endfor %}
  </section>
  <section class="notes">{{ content | safe }}</section>
  <p class="topics">{% for topic in topics %}<span>{{ topic }}</span> {% endfor %}</p>
</article>
</main>
</body>
</html>
`;

const index = `---
permalink: index.html
---
<!doctype html>
<html lang="{{ site.language }}">
<head>
  <meta charset="utf-8">
  <title>{{ site.title }}</title>
  <meta name="description" content="{{ site.description }}">
  <link rel="canonical" href="{{ site.url }}">
</head>
<body>
<h1>{{ site.title }}</h1>
<ol reversed>
{%- for ep in collections.episode | reverse %}
  <li><a href="{{ ep.url }}">{{ ep.data.title }}</a> <time>{{ ep.date | isoDate }}</time></li>
{%- endfor %}
</ol>
</body>
</html>
`;

/**
 * Writes the Eleventy site into `projectDir`: `src/episodes/` holds byte-identical copies of
 * the show's episode files. Returns the number of episodes.
 */
export async function writeEleventyProject(
  showDir: string,
  projectDir: string,
  site: { title: string; url: string; description: string; language: string },
): Promise<number> {
  await rm(projectDir, { recursive: true, force: true });
  const episodesDir = path.join(projectDir, 'src', 'episodes');
  await mkdir(episodesDir, { recursive: true });
  await mkdir(path.join(projectDir, 'src', '_includes'), { recursive: true });
  await mkdir(path.join(projectDir, 'src', '_data'), { recursive: true });
  const names = (await readdir(path.join(showDir, 'episodes'))).filter((n) => n.endsWith('.md'));
  for (const name of names) await copyFile(path.join(showDir, 'episodes', name), path.join(episodesDir, name));
  await writeFile(path.join(projectDir, 'eleventy.config.mjs'), config);
  await writeFile(path.join(episodesDir, 'episodes.json'), episodesData);
  await writeFile(path.join(projectDir, 'src', '_includes', 'episode.njk'), layout);
  await writeFile(path.join(projectDir, 'src', 'index.njk'), index);
  await writeFile(path.join(projectDir, 'src', '_data', 'site.json'), JSON.stringify(site, null, 2));
  return names.length;
}

/** Node arguments that build the Eleventy site in `projectDir` (run with `cwd = projectDir`). */
export function eleventyArgs(cmd: string): string[] {
  return [cmd, '--config=eleventy.config.mjs', '--quiet'];
}
