import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eleventyArgs, writeEleventyProject } from '../../bench/eleventy-project.ts';
import { generateShow } from '../../bench/generate-show.ts';
import { makeEpisode } from '../../bench/make-episode.ts';
import { timeProcess } from '../../bench/time-process.ts';
import { repoRoot } from '../shared-dir.ts';

// `npm run bench -- --vs-eleventy` installs Eleventy here; the test does not download it.
const eleventyCmd = path.join(repoRoot, '.cache', 'bench', 'eleventy', 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const site = { title: 'Rerun Club', url: 'https://rerun-club.example/', description: 'test', language: 'en' };

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-eleventy-'));
  await generateShow(path.join(tmp, 'show'), { episodes: 3, articles: 10 });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('writeEleventyProject', () => {
  it('copies the episode files byte for byte beside a layout, an index and the site data', async () => {
    const project = path.join(tmp, 'site');
    expect(await writeEleventyProject(path.join(tmp, 'show'), project, site)).toBe(3);
    const names = (await readdir(path.join(tmp, 'show', 'episodes'))).sort();
    expect((await readdir(path.join(project, 'src', 'episodes'))).sort()).toEqual([...names, 'episodes.json'].sort());
    for (const name of names) {
      const [a, b] = await Promise.all([
        readFile(path.join(tmp, 'show', 'episodes', name)),
        readFile(path.join(project, 'src', 'episodes', name)),
      ]);
      expect(a.equals(b), name).toBe(true);
    }
    expect(JSON.parse(await readFile(path.join(project, 'src', '_data', 'site.json'), 'utf8'))).toEqual(site);
    expect(existsSync(path.join(project, 'src', '_includes', 'episode.njk'))).toBe(true);
  });

  it.skipIf(!existsSync(eleventyCmd))(
    'builds with Eleventy into episodes/<slug>/index.html with the same page contents',
    async () => {
      const project = path.join(tmp, 'built');
      await writeEleventyProject(path.join(tmp, 'show'), project, site);
      await timeProcess(eleventyArgs(eleventyCmd), project);
      const ep = makeEpisode(1, 1);
      const html = await readFile(path.join(project, '_site', 'episodes', ep.slug, 'index.html'), 'utf8');
      expect(html).toContain(`<title>${ep.title} · Rerun Club</title>`);
      expect(html).toContain(`<link rel="canonical" href="https://rerun-club.example/episodes/${ep.slug}/">`);
      expect(html).toContain(`<time datetime="${ep.date}">`);
      expect(html).toContain(`<audio controls preload="none" src="${ep.audio.url}"></audio>`);
      expect(html).toContain('<li>Marnie Castellan (host)</li>');
      const q = ep.quotes[0]!;
      expect(html).toContain(`<a href="#t=${q.at}">`);
      expect(html).toContain(`<p>${q.text}</p>`);
      expect(html).toContain(`<a href="#t=${ep.chapters[1]!.at}">`);
      expect(html).toContain('<h2>Behind the scenes</h2>');
      const index = await readFile(path.join(project, '_site', 'index.html'), 'utf8');
      expect(index.match(/<li><a href="\/episodes\//g)).toHaveLength(3);
      expect(index.indexOf('0003-')).toBeLessThan(index.indexOf('0001-'));
    },
  );
  if (!existsSync(eleventyCmd)) {
    it.skip('runs Eleventy once `npm run bench -- --vs-eleventy` has installed it into .cache/bench/eleventy', () => {});
  }
});
