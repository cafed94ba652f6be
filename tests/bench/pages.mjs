// The bench site (a copy of build/site with the one-file baseline widget,
// baseline.mjs, and the bench pages, in a temporary folder) and the native
// server that serves it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { here, repo, renderCli, serverBin } from './config.mjs';
import { spawnTracked, tempDir } from './processes.mjs';
import { cardMark } from './trace.mjs';

// The page reports its own figures on the console, 100 ms after the card:
// reading them with page.evaluate() or waiting with page.waitForFunction()
// would run Playwright's injected script in the page first, a task of its own.
// The server-rendered page has its card at first paint: it reports at load.
// The same moment is marked for traces (trace.mjs, cardMark).
const timingScript = (cardAtLoad) => `<script>window.cardAt = null; for (const t of ['news-widget:rendered', 'plain-news-widget:rendered'])
  document.addEventListener(t, () => { if (window.cardAt === null) { window.cardAt = performance.now(); performance.mark('${cardMark}'); setTimeout(report, 100); } });
  ${cardAtLoad ? `addEventListener('load', () => { window.cardAt = performance.now(); performance.mark('${cardMark}'); setTimeout(report, 100); });` : ''}
  function report() {
    const script = performance.getEntriesByType('resource').find((e) => /\\/(widget\\/news-widget|bench\\/plain-widget)\\.js$/.test(e.name));
    console.log('nw-bench ' + JSON.stringify({ card: window.cardAt, scriptStart: script ? script.responseEnd : 0 }));
  }</script>`;
// The card of `feed` rendered by the render CLI `cli` into a declarative
// shadow root for a widget `width` px wide, its stylesheet at `stylesheetUrl`.
// Its links and photo resolve against the feed's URL on the bench's server,
// as the widget's do (without a base they would point at the publisher's site).
export function shadowRootCard({ stylesheetUrl, feed, width, cli = renderCli }) {
  const base = `base=/api/articles/${path.basename(feed, '.json')}`;
  // Its diagnostics ("[]" on stderr) are not the bench's output.
  return execFileSync(cli, ['--shadow-root', stylesheetUrl, feed, String(width), base],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const page = (title, body, cardAtLoad = false) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${timingScript(cardAtLoad)}</head><body style="margin:0">${body}</body></html>`;

// Writes the bench site; returns its folder (removed at clean-up).
// `plainWidget`: the one file's text (baseline.mjs).
export function buildBenchSite(site, fixturePath, plainWidget) {
  const benchRoot = tempDir('nw-bench-site-');
  fs.cpSync(site, benchRoot, { recursive: true });
  fs.mkdirSync(path.join(benchRoot, 'bench'));
  // The renderer alone, for the render loop; the one file, for the loads.
  fs.copyFileSync(path.join(here, 'baseline/plain-renderer.js'), path.join(benchRoot, 'bench/plain-renderer.js'));
  fs.writeFileSync(path.join(benchRoot, 'bench/plain-widget.js'), plainWidget);
  fs.writeFileSync(path.join(benchRoot, 'bench/wasm.html'), page('wasm widget',
    '<script async src="/widget/news-widget.js"></script><news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>'));
  fs.writeFileSync(path.join(benchRoot, 'bench/plain.html'), page('plain widget',
    '<script async src="/bench/plain-widget.js"></script><plain-news-widget src="/api/articles/north-korea-10000-soldiers"></plain-news-widget>'));
  // The floor: the same card, rendered on the server into a declarative shadow
  // root, on a page without any script of the widget's. What the browser alone
  // spends on laying out and painting this card.
  const prerendered = shadowRootCard({ stylesheetUrl: '/widget/news-widget.css', feed: fixturePath, width: 1280 });
  fs.writeFileSync(path.join(benchRoot, 'bench/prerendered.html'), page('server-rendered card',
    `<news-widget>${prerendered}</news-widget>`, true));
  // And what any page costs on this machine: one line of text, no card.
  fs.writeFileSync(path.join(benchRoot, 'bench/text.html'), page('one line of text',
    '<p>North Korea has sent around 10,000 soldiers to Russia.</p>', true));
  fs.writeFileSync(path.join(benchRoot, 'bench/render.html'), page('render loop',
    '<script src="/bench/plain-renderer.js"></script><script src="/widget/news-widget.js"></script>'));
  return benchRoot;
}

// Starts news-widget-server on a free loopback port; resolves to
// {origin, child} once it prints its listening line.
export function startServer(root, extraArgs = []) {
  const child = spawnTracked(serverBin,
    ['--port', '0', '--root', root, '--data', path.join(repo, 'tests/fixtures'), '--access-log', '/dev/null', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ origin: m[1], child });
    });
    child.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
}
