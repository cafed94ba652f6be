// The publishers' own formats in real headless Chromium: a JSON Feed with
// "More news" from a WordPress posts list (related-src), the list-only widget
// (show="related"), and every real feed of ../shared/testdata/real-feeds
// rendered by the browser with its text read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newPage, repoRoot, routeHtml, saveArtifact, settled, useServerAndBrowser } from './harness.mjs';
import { fromShared, testdata } from './shared_data.mjs';

const env = useServerAndBrowser(before, after);
const realFeeds = path.join(testdata, 'real-feeds');
const cli = process.env.NEWS_WIDGET_RENDER_CLI || path.join(repoRoot, 'build/release/native/news-widget-render');

// The wasm modules a page fetched, by name without the content hash.
function recordCores(page) {
  const cores = [];
  page.on('request', (r) => {
    const m = /\/widget\/(news-widget(?:-v1|-json-feed|-json-ld|-wordpress)?)(?:\.[0-9a-f]{10})?\.wasm$/.exec(r.url());
    if (m) cores.push(m[1]);
  });
  return cores;
}

// A page with `body`, recording the widgets' events in window.events.
async function open(body, viewport = { width: 900, height: 1000 }) {
  const page = await newPage(env.browser, { viewport });
  page.cores = recordCores(page);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  const url = env.server.origin + '/feeds-test.html';
  await routeHtml(page, url, `<!doctype html><meta charset="utf-8"><title>feeds</title>
    <script>window.events = [];
      for (const t of ['news-widget:rendered', 'news-widget:error'])
        document.addEventListener(t, (e) => window.events.push({ type: e.type, format: e.detail.format,
          diagnostics: e.detail.diagnostics.map((d) => d.level + ' ' + d.id + ' ' + d.path) }));
    </script>
    <script src="/widget/news-widget.js" defer></script>${body}`);
  await page.goto(url);
  return page;
}

function texts(page, selector, index = 0) {
  return page.evaluate(([s, i]) =>
    [...document.querySelectorAll('news-widget')[i].shadowRoot.querySelectorAll(s)].map((n) => n.textContent), [selector, index]);
}

