import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { ShowError, formatDiagnostic } from '../../src/diagnostics.ts';
import { silentLogger } from '../../src/logger.ts';
import { cardPageCsp } from '../../src/render/card-page-csp.ts';
import { embedSnippet } from '../../src/render/embed-snippet.ts';
import { quoteLength } from '../../src/render/render-quote-cards.ts';
import { copyShow } from '../temp-show.ts';

const SITE = 'https://mini.example/podcast/';
const CARD = `${SITE}quotes/casino-night/trailer-orders/`;
const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
const SNIPPET =
  `<iframe src="${CARD}" title="Quote by Jenna Fischer from Casino Night (Mini Rewatch)" width="600" height="375"` +
  ` loading="lazy" referrerpolicy="strict-origin-when-cross-origin" sandbox="${SANDBOX}"` +
  ` style="border:0;width:100%;max-width:600px;height:auto;aspect-ratio:600/375"></iframe>`;

async function read(root: string, file: string): Promise<string> {
  return readFile(path.join(root, 'out', file), 'utf8');
}

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

/**
 * What a browser shows in a textarea: its text with character references decoded (linkedom
 * keeps a textarea's text as written). Decodes the references Handlebars writes.
 */
function textareaValue(textarea: { innerHTML: string }): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return textarea.innerHTML.replace(/&(?:#x([0-9a-f]+)|([a-z]+));/gi, (whole: string, hex: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : (named[name!] ?? whole),
  );
}

/** Card folders written for one episode, sorted. */
async function cardDirs(root: string, slug: string): Promise<string[]> {
  return (await readdir(path.join(root, 'out/quotes', slug))).sort();
}

