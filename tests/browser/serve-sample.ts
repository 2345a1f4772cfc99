import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild } from '../../src/build.ts';
import { loadEpisodes } from '../../src/episodes/load-episodes.ts';
import { silentLogger } from '../../src/logger.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';
import { silentWavRoute } from './silent-wav.ts';

/** The sample show's audio host: it does not exist, so the test server stands in for it. */
const sampleAudioHost = /https:\/\/cdn\.breakroomrewatch\.example\//g;

/** A built show, served on 127.0.0.1. */
export interface ServedShow {
  server: StaticServer;
  /** The site's base URL, ending in `/`. */
  url: string;
  /** The build's output folder. */
  out: string;
  /** Where the stand-in audio is served, ending in `/`. */
  audioBase: string;
}

/**
 * Serves a copy of the sample show (a folder this may change) the way a listener meets it:
 * its audio points at silent WAVs of each episode's length served by the same server, and
 * it is built with the server's URL as base URL, so every link resolves to the server.
 * Social card images are not rendered.
 */
export async function serveSample(root: string): Promise<ServedShow> {
  const out = path.join(root, 'out');
  const seconds = new Map<string, number>();
  const server = await serveStatic(out, {
    '/audio/': silentWavRoute((name) => seconds.get(name)),
  });
  const audioBase = `${server.url}audio/`;
  const episodes = path.join(root, 'episodes');
  for (const name of await readdir(episodes)) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(episodes, name);
    await writeFile(file, (await readFile(file, 'utf8')).replace(sampleAudioHost, audioBase));
  }
  for (const episode of (await loadEpisodes(root, 'UTC')).episodes) {
    if (episode.audio?.url.startsWith(audioBase)) {
      seconds.set(episode.audio.url.slice(audioBase.length), episode.audio.duration ?? 60 * 60);
    }
  }
  // The pages never load the PNG social cards (they are only named in meta tags), and
  // rendering them is most of a build's time.
  const config = path.join(root, 'shownotes.config.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace(/^images: true$/m, 'images: false'));
  await runBuild({ root, out, baseUrl: server.url, offline: true, logger: silentLogger });
  return { server, url: server.url, out, audioBase };
}
