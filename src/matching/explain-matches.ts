import type { Article } from '../articles/article.ts';
import type { Episode } from '../episodes/episode.ts';
import { describeReason } from './describe-reason.ts';
import { evaluateEpisode, SIGNAL_NAMES, type SignalName } from './evaluate-matches.ts';
import { prepareMatching } from './prepare-matching.ts';
import { rankCandidates, round, type MatchOptions } from './match-episodes.ts';
import type { MatchReason } from './related.ts';
import { urlKey } from './url-key.ts';

/** Where an article ended up for the episode. */
export type MatchStatus = 'pinned' | 'listed' | 'over-limit' | 'below-threshold' | 'blocked';

/** One candidate article with the reasons for its score (`shownotes match SLUG`, SPEC §2, §6). */
export interface MatchExplanation {
  url: string;
  title: string;
  source: string;
  published?: string;
  score: number;
  /** Reached `minScore` with a quote, title or guest of the episode. */
  passed: boolean;
  status: MatchStatus;
  /** Each signal's strength (0..1) and its share of the score (the shares add up to the score). */
  signals: { name: SignalName; value: number; share: number }[];
  /** Why evidence was discounted, in words. */
  penalties: string[];
  reasons: MatchReason[];
}

/**
 * Every article that passed for `episode`, pinned ones first, then the best `below` (default 3)
 * that did not. Uses the same index and scores as `matchEpisodes` over `all` episodes, because an
 * article carrying another episode's quote counts less for this one.
 */
export function explainMatches(
  episode: Episode,
  all: readonly Episode[],
  articles: readonly Article[],
  options: MatchOptions & { below?: number },
): MatchExplanation[] {
  const episodes = all.some((e) => e.slug === episode.slug) ? all.map((e) => (e.slug === episode.slug ? episode : e)) : [...all, episode];
  const e = episodes.findIndex((x) => x.slug === episode.slug);
  const context = prepareMatching(episodes, articles);
  const ranked = rankCandidates(evaluateEpisode(context, e, true), articles);
  const blocked = new Set(episode.related.block.map(urlKey));
  const pinned = new Set(episode.related.pin.map(urlKey));
  const out: MatchExplanation[] = [];
  let shown = 0;
  let below = 0;
  const belowLimit = options.below ?? 3;
  for (const candidate of ranked) {
    const article = articles[candidate.article]!;
    const key = urlKey(article.url);
    const passed = candidate.anchored && round(candidate.score) >= options.minScore;
    let status: MatchStatus;
    if (blocked.has(key)) status = 'blocked';
    else if (pinned.has(key)) status = 'pinned';
    else if (!passed) status = 'below-threshold';
    else status = shown++ < Math.max(0, options.maxRelated - pinned.size) ? 'listed' : 'over-limit';
    if (status === 'below-threshold' && below++ >= belowLimit) continue;
    const total = candidate.evidence || 1;
    out.push({
      url: article.url,
      title: article.title,
      source: article.source,
      ...(article.published ? { published: article.published.toISOString() } : {}),
      score: round(candidate.score),
      passed,
      status,
      signals: SIGNAL_NAMES.map((name) => ({
        name,
        value: round(candidate.signals[name].value),
        share: round((candidate.signals[name].evidence / total) * candidate.score),
      })),
      penalties: candidate.penalties,
      reasons: candidate.reasons,
    });
  }
  // Pins that no signal found are listed all the same (SPEC §4 related.pin).
  const pinOrder = episode.related.pin.map(urlKey);
  pinOrder.forEach((key, i) => {
    if (blocked.has(key) || out.some((x) => urlKey(x.url) === key) || pinOrder.indexOf(key) !== i) return;
    const article = articles.find((a) => urlKey(a.url) === key);
    const url = article?.url ?? episode.related.pin[i]!;
    out.push({
      url,
      title: article?.title ?? url,
      source: article?.source ?? url,
      ...(article?.published ? { published: article.published.toISOString() } : {}),
      score: 0,
      passed: false,
      status: 'pinned',
      signals: SIGNAL_NAMES.map((name) => ({ name, value: 0, share: 0 })),
      penalties: [],
      reasons: [],
    });
  });
  const order: Record<MatchStatus, number> = { pinned: 0, listed: 1, 'over-limit': 2, 'below-threshold': 3, blocked: 4 };
  const pinRank = (x: MatchExplanation): number => pinOrder.indexOf(urlKey(x.url));
  return out.sort((x, y) => order[x.status] - order[y.status] || (x.status === 'pinned' ? pinRank(x) - pinRank(y) : 0));
}

/** A readable table of explanations for the terminal, one article per block. */
export function formatExplanation(list: readonly MatchExplanation[]): string {
  if (list.length === 0) return 'No article shares a quote, a title or a name with this episode.\n';
  const header = `${'score'.padStart(5)}  ${SIGNAL_NAMES.map((n) => n.padStart(7)).join(' ')}  article`;
  const lines = [header];
  let rank = 0;
  for (const item of list) {
    const mark = item.status === 'listed' || item.status === 'pinned' ? `${++rank}.` : statusMark(item.status);
    const shares = item.signals.map((s) => (s.share > 0 ? s.share.toFixed(2) : '-').padStart(7)).join(' ');
    const date = item.published ? `, ${item.published.slice(0, 10)}` : '';
    lines.push(`${item.score.toFixed(3)}  ${shares}  ${mark} ${item.title} (${item.source}${date})`);
    lines.push(`${' '.repeat(7 + 8 * SIGNAL_NAMES.length)}${item.url}`);
    for (const reason of item.reasons) lines.push(`${' '.repeat(7 + 8 * SIGNAL_NAMES.length)}${describeReason(reason)}`);
    for (const penalty of item.penalties) lines.push(`${' '.repeat(7 + 8 * SIGNAL_NAMES.length)}(${penalty})`);
  }
  return `${lines.join('\n')}\n`;
}

function statusMark(status: MatchStatus): string {
  switch (status) {
    case 'over-limit':
      return '[over max_related]';
    case 'below-threshold':
      return '[below min_score]';
    case 'blocked':
      return '[blocked]';
    default:
      return '';
  }
}