describe('quote cards of the mini show', () => {
  let root: string;
  beforeAll(async () => {
    root = await copyShow('mini-show');
    await edit(root, 'episodes/casino-night.md', (t) =>
      t.replace('  - { name: Theo Marsh, role: guest, href: "https://theo.example/" }', '  - { name: Theo Marsh, role: guest, href: "https://theo.example/", img: "https://img.example/theo.jpg" }').replace(
        '  - text: "All the lights',
        '  - text: "We did three takes."\n    speaker: Theo Marsh\n    at: "1:12:30"\n    duration: 20\n  - text: "All the lights',
      ),
    );
    await runBuild({ root, logger: silentLogger });
  });

  it('writes a card page and an oEmbed response per quote, at paths named by the quote ids', async () => {
    expect(await cardDirs(root, 'casino-night')).toEqual(['all-the-lights-were-dim-36f2f9', 'trailer-orders', 'we-did-three-takes-a42db4']);
    expect(await cardDirs(root, 'booze-cruise')).toEqual(['we-rode-that-boat-like-29ab11']);
    expect((await readdir(path.join(root, 'out/quotes/casino-night/trailer-orders'))).sort()).toEqual(['index.html', 'oembed.json']);
  });

  it('writes the oEmbed 1.0 rich response field by field', async () => {
    expect(JSON.parse(await read(root, 'quotes/casino-night/trailer-orders/oembed.json'))).toEqual({
      version: '1.0',
      type: 'rich',
      title: "“Don't leave until you're called. Don't speak to John. And just be alone.” — Jenna Fischer",
      author_name: 'Jenna Fischer',
      author_url: `${SITE}episodes/casino-night/`,
      provider_name: 'Mini Rewatch',
      provider_url: SITE,
      cache_age: 86400,
      html: SNIPPET,
      width: 600,
      height: 375,
    });
  });

  it('renders the card page field by field', async () => {
    const { document } = parseHTML(await read(root, 'quotes/casino-night/trailer-orders/index.html'));
    const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('title')!.textContent).toBe("“Don't leave until you're called. Don't speak to John. And just be alone.” — Jenna Fischer");
    expect(attr('meta[name=robots]', 'content')).toBe('noindex');
    expect(attr('link[rel=canonical]', 'href')).toBe(`${SITE}episodes/casino-night/`);
    expect(attr('link[rel=alternate][type="application/json+oembed"]', 'href')).toBe(`${CARD}oembed.json`);
    expect(attr('meta[http-equiv=Content-Security-Policy]', 'content')).toBe(
      "default-src 'none'; script-src 'self' https://mini.example; style-src 'self' https://mini.example; img-src 'self' https://mini.example; media-src https://cdn.example.com https:; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
    expect(attr('meta[property="og:url"]', 'content')).toBe(CARD);
    expect(attr('meta[name="twitter:card"]', 'content')).toBe('summary');
    expect(document.querySelector('meta[property="og:image"]')).toBeNull();
    // Same-site stylesheet and script only: nothing else is requested but the audio.
    expect([...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href'))).toEqual(['/podcast/assets/card.css']);
    expect([...document.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual(['/podcast/assets/card.js']);
    expect(document.querySelector('style, header, nav, footer')).toBeNull();

    expect(document.querySelector('.card-show')!.textContent).toBe('Mini Rewatch');
    expect(document.querySelector('.card-episode')!.textContent).toBe('Episode 41: Casino Night');
    expect(document.querySelector('.card-quote p')!.textContent).toBe("Don't leave until you're called. Don't speak to John. And just be alone.");
    expect(document.querySelector('.card-speaker')!.textContent).toBe('Jenna Fischer');
    expect(document.querySelector('.card-avatar')).toBeNull();
    expect(attr('.card', 'class')).toBe('card card--short');

    const listen = document.querySelector('a.card-link')!;
    expect(listen.textContent).toBe('Listen from 42:10');
    expect(listen.getAttribute('href')).toBe(`${SITE}episodes/casino-night/#t=2530`);
    expect(listen.getAttribute('target')).toBe('_blank');
    expect(listen.getAttribute('rel')).toBe('noopener');

    const audio = document.querySelector('audio.card-player')!;
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(audio.getAttribute('preload')).toBe('none');
    expect([audio.getAttribute('data-clip-start'), audio.getAttribute('data-clip-end')]).toEqual(['2530', '2542']);
    expect(attr('audio source', 'src')).toBe('https://cdn.example.com/041-casino-night.mp3#t=2530,2542');
    expect(attr('audio source', 'type')).toBe('audio/mpeg');
  });

  it("shows a guest's picture, allows exactly that picture, and ends the clip at the episode's end", async () => {
    const { document } = parseHTML(await read(root, 'quotes/casino-night/we-did-three-takes-a42db4/index.html'));
    const img = document.querySelector('.card-byline img.card-avatar')!;
    expect(img.getAttribute('src')).toBe('https://img.example/theo.jpg');
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(document.querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toContain(
      "img-src 'self' https://mini.example https://img.example/theo.jpg;",
    );
    // 1:12:30 + 20 s would pass the episode's 1:12:34.
    expect(document.querySelector('audio source')!.getAttribute('src')).toBe('https://cdn.example.com/041-casino-night.mp3#t=4350,4354');
  });

  it('gives each quote on the episode page a time link, a share link and a visible embed code', async () => {
    const { document } = parseHTML(await read(root, 'episodes/casino-night/index.html'));
    const card = document.querySelector('#quote-trailer-orders')!;
    expect(card.querySelector('a.time')!.getAttribute('href')).toBe('https://cdn.example.com/041-casino-night.mp3#t=2530');
    const share = card.querySelector('a.quote-share-link')!;
    expect(share.getAttribute('href')).toBe(CARD);
    expect(share.getAttribute('data-share-url')).toBe(CARD);
    expect(card.querySelector('a.quote-card-link')!.getAttribute('href')).toBe('/podcast/quotes/casino-night/trailer-orders/');
    const code = card.querySelector('textarea')!;
    expect(code.getAttribute('id')).toBe('embed-trailer-orders');
    expect(code.hasAttribute('readonly')).toBe(true);
    expect(textareaValue(code)).toBe(SNIPPET);
    expect(card.querySelector(`label[for="embed-trailer-orders"]`)!.textContent).toBe('Embed this quote');
    const button = card.querySelector('button[data-copy]')!;
    expect(button.getAttribute('data-copy')).toBe('embed-trailer-orders');
    expect(button.getAttribute('type')).toBe('button');
    // Without script there is nothing to click: the snippet alone shows.
    expect(button.hasAttribute('hidden')).toBe(true);
    expect(document.querySelectorAll('.quote-card textarea').length).toBe(3);
  });

  it("discovers the first quote's oEmbed from the episode page and lists quotes as Clips in JSON-LD", async () => {
    const { document } = parseHTML(await read(root, 'episodes/casino-night/index.html'));
    const links = [...document.querySelectorAll('link[type="application/json+oembed"]')];
    expect(links.map((l) => [l.getAttribute('rel'), l.getAttribute('href'), l.getAttribute('title')])).toEqual([
      ['alternate', `${CARD}oembed.json`, "Jenna Fischer: “Don't leave until you're called. Don't speak to John. And just be alone.”"],
    ]);
    const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld.hasPart[0]).toEqual({
      '@type': 'Clip',
      name: "Don't leave until you're called. Don't speak to John. And just be alone.",
      url: CARD,
      startOffset: 2530,
      endOffset: 2542,
      creator: { '@type': 'Person', name: 'Jenna Fischer' },
    });
    expect(document.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary');
    expect(document.querySelector('script[src="/podcast/assets/quote-share.js"]')!.hasAttribute('defer')).toBe(true);
  });

  it('keeps card pages out of the sitemap', async () => {
    expect(await read(root, 'sitemap.xml')).not.toContain('/quotes/');
  });
});

describe('stable quote ids', () => {
  it('keeps ids and card paths when quotes are reordered and other fields edited', async () => {
    const root = await copyShow('mini-show');
    await runBuild({ root, logger: silentLogger });
    const before = await cardDirs(root, 'casino-night');
    const beforeOembed = await read(root, 'quotes/casino-night/all-the-lights-were-dim-36f2f9/oembed.json');
    await edit(root, 'episodes/casino-night.md', (t) => {
      const first = /  - text: "Don't leave[\s\S]*?id: trailer-orders\n/.exec(t)![0];
      const second = /  - text: "All the lights[\s\S]*?at: "43:05"\n/.exec(t)![0];
      return t
        .replace(first + second, second.replace('at: "43:05"', 'at: "43:06"\n    duration: 9') + first)
        .replace('speaker: Jenna Fischer\n    at: "43:06"', 'speaker: Jenna F.\n    at: "43:06"')
        .replace('topics: [Jim and Pam, first kiss]', 'topics: [Jim and Pam]');
    });
    expect(await readFile(path.join(root, 'episodes/casino-night.md'), 'utf8')).toMatch(/All the lights[\s\S]*Don't leave/);
    await runBuild({ root, logger: silentLogger });
    expect(await cardDirs(root, 'casino-night')).toEqual(before);
    expect(before).toEqual(['all-the-lights-were-dim-36f2f9', 'trailer-orders']);
    // Same card, new speaker: the embed's URL is unchanged.
    const after = JSON.parse(await read(root, 'quotes/casino-night/all-the-lights-were-dim-36f2f9/oembed.json'));
    expect(after.author_name).toBe('Jenna F.');
    expect(after.html).toBe(JSON.parse(beforeOembed).html.replace('Quote by Jenna Fischer', 'Quote by Jenna F.'));
  });

  it('changes a derived id only when the words change', async () => {
    const root = await copyShow('mini-show');
    await edit(root, 'episodes/casino-night.md', (t) => t.replace('All the lights were dim. There was no one around.', 'All the lights were dim; there was no one around!'));
    await runBuild({ root, logger: silentLogger });
    expect(await cardDirs(root, 'casino-night')).toEqual(['all-the-lights-were-dim-36f2f9', 'trailer-orders']);
    await edit(root, 'episodes/casino-night.md', (t) => t.replace('no one around!', 'nobody around!'));
    await runBuild({ root, logger: silentLogger });
    const dirs = await cardDirs(root, 'casino-night');
    expect(dirs).toHaveLength(2);
    expect(dirs[0]).toMatch(/^all-the-lights-were-dim-[0-9a-f]{6}$/);
    expect(dirs[0]).not.toBe('all-the-lights-were-dim-36f2f9');
  });

  it('fails the build on a quote id used twice, naming file and line, and writes nothing', async () => {
    const root = await copyShow('mini-show');
    await edit(root, 'episodes/casino-night.md', (t) => t.replace('    at: "43:05"\n', '    at: "43:05"\n    id: trailer-orders\n'));
    const error = await runBuild({ root, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShowError);
    expect((error as ShowError).diagnostics.map(formatDiagnostic)).toEqual([
      'episodes/casino-night.md:30:5 error quotes[1].id: quote id "trailer-orders" is used twice (also quotes[0]); give one of them another id:',
    ]);
    await expect(readdir(path.join(root, 'out'))).rejects.toThrow(/ENOENT/);
  });
});

describe('drafts', () => {
  it("builds a draft's cards only with --drafts", async () => {
    const root = await copyShow('mini-show');
    await edit(root, 'episodes/next-week.md', (t) => t.replace('draft: true\n', 'draft: true\nquotes:\n  - { text: "Not out yet.", speaker: Maya Okafor, at: 10, id: soon }\n'));
    await runBuild({ root, logger: silentLogger });
    await expect(readdir(path.join(root, 'out/quotes/next-week'))).rejects.toThrow(/ENOENT/);
    await runBuild({ root, drafts: true, logger: silentLogger });
    expect(await cardDirs(root, 'next-week')).toEqual(['soon']);
    const { document } = parseHTML(await read(root, 'quotes/next-week/soon/index.html'));
    // No audio yet: no player and no media source allowed, but the link to the notes.
    expect(document.querySelector('audio')).toBeNull();
    expect(document.querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toContain("media-src 'none';");
    expect(document.querySelector('a.card-link')!.getAttribute('href')).toBe(`${SITE}episodes/next-week/#t=10`);
  });
});

describe('an episode without quotes', () => {
  it('has no embed discovery and no quote script', async () => {
    const root = await copyShow('mini-show');
    await edit(root, 'episodes/booze-cruise.md', (t) => t.replace(/quotes:\n[\s\S]*?at: "10:00"\n/, ''));
    await runBuild({ root, logger: silentLogger });
    const { document } = parseHTML(await read(root, 'episodes/booze-cruise/index.html'));
    expect(document.querySelector('link[type="application/json+oembed"]')).toBeNull();
    expect(document.querySelector('script[src$="quote-share.js"]')).toBeNull();
    expect(document.querySelector('.quotes')).toBeNull();
    await expect(readdir(path.join(root, 'out/quotes/booze-cruise'))).rejects.toThrow(/ENOENT/);
  });
});

describe('hostile front matter', () => {
  const HOSTILE = `</script><img src=x onerror=alert(1)> "quoted" & 'single' </textarea><b>`;
  let root: string;
  let id: string;
  beforeAll(async () => {
    root = await copyShow('mini-show');
    await edit(root, 'episodes/booze-cruise.md', (t) =>
      t
        .replace('title: Booze Cruise', `title: ${JSON.stringify(`Cruise ${HOSTILE}`)}`)
        .replace('"We rode that boat like it owed us money."', JSON.stringify(HOSTILE))
        .replace('speaker: Dev Lindqvist', `speaker: ${JSON.stringify(`Dev ${HOSTILE}`)}`),
    );
    await runBuild({ root, logger: silentLogger });
    id = (await cardDirs(root, 'booze-cruise'))[0]!;
  });

  /** A page's markup holds no element or script the text could have smuggled in. */
  function expectInert(html: string) {
    const { document } = parseHTML(html);
    expect(document.querySelector('img, b, iframe')).toBeNull();
    expect(html.match(/<\/script>/g)?.length ?? 0).toBe(document.querySelectorAll('script').length);
    expect(html).not.toContain('<img');
    return document;
  }

  it('escapes it on the card page', async () => {
    const document = expectInert(await read(root, `quotes/booze-cruise/${id}/index.html`));
    expect(document.querySelector('.card-quote p')!.textContent).toBe(HOSTILE);
    expect(document.querySelector('.card-speaker')!.textContent).toBe(`Dev ${HOSTILE}`);
    expect(document.querySelector('.card-episode')!.textContent).toBe(`Episode 40: Cruise ${HOSTILE}`);
    expect(document.querySelector('title')!.textContent).toBe(`“${HOSTILE}” — Dev ${HOSTILE}`);
  });

  it('escapes it on the episode page, in the embed code and in JSON-LD', async () => {
    const document = expectInert(await read(root, 'episodes/booze-cruise/index.html'));
    expect(document.querySelector('.quote-card blockquote')!.textContent).toBe(HOSTILE);
    const snippet = textareaValue(document.querySelector('.quote-card textarea')!);
    expect(document.querySelectorAll('.quote-card textarea').length).toBe(1);
    // The snippet is one iframe whose title carries the text as text.
    const frame = parseHTML(`<!doctype html><html><body>${snippet}</body></html>`).document;
    expect(frame.body.children.length).toBe(1);
    expect(frame.querySelector('iframe')!.getAttribute('title')).toBe(`Quote by Dev ${HOSTILE} from Cruise ${HOSTILE} (Mini Rewatch)`);
    expect(frame.querySelector('iframe')!.getAttribute('sandbox')).toBe(SANDBOX);
    expect(frame.querySelector('img, b, script')).toBeNull();
    const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld.hasPart[0].name).toBe(HOSTILE);
    expect(ld.hasPart[0].creator.name).toBe(`Dev ${HOSTILE}`);
    expect(document.querySelector('link[type="application/json+oembed"]')!.getAttribute('title')).toBe(`Dev ${HOSTILE}: “${HOSTILE}”`);
  });

  it('escapes it in the oEmbed JSON and its iframe snippet', async () => {
    const raw = await read(root, `quotes/booze-cruise/${id}/oembed.json`);
    expect(raw).not.toMatch(/[<>]/);
    const oembed = JSON.parse(raw);
    expect(oembed.title).toBe(`“${HOSTILE}” — Dev ${HOSTILE}`);
    expect(oembed.author_name).toBe(`Dev ${HOSTILE}`);
    const frame = parseHTML(`<!doctype html><html><body>${oembed.html}</body></html>`).document;
    expect(frame.body.children.length).toBe(1);
    expect(frame.querySelector('iframe')!.getAttribute('title')).toBe(`Quote by Dev ${HOSTILE} from Cruise ${HOSTILE} (Mini Rewatch)`);
  });
});

describe('the pieces', () => {
  it('escapes every attribute of the embed snippet', () => {
    expect(embedSnippet({ src: 'https://a.example/q/"x"/', title: `a "b" <c> & 'd'` })).toBe(
      '<iframe src="https://a.example/q/&quot;x&quot;/" title="a &quot;b&quot; &lt;c&gt; &amp; &#x27;d&#x27;" width="600" height="375"' +
        ` loading="lazy" referrerpolicy="strict-origin-when-cross-origin" sandbox="${SANDBOX}"` +
        ' style="border:0;width:100%;max-width:600px;height:auto;aspect-ratio:600/375"></iframe>',
    );
  });

  it("keeps a picture URL from adding a directive to the card's policy", () => {
    const csp = cardPageCsp({ siteUrl: 'https://s.example/show/', audioUrl: 'https://cdn.example/a.mp3?x=1', speakerImage: "https://i.example/a;script-src 'unsafe-inline',b.jpg?q=1#f" });
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self' https://s.example",
      "style-src 'self' https://s.example",
      "img-src 'self' https://s.example https://i.example/a%3Bscript-src%20%27unsafe-inline%27%2Cb.jpg",
      'media-src https://cdn.example https:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-src 'none'",
    ]);
  });

  it('sizes type by quote length', () => {
    expect(['x'.repeat(90), 'x'.repeat(91), 'x'.repeat(180), 'x'.repeat(181), 'x'.repeat(300), 'x'.repeat(301)].map(quoteLength)).toEqual([
      'short',
      'medium',
      'medium',
      'long',
      'long',
      'very-long',
    ]);
  });
});
