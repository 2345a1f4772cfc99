import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild } from '../../src/build.ts';
import { silentLogger } from '../../src/logger.ts';
import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';
import { silentWavRoute } from './silent-wav.ts';

/** The sample show's audio host: it does not exist, so the test server stands in for it. */
const sampleAudioHost = /https:\/\/cdn\.breakroomrewatch\.example\//g;

/** Longer than any sample episode, so every chapter and quote time lies inside the audio. */
const audioSeconds = 2 * 60 * 60;

/** A built copy of the sample show, served on 127.0.0.1. */
export interface TestSite {
  server: StaticServer;
  /** The site's base URL, ending in `/`. */
  url: string;
  /** The build's output folder. */
  out: string;
  /** Where the stand-in audio is served, ending in `/`. */
  audioBase: string;
}

/**
 * Copies the sample show (the repository root) into a temp folder, points its audio at
 * a silent WAV served by the test server, and builds it with the server's URL as base URL,
 * so every link on the pages resolves to the test server.
 */
export async function buildTestSite(): Promise<TestSite> {
  const root = await copyShow(repoRoot);
  const out = path.join(root, 'out');
  const server = await serveStatic(out, { '/audio/': silentWavRoute(audioSeconds) });
  const audioBase = `${server.url}audio/`;
  const episodes = path.join(root, 'episodes');
  for (const name of await readdir(episodes)) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(episodes, name);
    await writeFile(file, (await readFile(file, 'utf8')).replace(sampleAudioHost, audioBase));
  }
  await runBuild({ root, out, baseUrl: server.url, offline: true, logger: silentLogger });
  return { server, url: server.url, out, audioBase };
}
