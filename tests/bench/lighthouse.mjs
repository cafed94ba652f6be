// Lighthouse (12.2.3, mobile defaults: simulated slow 4G and 4x CPU
// throttling) on partner pages that embed the widget in each of its forms,
// against the native server on loopback. Too slow for the test suite (the
// suite checks the embed code's layout shift with a PerformanceObserver in
// tests/js/embed.test.mjs); run by scripts/bench.
//
//   node tests/bench/lighthouse.mjs [--runs N] [--out FILE]
//
// Pages, each a partner's story with paragraphs below the widget, served by
// a small loopback server of their own (so the widget is cross-origin, as on
// a partner's site):
//   oembed        the html that /oembed hands out (the pre-rendered card + script)
//   two-line      the README's two-line snippet
//   two-line-hint the same with the height hint the embed tool writes
//   demo          the demo page at / (the card pre-rendered by scripts/build)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../js/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const runs = args.includes('--runs') ? +args[args.indexOf('--runs') + 1] : 3;
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(repo, 'build/bench/lighthouse.json');
const lighthouseBin = path.join(repo, 'node_modules/.bin/lighthouse');
const articleId = 'north-korea-10000-soldiers';
// Lighthouse's mobile screen is 412 px wide; the story column below leaves
// the widget 380 px.
const widgetWidth = 380;

const server = await startServer();
const api = `${server.origin}/api/articles/${articleId}`;
const oembed = await (await fetch(`${server.origin}/oembed?url=${encodeURIComponent(api)}&maxwidth=${widgetWidth}`)).json();

function partnerPage(title, embed) {
  const para = '<p>The partner\'s own story goes on below the widget, paragraph after paragraph, ' +
    'as a news site\'s article page does. Readers scroll through it while the widget loads.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<meta name="description" content="A partner's article page with the news widget embedded.">
<style>body{margin:0 auto;max-width:${widgetWidth}px;padding:0 16px;font:16px/1.5 Georgia,serif;color:#222}</style>
</head><body><h1>${title}</h1><p>The partner's introduction.</p>
${embed}
${para.repeat(12)}
</body></html>`;
}
const twoLine = `<script async src="${server.origin}/widget/news-widget.js"></script>\n` +
  `<news-widget src="${api}"></news-widget>`;
const hinted = `<script async src="${server.origin}/widget/news-widget.js"></script>\n` +
  `<news-widget src="${api}" height-hint="${oembed.height}" style="display:block;min-height:${oembed.height}px"></news-widget>`;
const pages = {
  'oembed': partnerPage('oEmbed embed', oembed.html),
  'two-line': partnerPage('Two-line embed', twoLine),
  'two-line-hint': partnerPage('Two-line embed with the height hint', hinted),
};

const site = http.createServer((req, res) => {
  const name = req.url.slice(1).replace(/\.html$/, '');
  if (!pages[name]) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(pages[name]);
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const siteOrigin = `http://127.0.0.1:${site.address().port}`;
const urls = {
  'oembed': `${siteOrigin}/oembed.html`,
  'two-line': `${siteOrigin}/two-line.html`,
  'two-line-hint': `${siteOrigin}/two-line-hint.html`,
  'demo': `${server.origin}/`,
};

// Asynchronous: this process also serves the partner pages.
async function lighthouse(url) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-lighthouse-'));
  try {
    const report = path.join(tmp, 'report.json');
    await promisify(execFile)(lighthouseBin, [url, '--quiet', '--output=json', `--output-path=${report}`,
      '--only-categories=performance',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking ' +
        `--disable-component-update --disable-sync --user-data-dir=${path.join(tmp, 'profile')}`],
    { encoding: 'utf8', timeout: 300000, env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' } });
    const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
    const audit = (id) => lhr.audits[id];
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      cls: audit('cumulative-layout-shift').numericValue,
      tbt: audit('total-blocking-time').numericValue,
      lcp: audit('largest-contentful-paint').numericValue,
      // What Lighthouse says about the widget's own files' compression and cache lifetime.
      compression: (audit('uses-text-compression').details?.items || []).map((i) => i.url),
      cacheTtl: (audit('uses-long-cache-ttl').details?.items || []).map((i) => `${i.url} ${i.cacheLifetimeMs / 1000}s`),
    };
  } catch (err) {
    throw new Error(`lighthouse failed on ${url}: ${err.stderr || err.message}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const results = { when: new Date().toISOString(), lighthouse: '12.2.3', runs, widgetWidth, hint: oembed.height, pages: {} };
try {
  for (const [name, url] of Object.entries(urls)) {
    const each = [];
    for (let i = 0; i < runs; i++) each.push(await lighthouse(url));
    results.pages[name] = {
      performance: median(each.map((e) => e.performance)),
      cls: median(each.map((e) => e.cls)),
      tbt: median(each.map((e) => e.tbt)),
      lcp: median(each.map((e) => e.lcp)),
      compression: each[0].compression,
      cacheTtl: each[0].cacheTtl,
    };
  }
} finally {
  site.close();
  await server.stop();
}

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`Lighthouse ${results.lighthouse}, mobile defaults, median of ${runs} (widget ${widgetWidth} px, hint ${results.hint} px)`);
console.log('page            perf    CLS     TBT ms   LCP ms   flagged (compression / cache lifetime)');
for (const [name, p] of Object.entries(results.pages)) {
  const flagged = [...p.compression, ...p.cacheTtl].filter((u) => u.includes('/widget/') || u.includes('/api/') || u.includes('/render'));
  console.log(`${name.padEnd(15)} ${String(p.performance).padStart(4)}  ${p.cls.toFixed(3).padStart(6)}  ` +
    `${Math.round(p.tbt).toString().padStart(7)}  ${Math.round(p.lcp).toString().padStart(7)}   ${flagged.join(', ') || '-'}`);
}
console.log(`written to ${path.relative(repo, outFile)}`);
