import { makeArticles, makeEpisodes } from './match-scale.ts';
import { tokenizeCorpus } from '../src/matching/corpus-index.ts';
import { buildEpisodeProfile } from '../src/matching/episode-profile.ts';
const episodes = makeEpisodes(4000);
const articles = makeArticles(20000, episodes);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let best = [Infinity, Infinity];
for (let r = 0; r < 5; r++) {
  let c = cpu(); tokenizeCorpus(articles); const ci = cpu() - c;
  c = cpu(); for (const e of episodes) buildEpisodeProfile(e); const cp = cpu() - c;
  best = [Math.min(best[0]!, ci), Math.min(best[1]!, cp)];
}
console.log(`min of 5: tokenizeCorpus ${best[0]!.toFixed(0)}  profiles ${best[1]!.toFixed(0)}`);
