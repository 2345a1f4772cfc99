import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';
import { serveSample, type ServedShow } from './serve-sample.ts';

/** A built copy of the sample show, served on 127.0.0.1. */
export type TestSite = ServedShow;

/** Copies the sample show (the repository root) into a temp folder, builds it and serves it. */
export async function buildTestSite(): Promise<TestSite> {
  return serveSample(await copyShow(repoRoot));
}