test('a JSON Feed card with More news from a WordPress posts list (related-src)', async () => {
  const page = await open(`<news-widget src="/api/articles/harbour-ferry-jsonfeed" format="json-feed"
    related-src="/api/articles/gazette-latest-wordpress"></news-widget>`);
  await settled(page);
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events, [{ type: 'news-widget:rendered', format: 'json-feed', diagnostics: [] }]);
  // format="json-feed": the JSON Feed core first; it refuses the WordPress
  // list as another format, and the core that reads every format renders both.
  assert.deepEqual(page.cores, ['news-widget-json-feed', 'news-widget']);
  assert.deepEqual(await texts(page, '.nw-title'), ['Night ferry returns after \u2018a long, dry winter\u2019']);
  // The card's own article is left out of the list; the WordPress titles are text.
  assert.deepEqual(await texts(page, '.nw-related-title'),
    ['Lighthouse open day: 112 steps & a view', 'Fish market moves to summer hours']);
  const links = await page.evaluate(() => [...document.querySelector('news-widget').shadowRoot
    .querySelectorAll('a.nw-related-title')].map((a) => a.href));
  assert.deepEqual(links, ['https://gazette.example/2025/03/lighthouse-open-day',
    env.server.origin + '/2025/03/fish-market-hours']);
  assert.equal(await page.evaluate(() => document.querySelector('news-widget').shadowRoot
    .querySelectorAll('script, iframe, style, em').length), 0);
  await page.screenshot({ path: saveArtifact('feeds-related-src.png'), fullPage: true });
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the core module follows the format attribute; a feed in a format that module does not read is rendered after it refuses it', async () => {
  const cases = [
    // [attributes, cores fetched, format, first diagnostic or null]
    ['src="/api/articles/north-korea-10000-soldiers"', ['news-widget-v1'], 'news-widget', null],
    ['src="/api/articles/north-korea-10000-soldiers" format="news-widget"', ['news-widget-v1'], 'news-widget', null],
    ['src="/api/articles/library-reopens-wordpress" format="wordpress"', ['news-widget-wordpress'], 'wordpress', null],
    ['src="/api/articles/council-budget-jsonld" format="json-ld"', ['news-widget-json-ld'], 'json-ld', null],
    ['src="/api/articles/harbour-ferry-jsonfeed" format="json-feed"', ['news-widget-json-feed'], 'json-feed', null],
    // The attribute names another publisher's format: the module for it refuses the feed, the one for every format reads it.
    ['src="/api/articles/gazette-latest-wordpress" format="json-feed"', ['news-widget-json-feed', 'news-widget'], 'wordpress',
      'warning option.format ?format the feed is wordpress, not json-feed'],
    ['src="/api/articles/council-budget-jsonld"', ['news-widget-v1', 'news-widget'], 'json-ld',
      'warning option.format ?format the feed is json-ld: a format attribute naming it loads the core that reads it at once, one download less'],
    ['src="/api/articles/north-korea-10000-soldiers" format="rss"', ['news-widget'], 'news-widget',
      'warning option.format ?format expected news-widget, json-feed, json-ld or wordpress'],
    ['src="/api/articles/north-korea-10000-soldiers" format="toString"', ['news-widget'], 'news-widget',
      'warning option.format ?format expected news-widget, json-feed, json-ld or wordpress'],
    // The attribute names another format than the feed's: read all the same, and said.
    ['src="/api/articles/north-korea-10000-soldiers" format="wordpress"', ['news-widget-wordpress'], 'news-widget',
      'warning option.format ?format the feed is news-widget, not wordpress'],
    ['src="/api/articles/harbour-ferry-jsonfeed" format="news-widget"', ['news-widget-v1', 'news-widget'], 'json-feed',
      'warning option.format ?format the feed is json-feed, not news-widget'],
    ['src="/api/articles/north-korea-10000-soldiers" related-src="/api/articles/gazette-latest-wordpress"',
      ['news-widget-v1', 'news-widget'], 'news-widget',
      'warning option.format ?format the related feed is in another format: a format attribute naming it loads the core that reads it at once, one download less'],
  ];
  for (const [attributes, wantCores, format, advice] of cases) {
    const page = await newPage(env.browser, { viewport: { width: 900, height: 1000 } });
    const cores = recordCores(page);
    const url = env.server.origin + '/format-test.html';
    await routeHtml(page, url, `<!doctype html><meta charset="utf-8"><title>format</title>
      <script>window.events = [];
        for (const t of ['news-widget:rendered', 'news-widget:error'])
          document.addEventListener(t, (e) => window.events.push({ type: e.type, format: e.detail.format,
            diagnostics: e.detail.diagnostics.map((d) => [d.level, d.id, d.path, d.message].join(' ')) }));
      </script>
      <script src="/widget/news-widget.js" async></script><news-widget ${attributes}></news-widget>`);
    await page.goto(url);
    await settled(page);
    const events = await page.evaluate(() => window.events);
    assert.equal(events.length, 1, attributes);
    assert.equal(events[0].type, 'news-widget:rendered', attributes);
    assert.equal(events[0].format, format, attributes);
    assert.equal(events[0].diagnostics.find((d) => d.includes('option.format')) ?? null, advice, attributes);
    assert.deepEqual(cores, wantCores, attributes);
    assert.equal((await texts(page, '.nw-title')).length, 1, attributes);
    if (attributes.includes('related-src')) {
      assert.deepEqual(await texts(page, '.nw-related-title'), ['Night ferry returns after \u2018a long, dry winter\u2019',
        'Lighthouse open day: 112 steps & a view', 'Fish market moves to summer hours'], attributes);
    }
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  }
});

test('a related-src that fails leaves the card without a list, and a warning says why', async () => {
  const page = await open(`<news-widget src="/api/articles/harbour-ferry-jsonfeed"
    related-src="/api/articles/no-such-list"></news-widget>`);
  await settled(page);
  const events = await page.evaluate(() => window.events);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'news-widget:rendered');
  assert.equal(events[0].diagnostics.at(-1), 'warning related.unusable ?related-src');
  assert.deepEqual(await texts(page, '.nw-related'), []);
  assert.equal((await texts(page, '.nw-title')).length, 1);
  await page.context().close();
});

