/** Query parameters that only track the reader and never change the page. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'igshid', 'twclid', 'ttclid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'vero_id', 'oly_anon_id', 'oly_enc_id',
  'ref', 'ref_src', 'ref_url', 'referrer', 'xtor', 'cmpid', 'ncid', 'sr_share', 'spm',
  'at_medium', 'at_campaign', 'wt_mc', 'ns_mchannel', 'ns_campaign', 'ns_source', 'ns_linkname',
]);

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * Turns a link from a feed into an article's identity: absolute (resolved against `base`),
 * `http(s)` only (SPEC §7), without credentials, fragment or tracking parameters. Returns
 * undefined for anything else, e.g. `javascript:` or a relative link with no base.
 */
export function normalizeArticleUrl(raw: string | undefined, base?: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  const names = [...url.searchParams.keys()];
  // Rewrite the query only when something is dropped, so other URLs keep their exact bytes.
  if (names.some(isTrackingParam)) {
    for (const name of names) if (isTrackingParam(name)) url.searchParams.delete(name);
    if ([...url.searchParams.keys()].length === 0) url.search = '';
  }
  return url.href;
}
