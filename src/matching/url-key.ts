/**
 * A comparison key for article URLs, so that a `related.pin` or `related.block` entry finds its
 * article however it was copied: scheme and host case, a trailing slash, a fragment, `www.` and
 * tracking parameters (`utm_*`, `fbclid`, …) do not matter. Not a URL to link to.
 */
export function urlKey(raw: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/+$/, '');
  }
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    const key = name.toLowerCase();
    if (key.startsWith('utm_') || TRACKING.has(key)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  const host = url.hostname.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.searchParams.toString();
  return `${host}${url.port ? `:${url.port}` : ''}${path}${query ? `?${query}` : ''}`;
}

const TRACKING = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'igshid', 'mc_cid', 'mc_eid', 'ref', 'ref_src', 'cmpid', 'ncid']);
