import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';
import { launchChromium } from './launch-chromium.ts';
import { serveSample, type ServedShow } from './serve-sample.ts';

/** A built copy of the sample show, served on 127.0.0.1. */
export type TestSite = ServedShow;

/** Copies the sample show (the repository root) into a temp folder, builds it and serves it. */
export async function buildTestSite(): Promise<TestSite> {
  return serveSample(await copyShow(repoRoot));
}

/**
 * Inside a `describe`: builds and serves the sample show and starts Chromium before its tests,
 * and stops both after them. The fields are set once `beforeAll` has run.
 */
export function useSiteInChromium(): { readonly site: TestSite; readonly browser: Browser } {
  const held = {} as { site: TestSite; browser: Browser };
  beforeAll(async () => {
    held.site = await buildTestSite();
    held.browser = await launchChromium();
  });
  afterAll(async () => {
    await held.browser?.close();
    await held.site?.server.close();
  });
  return held;
}