test('show="related" is a list-only "latest from" widget; show="card" has no list', async () => {
  const page = await open(`<news-widget src="/api/articles/harbour-ferry-jsonfeed" show="related"></news-widget>
    <news-widget src="/api/articles/harbour-ferry-jsonfeed" show="card"></news-widget>`);
  await settled(page, 2);
  assert.deepEqual(await texts(page, '.nw-related-heading'), ['Harbour Gazette & Tide Tables']);
  assert.deepEqual(await texts(page, '.nw-related-title'), [
    'Night ferry returns after \u2018a long, dry winter\u2019',
    'Spring tide warning for the <i>lower</i> quay',
    'Seals spotted on the north breakwater this morning, three of them, sunning\u2026']);
  assert.deepEqual(await texts(page, '.nw-title'), []);
  assert.deepEqual(await texts(page, '.nw-related', 1), []);
  assert.equal((await texts(page, '.nw-title', 1)).length, 1);
  // Switching the attribute re-renders from the feed already loaded.
  await page.evaluate(() => document.querySelector('news-widget').setAttribute('show', 'both'));
  await page.waitForFunction(() => document.querySelector('news-widget').shadowRoot.querySelector('.nw-title'));
  await page.screenshot({ path: saveArtifact('feeds-show.png'), fullPage: true });
  await page.context().close();
});

test('show="card" leaves related-src unfetched until show asks for a list', async () => {
  const page = await open(`<news-widget src="/api/articles/harbour-ferry-jsonfeed" format="json-feed" show="card"
    related-src="/api/articles/gazette-latest-wordpress"></news-widget>`);
  const relatedRequests = () => page.requests.filter((u) => u.includes('gazette-latest-wordpress'));
  await settled(page);
  assert.equal((await texts(page, '.nw-title')).length, 1);
  assert.deepEqual(await texts(page, '.nw-related'), []);
  await page.waitForTimeout(300);
  assert.deepEqual(relatedRequests(), []);
  await page.evaluate(() => document.querySelector('news-widget').setAttribute('show', 'both'));
  await page.waitForFunction(() => document.querySelector('news-widget').shadowRoot.querySelectorAll('.nw-related-item').length > 0);
  assert.equal(relatedRequests().length, 1);
  assert.deepEqual(await texts(page, '.nw-related-title'),
    ['Lighthouse open day: 112 steps & a view', 'Fish market moves to summer hours']);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the item attribute picks a JSON Feed item', async () => {
  const page = await open('<news-widget src="/api/articles/harbour-ferry-jsonfeed" item="tide-warning"></news-widget>');
  await settled(page);
  assert.deepEqual(await texts(page, '.nw-title'), ['Spring tide warning for the <i>lower</i> quay']);
  await page.context().close();
});

// The title in the native render's HTML, with the core's five escapes undone.
function nativeTitle(file) {
  const r = spawnSync(cli, [file, '600'], { maxBuffer: 64 << 20 });
  if (r.status !== 0) return null;
  const m = /<span part="title" dir="auto">(?:<a [^>]*>)?(.*?)(?:<\/a>)?<\/span>/.exec(r.stdout.toString('utf8'));
  return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

test('every real publisher feed renders in Chromium, its text read back (from ../shared)',
  fromShared('real-feeds'), async () => {
    const files = fs.readdirSync(realFeeds).filter((f) => f !== 'SOURCES.md').sort();
    const page = await open('<div id="box"></div>', { width: 700, height: 900 });
    await page.waitForFunction(() => window.NewsWidget);
    let cards = 0;
    for (const [i, name] of files.entries()) {
      const text = fs.readFileSync(path.join(realFeeds, name), 'utf8');
      await page.evaluate(([t, n]) => {
        const el = window.NewsWidget.render(document.getElementById('box'), t);
        el.id = 'w' + n;
      }, [text, i]);
      await page.waitForFunction((n) => {
        const el = document.getElementById('w' + n);
        return el.classList.contains('news-widget--rendered') || el.classList.contains('news-widget--error');
      }, i);
      const seen = await page.evaluate((n) => {
        const root = document.getElementById('w' + n).shadowRoot;
        const title = root.querySelector('.nw-title');
        return {
          title: title && title.textContent,
          active: root.querySelectorAll('script, iframe, style, object, embed, template, noscript').length,
          error: !!root.querySelector('.nw-error'),
        };
      }, i);
      const expected = nativeTitle(path.join(realFeeds, name));
      assert.equal(seen.title, expected, name);
      assert.equal(seen.error, expected === null, name);
      assert.equal(seen.active, 0, name);
      if (!seen.error) cards++;
    }
    const formats = await page.evaluate(() => window.events.map((e) => e.format || e.type));
    assert.deepEqual([...new Set(formats)].sort(), ['json-feed', 'json-ld', 'news-widget:error', 'wordpress']);
    assert.equal(cards, 15);
    await page.screenshot({ path: saveArtifact('feeds-real.png'), fullPage: true });
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  });
