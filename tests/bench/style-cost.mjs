// The card's own style and layout cost: the server-rendered card (no script)
// with a base revision's stylesheet and markup against the working tree's,
// loads alternating in one run, each traced under the mobile profile (4x CPU
// throttling, as section 4c of bench.mjs). Beside them, the page with one line
// of text and no card: what any page's first style and layout cost.
//
//   node tests/bench/style-cost.mjs [--base REF] [--base-render CLI] [--runs N]
//        [--viewport WxH] [--feed FILE] [--widget] [--try NAME=CSS_FILE ...] [--parts] [--out FILE]
//
// --base REF: the git revision whose web/widget/news-widget.css is the base
// (default main). --base-render CLI: the render CLI of that revision, for its
// markup (default: this tree's, when the markup did not change). --feed: the
// article the server-rendered pages show (default the bench's fixture, and
// for the base page that revision's fixture, its photo from that revision's
// web/demo/images; the loader's pages always load this tree's fixture). The
// card is rendered for the viewport's width. --widget: the loader's page too (the same loader and
// wasm; each page's widget folder holds one of the two stylesheets, in its
// loader and as files). --try: one more server-rendered page with this
// tree's markup and the stylesheet CSS_FILE (card-NAME), to weigh an idea
// against the two in the same run. --parts: one such page for each of
// card-parts.mjs's rules (this tree's stylesheet with the card in one font,
// without its text, ...): where the card's own cost lies. Prints medians
// with min-max of the main thread's style, layout and style+layout time per
// page, and the card pages' figures less the text page's median (the card's
// own share); of that, how many fonts the browser set up, how many families
// it looked up by name, and the time it took.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, fixturePath, renderCli, repo, site } from './config.mjs';
import { shadowRootCard, startServer } from './pages.mjs';
import { cleanUp, onCleanup, stop, tempDir } from './processes.mjs';
import { alternating, stats } from './stats.mjs';
import { traceLoad } from './loads.mjs';
import { cardMark, longestTasks, styleAndLayout } from './trace.mjs';
import { cardParts, withPart } from './card-parts.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const baseRef = opt('--base', 'main');
const baseRender = opt('--base-render', renderCli);
const runs = Number(opt('--runs', '12'));
const [viewWidth, viewHeight] = opt('--viewport', '1280x900').split('x').map(Number);
const withWidget = args.includes('--widget');
// [page name, stylesheet text] of each page besides the base and the new card.
const tries = args.flatMap((a, i) => {
  if (a !== '--try') return [];
  const [name, file] = (args[i + 1] || '').split('=');
  if (!/^[a-z0-9-]+$/.test(name || '') || !file) {
    console.error(`style-cost: --try wants NAME=CSS_FILE (NAME in a-z, 0-9 and -), not ${args[i + 1]}`);
    process.exit(2);
  }
  return [[name, fs.readFileSync(file, 'utf8')]];
});
// This tree's stylesheet: the new card's, and the one --parts adds to.
const treeCss = fs.readFileSync(path.join(repo, 'web/widget/news-widget.css'), 'utf8');
if (args.includes('--parts')) {
  for (const part of cardParts) tries.push([part.name, withPart(treeCss, part)]);
}
const names = tries.map(([name]) => name);
const twice = names.find((name, i) => names.indexOf(name) !== i || name === 'base' || name === 'new');
if (twice) {
  console.error(`style-cost: two pages would be named card-${twice}`);
  process.exit(2);
}
const feedFile = opt('--feed', fixturePath);
const outFile = opt('--out', path.join(repo, 'build/bench/style-cost.json'));

// Reports at load (the server-rendered card is there at first paint) or when
// the loader's card is in the DOM, and marks that moment for the trace.
const timing = `<script>let at = null; function mark() { if (at === null) { at = performance.now(); performance.mark('${cardMark}'); setTimeout(() => console.log('nw-bench ' + at), 100); } }
  document.addEventListener('news-widget:rendered', mark);</script>`;
