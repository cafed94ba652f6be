// news-widget-json-feed.wasm, news-widget-json-ld.wasm and
// news-widget-wordpress.wasm, the cores for a widget whose format attribute
// names a publisher's format: each gives exactly what news-widget.wasm (every
// format) gives for our own format, for its own and for a document of no
// known format, and refuses a document in another publisher's format with
// "feed.other_format" naming what it reads (a related feed with the warning
// "related.other_format"), the ids the loader switches to news-widget.wasm on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loaderApi, repoRoot, wasmPath } from './core_in_node.mjs';
import { fromShared, testdata } from './shared_data.mjs';
import { exactParsingCases } from '../support/json_test_suite.mjs';

const fixtures = path.join(repoRoot, 'tests/fixtures');
const fixture = (name) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const seed = fixture('north-korea-10000-soldiers.json');
const base = 'base=' + encodeURIComponent('http://127.0.0.1:8080/api/articles/x');
// What each module reads besides our own format, as its refusal names it.
const formats = {
  'json-feed': 'a JSON Feed',
  'json-ld': 'schema.org Article JSON-LD',
  wordpress: 'a WordPress REST API post or list of posts',
};
const otherFormat = (format) => ({
  level: 'error', id: 'feed.other_format', path: '',
  message: `not news-widget JSON (version 1) or ${formats[format]}, the formats this build of the core reads`,
});
const corePath = (format) => path.join(path.dirname(wasmPath()), `news-widget-${format}.wasm`);

let loaded = null;
async function cores() {
  if (!loaded) {
    const api = loaderApi();
    loaded = { all: await api.createRenderer(fs.readFileSync(wasmPath())) };
    for (const format of Object.keys(formats)) {
      loaded[format] = await api.createRenderer(fs.readFileSync(corePath(format)));
    }
  }
  return loaded;
}

// The loader's result objects come from another VM realm: compared as JSON.
const plain = (r) => JSON.parse(JSON.stringify(r));

// Renders `bytes` with every module; checks each one-format module against
// the module for every format. Returns the formats that read it themselves.
function agree(all, one, bytes, width, options, name, related) {
  const a = plain(all.render(bytes, width, options, related));
  const read = [];
  for (const format of Object.keys(formats)) {
    const b = plain(one[format].render(bytes, width, options, related));
    const inAnother = a.ok && a.format !== 'news-widget' && a.format !== format;
    if (inAnother) {
      assert.equal(b.ok, false, `${name}: the ${format} module read a ${a.format} document`);
      assert.deepEqual(b.diagnostics, [otherFormat(format)], `${name} (${format} module)`);
      // The notice it writes is the one the module for every format writes for a feed it cannot show.
      assert.equal(b.html, plain(all.render('{}', width, options)).html, name);
    } else {
      assert.deepEqual(b, a, `${name} (${format} module)`);
      if (a.ok) read.push(format);
    }
  }
  return read;
}

test('each one-format core is smaller than the core for every format', () => {
  const all = fs.statSync(wasmPath()).size;
  for (const format of Object.keys(formats)) {
    const one = fs.statSync(corePath(format)).size;
    console.log(`news-widget-${format}.wasm ${one} B raw, news-widget.wasm ${all} B raw`);
    assert.ok(one < all * 0.95, `news-widget-${format}.wasm is ${one} B, news-widget.wasm ${all} B`);
  }
});

test('each one-format core reads our own format and its own, and refuses the other publishers\' formats', async () => {
  const { all, ...one } = await cores();
  const expected = {
    'north-korea-10000-soldiers.json': ['json-feed', 'json-ld', 'wordpress'],
    'harbour-ferry-jsonfeed.json': ['json-feed'],
    'council-budget-jsonld.json': ['json-ld'],
    'gazette-latest-wordpress.json': ['wordpress'],
    'library-reopens-wordpress.json': ['wordpress'],
  };
  for (const [name, readers] of Object.entries(expected)) {
    for (const [width, options] of [[320, base], [600, `${base}&locale=sv-SE&theme=dark`],
      [1200, `${base}&show=related&max-related=3`], [900, `${base}&show=card&locale=ar`]]) {
      assert.deepEqual(agree(all, one, fixture(name), width, options, name), readers, `${name} ${width} ${options}`);
    }
  }
  // Documents no module reads: the same verdict (feed.format, json.syntax...) from each.
  for (const text of ['{}', '[]', '{"version":"x"}', '{"@type":"Recipe"}', '[{"id":1}]', '{"version":1,"article":{}}', '{']) {
    assert.deepEqual(agree(all, one, new Uint8Array(Buffer.from(text)), 600, '', text), [], text);
  }
});

test('a related feed in another publisher\'s format is a related.other_format warning from a one-format core', async () => {
  const { all, ...one } = await cores();
  const related = fixture('harbour-ferry-jsonfeed.json');
  const small = plain(one.wordpress.render(seed, 1200, base, related));
  assert.equal(small.ok, true);
  assert.deepEqual(small.diagnostics, [{
    level: 'warning', id: 'related.other_format', path: '?related-src',
    message: `the related feed cannot be shown (${otherFormat('wordpress').message}): no "More news"`,
  }]);
  assert.doesNotMatch(small.html, /nw-related-item/);
  // The JSON Feed module reads that related feed as the module for every format does.
  const own = plain(one['json-feed'].render(seed, 1200, base, related));
  assert.deepEqual(own, plain(all.render(seed, 1200, base, related)));
  assert.match(own.html, /nw-related-item/);
});

test('JSONTestSuite: each one-format core agrees with the core for every format, or says another format', async () => {
  const { all, ...one } = await cores();
  let cases = 0;
  for (const c of exactParsingCases()) {
    agree(all, one, new Uint8Array(c.bytes), 600, '', c.name);
    cases++;
  }
  assert.ok(cases > 250, `${cases} cases`);
});

test('real publisher feeds: each one-format core agrees with the core for every format (from ../shared)',
  fromShared('real-feeds'), async () => {
    const { all, ...one } = await cores();
    const dir = path.join(testdata, 'real-feeds');
    const seen = {};
    for (const name of fs.readdirSync(dir).filter((f) => /\.(json|txt)$/.test(f)).sort()) {
      const read = agree(all, one, new Uint8Array(fs.readFileSync(path.join(dir, name))), 600, base, name);
      for (const format of read) seen[format] = (seen[format] || 0) + 1;
    }
    console.log(`read by their own module: ${JSON.stringify(seen)}`);
    for (const format of Object.keys(formats)) assert.ok(seen[format] > 0, `no real feed read by the ${format} module`);
  });
