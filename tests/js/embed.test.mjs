// The embed codes partners paste, in headless Chromium: what they reserve
// and how far they move the page around them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPage, useServerAndBrowser, routeHtml, settled, startServer, saveArtifact, fixture, fixturePath } from './harness.mjs';

const env = useServerAndBrowser(before, after);
const feedPath = '/api/articles/north-korea-10000-soldiers';
const toolPath = '/embed';

// Sums the page's layout-shift entries (as CLS counts them: not those right
// after input) from the start of the load.
const recordShifts = () => {
  window.shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
};
const cls = (page) => page.evaluate(() => window.shifts.reduce((a, b) => a + b, 0));

test('height-hint reserves the height until the card is on screen, then gives way to the card', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(env.server.origin + feedPath, async (route) => { await held; await route.continue(); });
  await routeHtml(page, env.server.origin + '/test/hint.html', `<!doctype html><html lang="en"><title>t</title>
    <script async src="/widget/news-widget.js"></script>
    <news-widget id="hinted" src="${feedPath}" height-hint="1234"></news-widget>
    <news-widget id="bad" src="${feedPath}" height-hint="tall"></news-widget>`);
  await page.goto(env.server.origin + '/test/hint.html');
  await page.waitForFunction(() => document.getElementById('hinted').getAttribute('aria-busy') === 'true');
  const reserved = await page.evaluate(() => ['hinted', 'bad'].map((id) => {
    const el = document.getElementById(id);
    return [el.style.minHeight, Math.round(el.getBoundingClientRect().height)];
  }));
  assert.deepEqual(reserved, [['1234px', 1234], ['', 0]]);
  release();
  await settled(page, 2);
  const after = await page.evaluate(() => {
    const el = document.getElementById('hinted');
    return [el.style.minHeight, Math.round(el.getBoundingClientRect().height) ===
      Math.round(el.shadowRoot.querySelector('.nw-mount').getBoundingClientRect().height)];
  });
  assert.deepEqual(after, ['', true]);
  await page.context().close();
});

test('the two-line embed with the embed tool\'s height hint moves the text below it far less than without', async () => {
  const shiftOf = async (attrs) => {
    const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
    await page.addInitScript(recordShifts);
    await routeHtml(page, env.server.origin + '/test/two-line.html', `<!doctype html><html lang="en"><title>t</title>
      <style>body{margin:0 auto;max-width:640px;font:16px/1.5 serif}</style>
      <h1>A partner's story</h1><p>Intro paragraph.</p>
      <script async src="/widget/news-widget.js"></script>
      <news-widget src="${feedPath}"${attrs}></news-widget>
      ${'<p>Paragraph below the widget, in view when the page opens.</p>'.repeat(20)}`);
    await page.goto(env.server.origin + '/test/two-line.html');
    await settled(page);
    await page.waitForTimeout(300);  // the last frame's shifts are reported
    const value = await cls(page);
    const height = await page.evaluate(() => document.querySelector('news-widget').getBoundingClientRect().height);
    await page.context().close();
    return { value, height };
  };
  const plain = await shiftOf('');
  // What the embed tool writes: the core's estimate at this width.
  const estimate = await (async () => {
    const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
    await page.goto(env.server.origin + '/');
    const h = await page.evaluate(async (src) => new Promise((resolve) => {
      const el = document.createElement('news-widget');
      el.style.width = '640px';
      el.addEventListener('news-widget:rendered', (e) => resolve(e.detail.estimatedHeight));
      el.setAttribute('src', src);
      document.body.prepend(el);
    }), feedPath);
    await page.context().close();
    return h;
  })();
  const hinted = await shiftOf(` height-hint="${estimate}" style="display:block;min-height:${estimate}px"`);
  assert.ok(plain.value > 0.1, `without the hint the text below moves (CLS ${plain.value})`);
  assert.ok(hinted.value < plain.value / 4, `with the hint it moves far less (CLS ${hinted.value} against ${plain.value})`);
  console.log(`two-line embed CLS at 800x900: ${plain.value.toFixed(3)} without the hint, ` +
    `${hinted.value.toFixed(3)} with height-hint=${estimate} (card ${Math.round(hinted.height)} px)`);
});

// The feeds of the embed tool's tests: the seed article, the same with two
// flaws the core warns about, and one without a title (which cannot be shown).
function toolData() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-embed-tool-'));
  fs.copyFileSync(fixturePath, path.join(dir, 'north-korea-10000-soldiers.json'));
  const flawed = structuredClone(fixture);
  flawed.article.published = 'yesterday';
  flawed.related[3].title = 42;
  fs.writeFileSync(path.join(dir, 'flawed-feed.json'), JSON.stringify(flawed));
  const broken = structuredClone(fixture);
  delete broken.article.title;
  fs.writeFileSync(path.join(dir, 'broken-feed.json'), JSON.stringify(broken));
  fs.copyFileSync(path.join(path.dirname(fixturePath), 'harbour-ferry-jsonfeed.json'), path.join(dir, 'ferry.json'));
  return dir;
}

