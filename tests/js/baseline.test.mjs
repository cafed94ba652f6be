// The benchmark's plain-JS baseline produces the core's markup byte for byte
// for the seed fixture, so the benchmark compares equal work: the renderer on
// its own, and the one-file widget the bench serves (tests/bench/baseline.mjs)
// as a page would run it, against the wasm core and the native one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { oneFileBaseline } from '../bench/baseline.mjs';
import { repoRoot, wasmRenderer } from './core_in_node.mjs';

const fixture = path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json');
const json = fs.readFileSync(fixture, 'utf8');
const base = 'http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers';
const options = 'base=' + encodeURIComponent(base);
const widths = [320, 600, 899, 900, 1200];
const cli = process.env.NEWS_WIDGET_RENDER_CLI || path.join(repoRoot, 'build/release/native/news-widget-render');

function plainRenderer() {
  const context = vm.createContext({ URL, Intl, Date, Math, JSON, Array, String });
  vm.runInContext(fs.readFileSync(path.join(repoRoot, 'tests/bench/baseline/plain-renderer.js'), 'utf8'), context);
  return context.PlainNewsRenderer;
}

function nativeHtml(width) {
  const r = spawnSync(cli, [fixture, String(width), options], { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `news-widget-render failed: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

// Runs the one file in a context with just the browser API it uses, recording
// its requests; resolves to what one <plain-news-widget> `width` px wide put
// in its shadow root once it fired its event.
async function oneFileWidget(code, width) {
  const defined = new Map();
  const requests = [];
  const sheets = [];
  const rendered = [];
  class HTMLElement {}
  class CSSStyleSheet {
    constructor() { sheets.push(this); }
    replaceSync(text) { this.text = text; }
  }
  const context = vm.createContext({
    URL, Intl, Date, Math, JSON, Array, String, Promise, HTMLElement, CSSStyleSheet,
    CustomEvent: class { constructor(type, init) { this.type = type; this.bubbles = init.bubbles; } },
    customElements: { define: (name, cls) => defined.set(name, cls) },
    document: { baseURI: 'http://127.0.0.1:8080/bench/plain.html', createElement: (tag) => ({ tag, attrs: {}, setAttribute(k, v) { this.attrs[k] = v; } }) },
    fetch: async (url) => { requests.push(url); return { text: async () => json }; },
  });
  context.globalThis = context;
  vm.runInContext(code, context);
  const Element = defined.get('plain-news-widget');
  assert.ok(Element, 'the one file defines <plain-news-widget>');
  const el = new Element();
  const root = { children: [], append(child) { this.children.push(child); } };
  el.getAttribute = (name) => (name === 'src' ? '/api/articles/north-korea-10000-soldiers' : null);
  el.attachShadow = (init) => { root.mode = init.mode; return root; };
  el.getBoundingClientRect = () => ({ width: width + 0.4 });
  const done = new Promise((resolve) => { el.dispatchEvent = (event) => { rendered.push(event); resolve(); }; });
  el.connectedCallback();
  await done;
  return { root, requests, sheets, rendered };
}

test('the plain-JS baseline renders the fixture exactly as the core does', async () => {
  const core = await wasmRenderer();
  const plain = plainRenderer();
  for (const width of widths) {
    const expected = core.render(json, width, options);
    assert.ok(expected.ok);
    assert.equal(plain.render(json, width, base), expected.html, `width ${width}`);
  }
});

test('the one-file baseline widget shows the native and wasm core\'s markup, with the inlined stylesheet, after one request', async () => {
  const core = await wasmRenderer();
  const { code, css } = await oneFileBaseline();
  assert.equal((await oneFileBaseline()).code, code, 'the one file is built the same way every time');
  assert.ok(css.includes('.nw-card') && code.includes(css.slice(0, 200)), 'the stylesheet is in the file');
  for (const width of widths) {
    const { root, requests, sheets, rendered } = await oneFileWidget(code, width);
    const native = nativeHtml(width);
    assert.equal(core.render(json, width, options).html, native, `width ${width}: wasm and native differ`);
    assert.equal(root.mode, 'open');
    assert.equal(root.children.length, 1);
    const mount = root.children[0];
    assert.equal(mount.className, 'nw-mount');
    assert.equal(mount.attrs.part, 'container');
    assert.equal(mount.innerHTML, native, `width ${width}`);
    // Array.from: the array comes from the script's own realm.
    assert.deepEqual(Array.from(root.adoptedStyleSheets, (s) => s.text === css), [true], 'the inlined stylesheet, adopted');
    assert.equal(sheets.length, 1);
    assert.deepEqual(requests, [base], 'the feed is its only request');
    assert.deepEqual(rendered.map((e) => [e.type, e.bubbles]), [['plain-news-widget:rendered', true]]);
  }
});