const page = (title, body, atLoad) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${timing}${atLoad ? '<script>addEventListener(\'load\', mark);</script>' : ''}</head><body style="margin:0">${body}</body></html>`;

const prerendered = (cli, stylesheetUrl, feed = feedFile) => shadowRootCard({ cli, stylesheetUrl, feed, width: viewWidth });

// The base revision's fixture (under the same name, so that its card's links
// resolve alike) and demo images, added to the site's `root`: the base card
// as it looked then, photo included. Returns the fixture's path.
function baseFixture(root) {
  const git = (...a) => execFileSync('git', a, { cwd: repo, maxBuffer: 1 << 26 });
  const images = 'web/demo/images';
  for (const file of git('ls-tree', '-r', '--name-only', baseRef, '--', images).toString().split('\n').filter(Boolean)) {
    const to = path.join(root, 'demo/images', path.relative(images, file));
    if (!fs.existsSync(to)) fs.writeFileSync(to, git('show', `${baseRef}:${file}`));
  }
  const feed = path.join(tempDir('nw-style-cost-base-'), path.basename(fixturePath));
  fs.writeFileSync(feed, git('show', `${baseRef}:${path.relative(repo, fixturePath)}`));
  return feed;
}

function buildSite() {
  const root = tempDir('nw-style-cost-');
  fs.cpSync(site, root, { recursive: true });
  // Two widget folders with this build's loader and wasm: each with one of the
  // two stylesheets, both as written (unminified), under every name the
  // build gives the stylesheet.
  const baseCss = execFileSync('git', ['show', `${baseRef}:web/widget/news-widget.css`], { cwd: repo, encoding: 'utf8' });
  fs.cpSync(path.join(root, 'widget'), path.join(root, 'widget-base'), { recursive: true });
  // The loader carries the stylesheet as a string (scripts/minify.mjs): the
  // staged one's literal is swapped for the folder's.
  const asLiteral = (text) => JSON.stringify(text).replace(/[\u0080-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const stagedCss = asLiteral(fs.readFileSync(path.join(site, 'widget/news-widget.css'), 'utf8'));
  for (const [folder, css] of [['widget-base', baseCss], ['widget', treeCss]]) {
    for (const f of fs.readdirSync(path.join(root, folder)).filter((n) => /^news-widget(\.[0-9a-f]+)?\.css$/.test(n))) {
      fs.writeFileSync(path.join(root, folder, f), css);
    }
    const loaderFile = path.join(root, folder, 'news-widget.js');
    const loader = fs.readFileSync(loaderFile, 'utf8');
    if (loader.split(stagedCss).length !== 2) throw new Error('style-cost: the staged loader does not carry the staged stylesheet once');
    fs.writeFileSync(loaderFile, loader.replace(stagedCss, () => asLiteral(css)));
  }
  fs.mkdirSync(path.join(root, 'bench'));
  const write = (name, html) => fs.writeFileSync(path.join(root, 'bench', name), html);
  write('text.html', page('one line of text', '<p>North Korea has sent around 10,000 soldiers to Russia.</p>', true));
  const baseFeed = feedFile === fixturePath ? baseFixture(root) : feedFile;
  write('card-base.html', page('card, base', `<news-widget>${prerendered(baseRender, '/widget-base/news-widget.css', baseFeed)}</news-widget>`, true));
  write('card-new.html', page('card, new', `<news-widget>${prerendered(renderCli, '/widget/news-widget.css')}</news-widget>`, true));
  for (const [name, css] of tries) {
    fs.writeFileSync(path.join(root, `widget/try-${name}.css`), css);
    write(`card-${name}.html`, page(`card, ${name}`, `<news-widget>${prerendered(renderCli, `/widget/try-${name}.css`)}</news-widget>`, true));
  }
  const feed = '/api/articles/north-korea-10000-soldiers';
  write('widget-base.html', page('widget, base', `<script async src="/widget-base/news-widget.js"></script><news-widget src="${feed}"></news-widget>`, false));
  write('widget-new.html', page('widget, new', `<script async src="/widget/news-widget.js"></script><news-widget src="${feed}"></news-widget>`, false));
  return root;
}

// One traced load of `pagePath`, under the mobile profile, until 1 s after the card.
async function tracedLoad(browser, origin, pagePath) {
  const events = await traceLoad(browser, origin + pagePath, 4, { width: viewWidth, height: viewHeight });
  return { ...styleAndLayout(events, pagePath), longest: longestTasks(events, pagePath).longestAfterParseMs };
}

const figures = ['style', 'layout', 'styleLayout', 'styleCpu', 'layoutCpu', 'styleLayoutCpu', 'longest', 'fonts', 'fontsCpu', 'fontsSetUp', 'familyLookUps'];
const round = (x) => Math.round(x * 10) / 10;
const fmt = (s) => `${round(s.median)} (${round(s.min)}-${round(s.max)})`;

async function run() {
  const root = buildSite();
  const server = await startServer(root);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, handleSIGINT: false, handleSIGTERM: false });
  onCleanup(() => browser.close());
  const pages = ['text', 'card-base', 'card-new', ...tries.map(([name]) => `card-${name}`),
    ...(withWidget ? ['widget-base', 'widget-new'] : [])];
  const loads = await alternating(pages, runs, (which) => tracedLoad(browser, server.origin, `/bench/${which}.html`));
  await browser.close();
  await stop(server.child);
  const results = { when: new Date().toISOString(), base: baseRef, baseRender, feed: feedFile, runs, viewport: `${viewWidth}x${viewHeight}`, pages: {} };
  for (const which of pages) {
    results.pages[which] = Object.fromEntries(figures.map((k) => [k, { ...stats(loads[which].map((l) => l[k])), loads: loads[which].map((l) => round(l[k])) }]));
  }
  return results;
}

let results;
try {
  results = await run();
} finally {
  await cleanUp();
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
const text = results.pages.text;
for (const [clock, suffix] of [['wall time', ''], ['thread CPU time', 'Cpu']]) {
  console.log(`\nmain thread, ${clock}, ms: median (min-max) of ${runs} loads each, 4x CPU throttling, viewport ${results.viewport}, base ${baseRef}`);
  console.log('page'.padEnd(18) + 'style'.padEnd(20) + 'layout'.padEnd(24) + 'style+layout'.padEnd(24) + 'less the text page');
  for (const [which, r] of Object.entries(results.pages)) {
    const own = which === 'text' ? '' : round(r['styleLayout' + suffix].median - text['styleLayout' + suffix].median);
    console.log(which.padEnd(18) + fmt(r['style' + suffix]).padEnd(20) + fmt(r['layout' + suffix]).padEnd(24) +
      fmt(r['styleLayout' + suffix]).padEnd(24) + own);
  }
  for (const which of Object.keys(results.pages).filter((w) => w !== 'text' && !w.endsWith('-base'))) {
    const kind = which.startsWith('widget') ? 'widget' : 'card';
    const b = results.pages[`${kind}-base`]['styleLayout' + suffix].median;
    const n = results.pages[which]['styleLayout' + suffix].median;
    const t = text['styleLayout' + suffix].median;
    console.log(`  ${which} against ${kind}-base: style+layout ${Math.round((1 - n / b) * 100)}% less, less the text page ${Math.round((1 - (n - t) / (b - t)) * 100)}% less`);
  }
}
// Of the style and layout, the browser setting up the fonts the text is set
// in (trace.mjs): how many, and their time.
console.log(`\nof that, setting up fonts: medians (min-max) of ${runs} loads each`);
console.log('page'.padEnd(18) + 'fonts set up'.padEnd(16) + 'family look-ups'.padEnd(18) + 'wall time, ms'.padEnd(22) + 'thread CPU time, ms'.padEnd(24) + 'CPU share of style+layout');
for (const [which, r] of Object.entries(results.pages)) {
  console.log(which.padEnd(18) + fmt(r.fontsSetUp).padEnd(16) + fmt(r.familyLookUps).padEnd(18) + fmt(r.fonts).padEnd(22) +
    fmt(r.fontsCpu).padEnd(24) + `${Math.round((r.fontsCpu.median / r.styleLayoutCpu.median) * 100)}%`);
}
// The longest main-thread task once the page's HTML is parsed (wall time,
// rendering included): the card's first frame, unless a page splits it.
console.log(`\nlongest main-thread task after parsing begins, ms: median (min-max) of ${runs} loads each`);
for (const [which, r] of Object.entries(results.pages)) console.log(which.padEnd(18) + fmt(r.longest));
if (args.includes('--parts')) {
  console.log('\nthe --parts pages, each this tree\'s card and stylesheet with one rule added:');
  for (const part of cardParts) console.log(`  card-${part.name}`.padEnd(20) + part.what);
}
console.log(`\nfigures in ${outFile}`);
