// The partner-analytics events in headless Chromium: news-widget:impression
// (viewable: half the card in view for one continuous second on a visible
// page) and news-widget:click (which link, without holding up navigation).
// The page's timers run on Playwright's fake clock, so "one second" is
// exact and no assertion depends on how fast the machine is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, useServerAndBrowser, routeHtml, settled, fixture } from './harness.mjs';

const env = useServerAndBrowser(before, after);
const feedPath = '/api/articles/north-korea-10000-soldiers';

// A widget 3000 px down a page 900 px high, between two spacers.
const farPage = `<!doctype html><html lang="en"><title>t</title>
  <style>body{margin:0} .gap{height:3000px}</style>
  <script async src="/widget/news-widget.js"></script>
  <div class="gap"></div>
  <news-widget src="${feedPath}" layout="narrow" max-related="2" style="width:400px"></news-widget>
  <div class="gap"></div>`;

// Counts the page's impression events in window.impressions, and marks in
// window.viewSteps each time a second observer (with the loader's
// thresholds) has seen the widget's visibility change, so the test knows the
// loader's observer has been told too (both are notified in the same
// rendering step).
async function openFarPage(page) {
  await page.clock.install();
  await page.addInitScript(() => {
    window.impressions = [];
    window.viewSteps = 0;
    document.addEventListener('news-widget:impression', (e) => window.impressions.push(e.target.tagName));
    document.addEventListener('DOMContentLoaded', () => {
      new IntersectionObserver(() => { window.viewSteps++; }, { threshold: [0, 0.3, 0.5, 1] })
        .observe(document.querySelector('news-widget'));
    });
  });
  await routeHtml(page, env.server.origin + '/test/far.html', farPage);
  await page.goto(env.server.origin + '/test/far.html');
  // Near enough to load (within 600 px below the viewport), not yet in view.
  await page.evaluate(() => window.scrollTo(0, 3000 - 900 - 300));
  await settled(page);
  // From here on, the page's time moves only when the test says so (a few
  // seconds ahead: pauseAt cannot go back, and the page's clock runs on
  // until it is paused; no timer of the widget's is pending).
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 5000));
}

// Scrolls so the widget is in view (or not) and waits until the observers
// have been told.
async function scrollTo(page, y) {
  const steps = await page.evaluate(() => window.viewSteps);
  await page.evaluate((top) => window.scrollTo(0, top), y);
  await page.waitForFunction((n) => window.viewSteps > n, steps);
}
const inView = 3000 - 100;  // the widget's top 100 px below the viewport's
const outOfView = 0;

test('scrolling the card in and out before a second has passed is no impression; a second in view is one', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await openFarPage(page);
  assert.equal(await page.evaluate(() => document.visibilityState), 'visible');
  for (let i = 0; i < 3; i++) {
    await scrollTo(page, inView);
    await page.clock.runFor(900);
    await scrollTo(page, outOfView);
  }
  await page.clock.runFor(5000);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);

  await scrollTo(page, inView);
  await page.clock.runFor(999);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);
  await page.clock.runFor(1);
  assert.deepEqual(await page.evaluate(() => window.impressions), ['NEWS-WIDGET']);

  // Once per widget: leaving and coming back for longer changes nothing.
  await scrollTo(page, outOfView);
  await scrollTo(page, inView);
  await page.clock.runFor(5000);
  assert.deepEqual(await page.evaluate(() => window.impressions), ['NEWS-WIDGET']);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a card replaced by the error notice before its second in view is no impression', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await openFarPage(page);
  await scrollTo(page, inView);
  await page.clock.runFor(500);
  // A new src that fails: the notice takes the card's place, in view.
  await page.evaluate(() => document.querySelector('news-widget').setAttribute('src', '/api/articles/no-such-article'));
  const failed = () => page.evaluate(() => document.querySelector('news-widget').classList.contains('news-widget--error'));
  for (let i = 0; i < 100 && !(await failed()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(await failed(), 'the widget shows its error state');
  await page.clock.runFor(5000);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);
  await page.context().close();
});

// Headless Chromium 156 reports every page as visible, a background tab
// and a minimised window included (checked with a second tab in front, with
// Browser.setWindowBounds minimized and with Target.createTarget): so the
// page's visibility is switched here as a browser switches it, through
// document.visibilityState and the visibilitychange event.
async function setVisibility(page, state) {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

test('a card in view on a hidden page (a background tab) is no impression until the page is shown', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await openFarPage(page);
  await setVisibility(page, 'hidden');
  await scrollTo(page, inView);
  await page.clock.runFor(5000);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);

  // Shown for half a second, hidden again: the second starts over.
  await setVisibility(page, 'visible');
  await page.clock.runFor(500);
  await setVisibility(page, 'hidden');
  await page.clock.runFor(5000);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);

  await setVisibility(page, 'visible');
  await page.clock.runFor(999);
  assert.deepEqual(await page.evaluate(() => window.impressions), []);
  await page.clock.runFor(1);
  assert.deepEqual(await page.evaluate(() => window.impressions), ['NEWS-WIDGET']);
  await page.context().close();
});

test('clicks on the article and related links fire news-widget:click and still navigate', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await page.addInitScript(() => {
    document.addEventListener('news-widget:click', (e) => {
      // Kept across the navigation that follows.
      const seen = JSON.parse(sessionStorage.getItem('clicks') || '[]');
      seen.push(e.detail);
      sessionStorage.setItem('clicks', JSON.stringify(seen));
    });
  });
  // The links point to the publisher's site: answered here, on the same
  // origin, so the navigation can be observed.
  const feed = structuredClone(fixture);
  feed.article.url = env.server.origin + '/test/story.html';
  feed.related = feed.related.slice(0, 3).map((r, i) => ({ ...r, url: `${env.server.origin}/test/related-${i}.html` }));
  await page.route(env.server.origin + '/test/feed.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) }));
  await page.route(/\/test\/(story|related-\d)\.html$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>landed</title>' }));
  const widgetPage = env.server.origin + '/test/click.html';
  await routeHtml(page, widgetPage, `<!doctype html><html lang="en"><title>t</title>
    <script async src="/widget/news-widget.js"></script>
    <news-widget src="/test/feed.json" layout="narrow"><a class="fb" href="/test/story.html">Fallback</a></news-widget>`);

  const clickAndLand = async (selector, landing) => {
    await page.goto(widgetPage);
    await settled(page);
    await Promise.all([page.waitForURL(landing), page.locator(`news-widget ${selector}`).click()]);
  };
  await clickAndLand('a.nw-title-link', feed.article.url);
  await clickAndLand('.nw-related-item:nth-child(3) a.nw-related-title', feed.related[2].url);
  await clickAndLand('.nw-related-item:nth-child(1) a.nw-related-title', feed.related[0].url);
  assert.deepEqual(await page.evaluate(() => JSON.parse(sessionStorage.getItem('clicks'))), [
    { kind: 'article', index: 0, url: feed.article.url },
    { kind: 'related', index: 2, url: feed.related[2].url },
    { kind: 'related', index: 0, url: feed.related[0].url },
  ]);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
