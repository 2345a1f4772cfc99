import Handlebars from 'handlebars';
import { loadShow } from './src/load-show.ts';
import { siteView } from './src/render/site-view.ts';
import { loadTheme } from './src/render/load-theme.ts';
import { planSite } from './src/render/render-site.ts';
const orig = Handlebars.Utils.escapeExpression;
const seen: any[] = [];
(Handlebars.Utils as any).escapeExpression = (s: any) => { seen.push(s); return orig(s); };
const root = '/work/main/.cache/bench/shows/e4000-a20000-s1';
const show = await loadShow(root);
const eps = show.episodes.slice(0, 400);
const input = { config: show.config!, site: siteView(show.config!, eps), episodes: eps, related: new Map(), transcripts: new Map() };
const theme = (await loadTheme(root, { timezone: show.config!.timezone }, {})).theme!;
for (const plan of planSite(input as any, theme, { site: '', episode: () => '' })) plan.render();
const strs = seen.filter((s) => typeof s === 'string');
const withSpecial = strs.filter((s) => /[&<>"'`=]/.test(s));
console.log('calls', seen.length, 'strings', strs.length, 'with specials', withSpecial.length, 'chars', strs.reduce((a, s) => a + s.length, 0), 'special chars', withSpecial.reduce((a, s) => a + s.length, 0));
const byLen = new Map<string, number>(); for (const s of withSpecial) { const k = s.slice(0, 40); byLen.set(k, (byLen.get(k) ?? 0) + 1); }
console.log([...byLen].sort((a, b) => b[1] - a[1]).slice(0, 8));
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
const possible = /[&<>"'`=]/;
const fast = (s: string): string => {
  if (!possible.test(s)) return s;
  let out = ''; let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r: string | undefined;
    switch (c) { case 38: r = '&amp;'; break; case 60: r = '&lt;'; break; case 62: r = '&gt;'; break; case 34: r = '&quot;'; break; case 39: r = '&#x27;'; break; case 96: r = '&#x60;'; break; case 61: r = '&#x3D;'; break; }
    if (r !== undefined) { out += s.slice(last, i) + r; last = i + 1; }
  }
  return out + s.slice(last);
};
for (const s of strs) if (fast(s) !== orig(s)) throw new Error('differs: ' + s);
for (let r = 0; r < 5; r++) {
  let t0 = performance.now(); let n = 0; for (const s of strs) n += orig(s).length; const a = performance.now() - t0;
  t0 = performance.now(); let m = 0; for (const s of strs) m += fast(s).length; const b = performance.now() - t0;
  console.log('orig', a.toFixed(1), 'fast', b.toFixed(1), n === m);
}