const diagnosticRows = (page) => page.$$eval('.et-diagnostics tbody tr', (rows) =>
  rows.map((r) => [...r.cells].map((c) => c.textContent)));

test('the embed tool previews a feed at three widths in light and dark, lists its diagnostics and copies the embed code', async () => {
  const dataDir = toolData();
  const server = await startServer(['--data', dataDir]);
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  try {
    // A good feed: six previews, no diagnostics, both codes.
    const api = `${server.origin}/api/articles/north-korea-10000-soldiers`;
    await page.goto(`${server.origin}${toolPath}?url=${encodeURIComponent(api)}`);
    await settled(page, 6);
    const previews = await page.$$eval('.et-preview news-widget', (els) => els.map((el) => [
      Math.round(el.getBoundingClientRect().width), el.getAttribute('theme'),
      el.shadowRoot.querySelector('.nw-card').dataset.layout]));
    assert.deepEqual(previews, [[320, 'light', 'narrow'], [600, 'light', 'regular'], [1024, 'light', 'wide'],
      [320, 'dark', 'narrow'], [600, 'dark', 'regular'], [1024, 'dark', 'wide']]);
    assert.deepEqual(await diagnosticRows(page), []);
    assert.equal(await page.locator('.et-diagnostics').isVisible(), false);
    const codes = await page.$$eval('.et-code textarea', (els) => els.map((el) => el.value));
    const oembed = await (await fetch(`${server.origin}/oembed?format=json&maxwidth=600&url=${encodeURIComponent(api)}`)).json();
    assert.equal(codes[0], oembed.html);
    assert.equal(codes[1], `<script async src="${server.origin}/widget/news-widget.js"></script>\n` +
      `<news-widget src="${api}" height-hint="${oembed.height}" style="display:block;min-height:${oembed.height}px"></news-widget>`);
    await page.screenshot({ path: saveArtifact('embed-tool.png'), fullPage: true });

    // The copy buttons put the code on the clipboard.
    await page.locator('.et-code[data-form="prerendered"] .et-copy').click();
    await page.waitForFunction(() => document.querySelector('.et-code[data-form="prerendered"] .et-copy').textContent === 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), codes[0]);
    await page.locator('.et-code[data-form="two-line"] .et-copy').click();
    await page.waitForFunction(() => document.querySelector('.et-code[data-form="two-line"] .et-copy').textContent === 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), codes[1]);

    // A JSON Feed: both codes name its format, so the loader fetches the
    // core that reads it at once; the previews do the same (no advice).
    const ferry = `${server.origin}/api/articles/ferry`;
    await page.goto(`${server.origin}${toolPath}?url=${encodeURIComponent(ferry)}`);
    await settled(page, 6);
    // The feed's own warning, and no advice about the format attribute.
    assert.deepEqual(await diagnosticRows(page),
      [['warning', 'image.icon', '/items/1/image', 'an icon-sized image: not shown as a photo']]);
    assert.deepEqual(await page.$$eval('.et-preview news-widget', (els) => els.map((el) => el.getAttribute('format'))),
      Array(6).fill('json-feed'));
    const ferryCodes = await page.$$eval('.et-code textarea', (els) => els.map((el) => el.value));
    assert.match(ferryCodes[0], new RegExp(`<news-widget src="${ferry}" format="json-feed">`));
    assert.match(ferryCodes[1], new RegExp(`\n<news-widget src="${ferry}" format="json-feed" height-hint="\\d+"`));

    // A feed with flaws: the card still shows, and each warning is listed once.
    await page.goto(`${server.origin}${toolPath}?url=${encodeURIComponent(`${server.origin}/api/articles/flawed-feed`)}`);
    await settled(page, 6);
    assert.deepEqual(await diagnosticRows(page), [
      ['warning', 'time.format', '/article/published', 'expected an ISO 8601 date-time with an offset, like "2024-10-28T16:40:00+01:00"'],
      ['warning', 'field.type', '/related/3/title', 'expected a string, got a number'],
    ]);

    // A feed that cannot be shown: its error, no code to copy.
    await page.goto(`${server.origin}${toolPath}?url=${encodeURIComponent(`${server.origin}/api/articles/broken-feed`)}`);
    await page.waitForFunction(() => document.querySelectorAll('.et-diagnostics tbody tr').length > 0);
    assert.deepEqual(await diagnosticRows(page), [['error', 'article.title', '/article/title', 'the article has no title']]);
    assert.equal(await page.locator('.et-status').textContent(), 'The feed cannot be shown: see the diagnostics.');
    assert.equal(await page.locator('.et-codes').isVisible(), false);
    await page.screenshot({ path: saveArtifact('embed-tool-broken.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the embed code /oembed hands out shows the card at first paint, without JavaScript too, and moves nothing (CLS <= 0.01)', async () => {
  const api = `${env.server.origin}${feedPath}`;
  const oembed = await (await fetch(`${env.server.origin}/oembed?format=json&maxwidth=380&url=${encodeURIComponent(api)}`)).json();
  const partner = `<!doctype html><html lang="en"><title>t</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>body{margin:0 auto;max-width:380px;padding:0 16px;font:16px/1.5 serif}</style>
    <h1>A partner's story</h1><p>Intro paragraph.</p>
    ${oembed.html}
    ${'<p>Paragraph below the widget, in view when the page opens.</p>'.repeat(20)}`;
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(env.browser, { viewport: { width: 412, height: 823 }, javaScriptEnabled });
    if (javaScriptEnabled) await page.addInitScript(recordShifts);
    await routeHtml(page, env.server.origin + '/test/oembed.html', partner);
    await page.goto(env.server.origin + '/test/oembed.html');
    const card = page.locator('news-widget .nw-card');
    await card.waitFor();
    assert.ok(await card.isVisible(), `the card is on screen (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
    if (javaScriptEnabled) {
      await settled(page);
      await page.waitForTimeout(300);  // the last frame's shifts are reported
      const value = await cls(page);
      assert.ok(value <= 0.01, `CLS ${value}`);
      assert.equal(await page.evaluate(() => document.querySelector('news-widget').classList.contains('news-widget--rendered')), true);
    }
    await page.context().close();
  }
});

test('the embed code of a tall card lays out its top in the first frame and the rest in the next, holding the viewport\'s height, with no script', async () => {
  const api = `${env.server.origin}${feedPath}`;
  const oembed = await (await fetch(`${env.server.origin}/oembed?format=json&maxwidth=380&url=${encodeURIComponent(api)}`)).json();
  assert.match(oembed.html, /<div class="nw-mount nw-tall" part="container">/);
  const frames = [];
  for (const height of [823, 1200]) {
    const page = await newPage(env.browser, { viewport: { width: 412, height } });
    // Only the server's markup and the stylesheet: the loader never arrives.
    await page.route('**/widget/news-widget.js', (route) => route.abort());
    await page.addInitScript(recordShifts);
    await page.addInitScript(() => {
      window.nwFrames = [];
      const look = () => {
        const root = document.querySelector('news-widget')?.shadowRoot;
        const rest = root?.querySelector('.nw-body > p + p');
        if (!rest || !root.querySelector('.nw-card').getBoundingClientRect().height) return requestAnimationFrame(look);
        window.nwFrames.push({ rest: getComputedStyle(rest).display, related: getComputedStyle(root.querySelector('.nw-related')).display,
          mount: Math.round(root.querySelector('.nw-mount').getBoundingClientRect().height) });
        if (window.nwFrames.length < 3) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await routeHtml(page, env.server.origin + '/test/tall.html', `<!doctype html><html lang="en"><title>t</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>body{margin:0 auto;max-width:380px;padding:0 16px;font:16px/1.5 serif}</style>
      <h1>A partner's story</h1>${oembed.html}${'<p>Paragraph below the widget.</p>'.repeat(20)}`);
    await page.goto(env.server.origin + '/test/tall.html');
    await page.waitForFunction(() => window.nwFrames.length === 3);
    await page.waitForTimeout(300);  // the last frame's shifts are reported
    frames.push({ height, frames: await page.evaluate(() => window.nwFrames), cls: await cls(page) });
    await page.context().close();
  }
  const [short, tall] = frames;
  const whole = short.frames[2].mount;
  assert.ok(whole > 1334, JSON.stringify(short));
  // Up to 1,000 px high: the top, holding the viewport's height, then the whole card.
  assert.deepEqual(short.frames.map((f) => [f.rest, f.related]), [['none', 'none'], ['block', 'block'], ['block', 'block']], JSON.stringify(short));
  assert.equal(short.frames[0].mount, 823);
  assert.equal(short.frames[1].mount, whole);
  assert.equal(short.cls, 0);
  // Taller: the card's end might be in view, so it is laid out at once.
  assert.deepEqual(tall.frames.map((f) => [f.rest, f.related, f.mount]), [['block', 'block', whole], ['block', 'block', whole], ['block', 'block', whole]]);
  assert.equal(tall.cls, 0);
});
