// news-widget-v1.wasm, the small core for feeds in our own format: it gives
// exactly what news-widget.wasm (every format) gives for those, and refuses
// every other document with "feed.other_format" (a related feed with the
// warning "related.other_format"), the ids the loader switches modules on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loaderApi, repoRoot, wasmPath } from './core_in_node.mjs';
import { exactParsingCases } from '../support/json_test_suite.mjs';

const fixtures = path.join(repoRoot, 'tests/fixtures');
const seed = fs.readFileSync(path.join(fixtures, 'north-korea-10000-soldiers.json'));
const publisherFeeds = ['harbour-ferry-jsonfeed.json', 'council-budget-jsonld.json',
  'gazette-latest-wordpress.json', 'library-reopens-wordpress.json'];
const base = 'base=' + encodeURIComponent('http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers');
const otherFormat = {
  level: 'error', id: 'feed.other_format', path: '',
  message: 'not news-widget JSON (version 1), the one format this build of the core reads',
};

function v1Path() {
  return path.join(path.dirname(wasmPath()), 'news-widget-v1.wasm');
}

async function cores() {
  const api = loaderApi();
  return {
    all: await api.createRenderer(fs.readFileSync(wasmPath())),
    v1: await api.createRenderer(fs.readFileSync(v1Path())),
  };
}

// The loader's result objects come from another VM realm: compared as JSON.
const plain = (r) => JSON.parse(JSON.stringify(r));

test('the small core is at most three quarters the size of the one for every format', () => {
  const small = fs.statSync(v1Path()).size;
  const large = fs.statSync(wasmPath()).size;
  console.log(`news-widget-v1.wasm ${small} B, news-widget.wasm ${large} B raw`);
  assert.ok(small < large * 0.75, `news-widget-v1.wasm is ${small} B, news-widget.wasm ${large} B`);
});

test('a feed in our own format renders the same with either core, at every width and option', async () => {
  const { all, v1 } = await cores();
  const broken = Buffer.from('{"version":1,"article":{}}');
  const future = Buffer.from('{"version":2,"article":{"title":"t"}}');
  const cases = [
    [seed, 320, base], [seed, 600, base], [seed, 1200, base], [seed, 600, `${base}&locale=ar&theme=dark`],
    [seed, 900, `${base}&show=related&max-related=3`], [seed, 600, `${base}&locale=fi-FI&layout=wide`],
    [broken, 600, 'locale=de-DE'], [future, 600, ''], [Buffer.from('{"article":{"title":"t"}}'), 480, ''],
  ];
  for (const [bytes, width, options] of cases) {
    const a = plain(all.render(new Uint8Array(bytes), width, options));
    const b = plain(v1.render(new Uint8Array(bytes), width, options));
    assert.deepEqual(b, a, `${width} ${options}`);
  }
  const r = plain(v1.render(new Uint8Array(seed), 600, base));
  assert.equal(r.ok, true);
  assert.equal(r.format, 'news-widget');
  assert.match(r.html, /USA: North Korea has sent 10,000 soldiers/);
});

test('the small core refuses each publisher format as another format; the large one reads it', async () => {
  const { all, v1 } = await cores();
  for (const name of publisherFeeds) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
    const small = plain(v1.render(bytes, 600, 'locale=sv-SE'));
    assert.equal(small.ok, false, name);
    assert.deepEqual(small.diagnostics, [otherFormat], name);
    // The notice it writes is the one the large core writes for a feed it cannot show.
    assert.equal(small.html, plain(all.render('{}', 600, 'locale=sv-SE')).html, name);
    const large = plain(all.render(bytes, 600, 'locale=sv-SE'));
    assert.equal(large.ok, true, name);
    assert.notEqual(large.format, 'news-widget', name);
  }
});

test('a related feed in another format is a related.other_format warning from the small core', async () => {
  const { all, v1 } = await cores();
  const related = new Uint8Array(fs.readFileSync(path.join(fixtures, 'harbour-ferry-jsonfeed.json')));
  const small = plain(v1.render(new Uint8Array(seed), 1200, base, related));
  assert.equal(small.ok, true);
  assert.deepEqual(small.diagnostics, [{
    level: 'warning', id: 'related.other_format', path: '?related-src',
    message: `the related feed cannot be shown (${otherFormat.message}): no "More news"`,
  }]);
  assert.doesNotMatch(small.html, /nw-related-item/);
  const large = plain(all.render(new Uint8Array(seed), 1200, base, related));
  assert.equal(large.ok, true);
  assert.match(large.html, /nw-related-item/);
  assert.equal(large.diagnostics.some((d) => d.id === 'related.other_format'), false);
  // A related feed that is no feed at all stays related.unusable in both.
  const junk = new Uint8Array(Buffer.from('{"version":1,"article":'));
  for (const core of [all, v1]) {
    const r = plain(core.render(new Uint8Array(seed), 1200, base, junk));
    assert.deepEqual(r.diagnostics.map((d) => d.id), ['related.unusable']);
  }
});

test('JSONTestSuite: the small core agrees with the large one, or says another format where that read one', async () => {
  const { all, v1 } = await cores();
  let same = 0;
  let other = 0;
  for (const c of exactParsingCases()) {
    const a = plain(all.render(new Uint8Array(c.bytes), 600, ''));
    const b = plain(v1.render(new Uint8Array(c.bytes), 600, ''));
    const largeSawOtherShape = a.diagnostics.some((d) => d.id === 'feed.format') ||
      (a.ok && a.format !== 'news-widget');
    if (largeSawOtherShape) {
      assert.deepEqual(b.diagnostics, [otherFormat], c.name);
      other++;
    } else {
      assert.deepEqual(b, a, c.name);
      same++;
    }
  }
  console.log(`${same} the same, ${other} another format`);
  assert.ok(same > 150 && other > 50, `${same} the same, ${other} another format`);
});
