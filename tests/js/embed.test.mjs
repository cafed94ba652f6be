// The embed codes partners paste, in headless Chromium: what they reserve
// and how far they move the page around them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, useServerAndBrowser, routeHtml, settled } from './harness.mjs';

const env = useServerAndBrowser(before, after);
const feedPath = '/api/articles/north-korea-10000-soldiers';

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
