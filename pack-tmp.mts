import { readFileSync } from 'node:fs';
import { parseFeed } from './src/articles/parse-feed.ts';
import { packArticles } from './src/articles/pack-articles.ts';
import { unsanitizedHtml } from './src/articles/lazy-article-html.ts';
const dir = '.cache/bench/shows/e4000-a20000-s1/feeds';
const feeds = [];
for (let i = 1; i <= 4; i++) feeds.push(await parseFeed(readFileSync(`${dir}/articles-0${i}.xml`), { fallbackName: 'x' }));
const arts = feeds.flatMap((f: any) => f.articles);
console.log('articles', arts.length, 'text chars', arts.reduce((s: number, a: any) => s + a.text.length, 0), 'body chars', arts.reduce((s: number, a: any) => s + unsanitizedHtml(a)!.length, 0));
const WIDE = /[^\u0000-\u00ff]/;
console.log('wide texts', arts.filter((a: any) => WIDE.test(a.text)).length, 'wide bodies', arts.filter((a: any) => WIDE.test(unsanitizedHtml(a)!)).length);
for (let r = 0; r < 5; r++) {
  let t0 = performance.now(); for (const f of feeds as any[]) packArticles(f.articles); const a = performance.now() - t0;
  t0 = performance.now(); let n = 0; for (const x of arts as any[]) n += WIDE.test(x.text) ? 1 : 0; const b = performance.now() - t0;
  t0 = performance.now(); let m = 0; for (const x of arts as any[]) m += Buffer.byteLength(unsanitizedHtml(x)!, 'utf8'); const c = performance.now() - t0;
  console.log('pack 4 feeds', a.toFixed(0), 'ms; WIDE over texts', b.toFixed(1), '; byteLength bodies', c.toFixed(1));
}
