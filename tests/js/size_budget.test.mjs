// The widget a partner page downloads (the loader, which carries the
// stylesheet, and the wasm module, as staged in build/site, each brotli -q 11:
// with the small core for a feed in our own format, with the core for each
// publisher's format, and with the core for every format) stays within the size budgets in tests/bench/size-budget.json, the one place
// it is written (scripts/bench prints it beside the measured size;
// docs/size-budget.md explains it), and within its number of requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { everyFormatFiles, publisherFormatFiles, publisherFormats, widgetBytes } from '../bench/bytes.mjs';
import { sizeBudget } from '../bench/config.mjs';
import { repoRoot } from './core_in_node.mjs';

const site = process.env.NEWS_WIDGET_SITE || path.join(repoRoot, 'build/site');
const staged = (name) => fs.readFileSync(path.join(site, 'widget', name), 'utf8');

test('the widget a partner page downloads stays within the size budget (brotli)', () => {
  const { files, total, requests } = widgetBytes(site);
  for (const [name, s] of Object.entries(files)) console.log(`${name}: ${s.raw} B raw, ${s.brotli} B brotli`);
  const budget = sizeBudget.widgetBrotliBytes;
  console.log(`total: ${total.brotli} B brotli in ${requests} requests; budget ${budget} B; ${budget - total.brotli} B to spare`);
  assert.ok(Number.isInteger(budget) && budget > 0, 'size-budget.json: widgetBrotliBytes must be a positive whole number');
  assert.ok(total.brotli <= budget, `the widget is ${total.brotli} B brotli, over its budget of ${budget} B`);
});

for (const format of publisherFormats) {
  test(`the widget for a feed in ${format} with format="${format}" (the core for that format) stays within its budget (brotli)`, () => {
    const { files, total } = widgetBytes(site, publisherFormatFiles[format]);
    for (const [name, s] of Object.entries(files)) console.log(`${name}: ${s.raw} B raw, ${s.brotli} B brotli`);
    const budget = sizeBudget.publisherFormatsBrotliBytes;
    console.log(`total: ${total.brotli} B brotli; budget ${budget} B; ${budget - total.brotli} B to spare`);
    assert.ok(Number.isInteger(budget) && budget > 0, 'size-budget.json: publisherFormatsBrotliBytes must be a positive whole number');
    assert.ok(total.brotli <= budget, `the widget is ${total.brotli} B brotli, over its budget of ${budget} B`);
  });
}

test('the widget with the core that reads every format (a publisher\'s feed without a format attribute) stays within its budget (brotli)', () => {
  const { files, total } = widgetBytes(site, everyFormatFiles);
  for (const [name, s] of Object.entries(files)) console.log(`${name}: ${s.raw} B raw, ${s.brotli} B brotli`);
  const budget = sizeBudget.everyFormatBrotliBytes;
  console.log(`total: ${total.brotli} B brotli; budget ${budget} B; ${budget - total.brotli} B to spare`);
  assert.ok(Number.isInteger(budget) && budget > 0, 'size-budget.json: everyFormatBrotliBytes must be a positive whole number');
  assert.ok(total.brotli <= budget, `the widget is ${total.brotli} B brotli, over its budget of ${budget} B`);
});

// The values of the double-quoted string literals in `code` that JSON reads,
// tried from every double quote (so a quote inside a regular expression or a
// single-quoted string cannot hide one).
function stringsIn(code) {
  return [...code.matchAll(/(?=("(?:[^"\\\n]|\\.)*"))/g)].flatMap((m) => {
    try {
      return [JSON.parse(m[1])];
    } catch {
      return [];
    }
  });
}

// The widget assets the staged loader names ("news-widget.HASH.wasm", ...),
// each with the code just before the name (what the name is used for).
function assetsNamedBy(loader) {
  return [...loader.matchAll(/(.{0,24})"(news-widget[\w-]*(?:\.[0-9a-f]{10})?(\.(?:wasm|css)))"/g)]
    .map((m) => ({ name: m[2], ext: m[3], before: m[1] }));
}

test('the widget is at most its budget of requests: the loader carries the stylesheet and fetches only the core', () => {
  const loader = staged('news-widget.js');
  const css = staged('news-widget.css');
  const limit = sizeBudget.widgetRequests;
  assert.ok(Number.isInteger(limit) && limit > 0, 'size-budget.json: widgetRequests must be a positive whole number');
  // The stylesheet's text, exactly as staged, is one of the loader's strings,
  // and the loader is ASCII (it reads the same in any charset it is served as).
  assert.equal(stringsIn(loader).filter((s) => s === css).length, 1, 'the loader does not carry the staged news-widget.css');
  assert.doesNotMatch(loader, /[^\t\n\r\x20-\x7e]/, 'the loader holds a character outside printable ASCII');
  const named = assetsNamedBy(loader);
  console.log(`the loader names: ${named.map((a) => a.name).join(', ')}`);
  // The stylesheet is named only as the href of the <link> a browser without
  // constructable stylesheets gets: never fetched, never a request of its own.
  for (const a of named.filter((x) => x.ext === '.css')) {
    assert.match(a.before, /\.href=[\w$]*\($/, `the built loader uses ${a.name} other than as the <link> fallback's href: ...${a.before}`);
  }
  assert.ok(named.some((a) => a.ext === '.wasm'), 'the loader names no core');
  // The loader itself, then one request per kind of asset it asks for (a page
  // fetches one core, whichever module the loader picks).
  const requests = 1 + new Set(named.filter((a) => a.ext !== '.css').map((a) => a.ext)).size;
  assert.equal(requests, widgetBytes(site).requests, 'widgetBytes counts other files than the loader asks for');
  assert.ok(requests <= limit, `the widget needs ${requests} requests, over its budget of ${limit}`);
});
