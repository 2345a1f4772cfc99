import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { buildCorpusIndex } from '../src/matching/corpus-index.ts';
import { buildEpisodeProfile } from '../src/matching/episode-profile.ts';
import { findQuotes } from '../src/matching/find-quotes.ts';
const data = v8.deserialize(readFileSync(process.argv[2] ?? '/tmp/match-speed-data.v8')) as any;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 3; r++) {
  let c = cpu(); const index = buildCorpusIndex(data.articles); const ci = cpu() - c;
  c = cpu(); for (const e of data.episodes) buildEpisodeProfile(e); const cp = cpu() - c;
  c = cpu(); findQuotes(index, data.episodes); const cq = cpu() - c;
  console.log(`index ${ci.toFixed(0)}  profiles ${cp.toFixed(0)}  quotes ${cq.toFixed(0)}`);
}
