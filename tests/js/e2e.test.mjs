// Browser end-to-end tests: the demo partner page and the embed's contract in
// real headless Chromium against the native server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fixture, newPage, repoRoot, useServerAndBrowser, routeHtml, saveArtifact, settled } from './harness.mjs';

const env = useServerAndBrowser(before, after, (code) => assert.equal(code, 0, 'the server stops cleanly on SIGINT'));

// Text of the elements matching `selector` inside the widget's shadow root.
function shadowTexts(page, selector, host = 'news-widget') {
  return page.evaluate(([h, s]) => {
    const el = document.querySelector(h);
    return [...el.shadowRoot.querySelectorAll(s)].map((n) => n.textContent);
  }, [host, selector]);
}

test('the demo page shows the whole article card and the 20 related stories', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const events = [];
  await page.exposeFunction('recordEvent', (e) => events.push(e));
  await page.addInitScript(() => {
    document.addEventListener('news-widget:rendered', (e) => window.recordEvent({ type: e.type, layout: e.detail.layout, diagnostics: e.detail.diagnostics.length }));
    document.addEventListener('news-widget:error', (e) => window.recordEvent({ type: e.type, message: e.detail.message }));
  });
  await page.goto(env.server.origin + '/');
  await settled(page);
  const card = page.locator('news-widget .nw-card');
  assert.equal(await card.count(), 1);
  assert.ok(await card.isVisible());

  const a = fixture.article;
  const visibleText = async (selector) => {
    const loc = page.locator(`news-widget ${selector}`).first();
    assert.ok(await loc.isVisible(), `${selector} is visible`);
    return (await loc.textContent()).trim();
  };
  assert.equal(await visibleText('.nw-title'), a.title);
  assert.equal(await visibleText('.nw-lead'), a.lead);
  assert.equal(await visibleText('.nw-updated'), 'Updated: 28 October 2024, 16:40');
  assert.equal(await visibleText('.nw-published'), 'Published: 28 October 2024');
  assert.equal(await visibleText('.nw-credit'), 'Photo: KCNA/Korea News Service via AP/TT');
  assert.equal(await visibleText('.nw-byline'), 'By TT');
  assert.equal(await visibleText('.nw-note'), 'This article has been altered and translated by Sweden Herald');
  assert.equal(await visibleText('.nw-meta .nw-readtime'), '1 MIN READ');
  assert.equal(await visibleText('.nw-related-heading'), 'More news');
  assert.deepEqual(await shadowTexts(page, '.nw-body p'), a.body);
  assert.deepEqual(await shadowTexts(page, '.nw-tag'), a.tags);
  assert.equal(await page.locator('news-widget time[datetime="2024-10-28T16:40:00+01:00"]').count(), 1);

  // The photo loaded, in a rendition at least as wide as its column, with
  // its real proportions and alt text.
  const img = await page.evaluate(() => {
    const el = document.querySelector('news-widget').shadowRoot.querySelector('.nw-image');
    return { alt: el.alt, src: el.currentSrc, w: el.naturalWidth, h: el.naturalHeight, complete: el.complete,
      shown: Math.round(el.getBoundingClientRect().width) };
  });
  assert.equal(img.alt, a.image.alt);
  assert.ok(img.complete && img.w > 0, JSON.stringify(img));
  // (Scaled to the density sizes= gives it: within a pixel of the 16:9 original.)
  assert.ok(Math.abs(img.w * 675 / 1200 - img.h) <= 1, JSON.stringify(img));
  const rendition = a.image.renditions.find((r) => img.src.endsWith(r.url));
  assert.ok(rendition && rendition.width >= img.shown, JSON.stringify(img));

  // All 20 related stories: title as a link, and its reading time.
  const related = await page.evaluate(() =>
    [...document.querySelector('news-widget').shadowRoot.querySelectorAll('.nw-related-item')].map((li) => ({
      title: li.querySelector('a.nw-related-title').textContent,
      href: li.querySelector('a.nw-related-title').href,
      time: li.querySelector('.nw-readtime').textContent,
      visible: li.getBoundingClientRect().height > 0,
    })));
  assert.equal(related.length, 20);
  related.forEach((r, i) => {
    assert.equal(r.title, fixture.related[i].title);
    assert.equal(r.href, fixture.related[i].url);
    assert.equal(r.time, `${fixture.related[i].minutes} MIN READ`);
    assert.ok(r.visible);
  });

  // The partner's fallback content is replaced, not shown beside the card.
  assert.equal(await page.locator('news-widget .news-widget-fallback').isVisible(), false);
  assert.deepEqual(events, [{ type: 'news-widget:rendered', layout: 'wide', diagnostics: 0 }]);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
  await page.screenshot({ path: saveArtifact('demo-1280.png'), fullPage: true });
  await page.context().close();
});

// Each part's own spacing, as the stylesheet's rule for its class declares
// it, is what the browser computes for it: no broader rule (such as the reset
// of the browser's margins) wins over it. Read from the stylesheet the card
// adopted (the staged, minified one), at 390 and 1280 px.
test('the spacing each part\'s class sets is the spacing it gets', async () => {
  for (const width of [390, 1280]) {
    const page = await newPage(env.browser, { viewport: { width, height: 900 } });
    await page.goto(env.server.origin + '/');
    await settled(page);
    const checked = await page.evaluate(() => {
      const root = document.querySelector('news-widget').shadowRoot;
      const sides = ['margin-top', 'margin-bottom', 'padding-top', 'padding-bottom'];
      const out = [];
      for (const sheet of [...root.adoptedStyleSheets, ...root.styleSheets]) {
        for (const rule of sheet.cssRules) {
          if (!(rule instanceof CSSStyleRule)) continue;  // not those inside @container or @media
          for (const selector of rule.selectorText.split(',').map((x) => x.trim()).filter((x) => /^\.nw-[a-z-]+$/.test(x))) {
            const el = root.querySelector(selector);
            if (!el) continue;
            for (const side of sides) {
              const declared = rule.style.getPropertyValue(side);
              if (/^\d+(\.\d+)?px$/.test(declared)) out.push({ selector, side, declared, computed: getComputedStyle(el).getPropertyValue(side) });
            }
          }
        }
      }
      return out;
    });
    // The lead's, the meta line's and the photo's space, the footer's lines, the related heading's rule.
    for (const [selector, side] of [['.nw-lead', 'margin-top'], ['.nw-meta', 'margin-top'], ['.nw-figure', 'margin-top'],
      ['.nw-note', 'margin-top'], ['.nw-source', 'margin-top'], ['.nw-related-heading', 'padding-bottom']]) {
      assert.ok(checked.some((c) => c.selector === selector && c.side === side), `${selector} ${side} is checked at ${width} px`);
    }
    for (const c of checked) assert.equal(c.computed, c.declared, `${c.selector} ${c.side} at ${width} px`);
    await page.context().close();
  }
});

test('the card lays out for the container width, and again when it changes', async () => {
  const page = await newPage(env.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(env.server.origin + '/');
  await settled(page);
  assert.equal(await page.locator('news-widget .nw-card').getAttribute('data-layout'), 'narrow');
  assert.equal(await page.locator('news-widget .nw-related-item').count(), 5);
  await page.screenshot({ path: saveArtifact('demo-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() =>
    document.querySelector('news-widget').shadowRoot.querySelector('.nw-card')?.dataset.layout === 'wide');
  assert.equal(await page.locator('news-widget .nw-related-item').count(), 20);
  // layout="auto" is the default written out: the card still follows the width.
  await page.evaluate(() => document.querySelector('news-widget').setAttribute('layout', 'auto'));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() =>
    document.querySelector('news-widget').shadowRoot.querySelector('.nw-card')?.dataset.layout === 'narrow');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('several widgets share one wasm download, and the script may be included twice', async () => {
  const page = await newPage(env.browser);
  const wasmRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(r.url()); });
  await routeHtml(page, env.server.origin + '/test/multi.html', `<!doctype html><html lang="en"><title>t</title>
    <script async src="/widget/news-widget.js"></script>
    <script src="/widget/news-widget.js"></script>
    <news-widget src="/api/articles/north-korea-10000-soldiers" layout="narrow"></news-widget>
    <news-widget src="/api/articles/north-korea-10000-soldiers" theme="dark" max-related="3"></news-widget>
    <news-widget src="/api/articles/north-korea-10000-soldiers" locale="sv-SE"></news-widget>`);
  await page.goto(env.server.origin + '/test/multi.html');
  await settled(page, 3);
  const states = await page.evaluate(() => [...document.querySelectorAll('news-widget')].map((el) => ({
    rendered: el.classList.contains('news-widget--rendered'),
    cls: el.shadowRoot.querySelector('.nw-card').className,
    related: el.shadowRoot.querySelectorAll('.nw-related-item').length,
    heading: el.shadowRoot.querySelector('.nw-related-heading').textContent,
  })));
  assert.equal(states.length, 3);
  assert.ok(states.every((s) => s.rendered));
  assert.match(states[0].cls, /nw-card--narrow/);
  assert.match(states[1].cls, /nw-theme-dark/);
  assert.equal(states[1].related, 3);
  assert.equal(states[2].heading, 'Fler nyheter');
  assert.equal(wasmRequests.length, 1);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('el.data and NewsWidget.render take a feed the host already has', async () => {
  const page = await newPage(env.browser);
  await routeHtml(page, env.server.origin + '/test/data.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="a"></news-widget><div id="box"></div>`);
  await page.goto(env.server.origin + '/test/data.html');
  const feed = { ...fixture, article: { ...fixture.article, title: 'Handed over as an object' } };
  await page.evaluate((f) => {
    document.getElementById('a').data = f;
    window.NewsWidget.render(document.getElementById('box'), JSON.stringify({ ...f, article: { ...f.article, title: 'Handed over as text' } }), { 'max-related': '2' });
  }, feed);
  await settled(page, 2);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('news-widget')].map((el) =>
    el.shadowRoot.querySelector('.nw-title').textContent)), ['Handed over as an object', 'Handed over as text']);
  assert.equal(await page.locator('#box news-widget .nw-related-item').count(), 2);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('bad input shows the error state, keeps the fallback and fires news-widget:error', async () => {
  const page = await newPage(env.browser);
  await page.route('**/api/test/500', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
  await page.route('**/api/test/html', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<h1>hi</h1>' }));
  await page.route('**/api/test/truncated', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fixture).slice(0, 300) }));
  await page.route('**/api/test/no-title', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"version":1,"article":{"lead":"x"}}' }));
  await routeHtml(page, env.server.origin + '/test/errors.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="missing" src="/api/articles/no-such-article"><p class="fb">Fallback 1</p></news-widget>
    <news-widget id="e500" src="/api/test/500"><p class="fb">Fallback 2</p></news-widget>
    <news-widget id="html" src="/api/test/html"><p class="fb">Fallback 3</p></news-widget>
    <news-widget id="truncated" src="/api/test/truncated"><p class="fb">Fallback 4</p></news-widget>
    <news-widget id="notitle" src="/api/test/no-title"><p class="fb">Fallback 5</p></news-widget>
    <news-widget id="unreachable" src="http://127.0.0.1:9/feed.json"><p class="fb">Fallback 6</p></news-widget>
    <news-widget id="baddata"><p class="fb">Fallback 7</p></news-widget>
    <news-widget id="badsrc" src="http://[::1"><p class="fb">Fallback 8</p></news-widget>
    <button id="still-works">ok</button>`);
  await page.addInitScript(() => {
    window.errors = {};
    document.addEventListener('news-widget:error', (e) => { window.errors[e.target.id] = e.detail; });
  });
  await page.goto(env.server.origin + '/test/errors.html');
  await page.evaluate(() => { document.getElementById('baddata').data = '{"version":1,'; });
  await settled(page, 8);
  const errors = await page.evaluate(() => window.errors);
  assert.deepEqual(Object.keys(errors).sort(), ['baddata', 'badsrc', 'e500', 'html', 'missing', 'notitle', 'truncated', 'unreachable']);
  assert.equal(errors.missing.status, 404);
  assert.match(errors.missing.message, /HTTP 404/);
  assert.match(errors.e500.message, /HTTP 500/);
  assert.match(errors.html.message, /text\/html, not JSON/);
  assert.equal(errors.truncated.stage, 'feed');
  assert.match(errors.truncated.message, /not valid JSON: unexpected end of input at byte 300/);
  assert.equal(errors.notitle.message, '/article/title: the article has no title');
  assert.equal(errors.notitle.diagnostics[0].id, 'article.title');
  assert.match(errors.unreachable.message, /could not be reached/);
  assert.match(errors.baddata.message, /not valid JSON/);
  assert.equal(errors.badsrc.message, 'the src attribute is not a URL');
  // Each shows the notice and the partner's own fallback content.
  for (let i = 1; i <= 8; i++) {
    assert.ok(await page.getByText(`Fallback ${i}`).isVisible(), `fallback ${i} visible`);
  }
  assert.equal(await page.locator('news-widget .nw-error').count(), 8);
  await page.click('#still-works');
  assert.deepEqual(page.pageErrors, []);
  await page.screenshot({ path: saveArtifact('error-states.png'), fullPage: true });
  await page.context().close();
});

test('a widget far below the fold loads nothing until it scrolls near', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1024, height: 768 } });
  const feedRequests = [];
  page.on('request', (r) => { if (r.url().includes('/api/articles/')) feedRequests.push(r.url()); });
  await routeHtml(page, env.server.origin + '/test/lazy.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <div style="height:5000px">spacer</div>
    <news-widget id="far" src="/api/articles/north-korea-10000-soldiers"></news-widget>`);
  await page.goto(env.server.origin + '/test/lazy.html');
  await page.waitForTimeout(300); // give an eager widget ample time to start a fetch
  assert.equal(feedRequests.length, 0);
  await page.evaluate(() => document.getElementById('far').scrollIntoView());
  await settled(page);
  assert.equal(feedRequests.length, 1);
  assert.equal(await page.locator('#far .nw-card').count(), 1);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

// Cumulative layout shift (PerformanceObserver "layout-shift") from navigation
// until the widget has rendered and the page has been still for two frames.
async function measureCls(page, url) {
  await page.addInitScript(() => {
    window.layoutShift = { total: 0, sources: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.layoutShift.total += e.value;
        window.layoutShift.sources.push(e.sources.map((s) => s.node?.nodeName).join(','));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('news-widget')?.classList.contains('news-widget--rendered'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => window.layoutShift);
}

test('the pre-rendered demo page shows the card at first paint and shifts nothing', async () => {
  const results = {};
  for (const [w, h] of [[1280, 900], [390, 844]]) {
    const page = await newPage(env.browser, { viewport: { width: w, height: h } });
    // The card is in the HTML itself: present before any script runs.
    await page.route('**/widget/news-widget.js', (route) => route.abort());
    await page.goto(env.server.origin + '/');
    assert.equal(await page.locator('news-widget .nw-title').textContent(), fixture.article.title);
    assert.equal(await page.locator('news-widget .news-widget-fallback').isVisible(), false);
    await page.unroute('**/widget/news-widget.js');
    const cls = await measureCls(page, env.server.origin + '/');
    results[`${w}x${h}`] = cls.total;
    assert.ok(cls.total <= 0.01, `CLS ${cls.total} at ${w}px (${cls.sources})`);
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  }
  console.log('CLS on the pre-rendered demo page:', JSON.stringify(results));
});

// The demo page's card is rendered ahead of time for a 760 px column. On a
// phone its photo must still come in the rendition the phone needs, never
// the one the column alone would ask for: at 412 px and 1.75 device pixels
// per CSS pixel (721 px) the 800 px one, not the 1,200 px one; at 412 px and
// 1 (412 px) the 480 px one, not the 800 px one.
test('a pre-rendered card\'s photo comes in the rendition the reader\'s screen needs', async () => {
  const photos = fixture.article.image.renditions;
  const fetched = {};
  for (const [w, dpr] of [[412, 1.75], [412, 1], [1280, 1]]) {
    const page = await newPage(env.browser, { viewport: { width: w, height: 900 }, deviceScaleFactor: dpr });
    const requested = [];
    page.on('request', (r) => { if (r.url().includes('/demo/images/')) requested.push(new URL(r.url()).pathname); });
    await page.goto(env.server.origin + '/');
    await settled(page);
    await page.evaluate(() => Promise.all([...document.querySelector('news-widget').shadowRoot.querySelectorAll('img')].map((i) => i.decode())));
    fetched[`${w}@${dpr}`] = [...new Set(requested)];
    await page.context().close();
  }
  const byWidth = (px) => photos.find((r) => r.width === px).url;
  assert.deepEqual(fetched, { '412@1.75': [byWidth(800)], '412@1': [byWidth(480)], '1280@1': [byWidth(800)] });
});

test('the script-only demo page renders the card from the feed', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const cls = await measureCls(page, env.server.origin + '/demo/script-only.html');
  assert.equal(await page.locator('news-widget .nw-related-item').count(), 20);
  assert.equal(await page.locator('news-widget .nw-title').textContent(), fixture.article.title);
  console.log('CLS on the script-only demo page:', cls.total.toFixed(4));
  assert.deepEqual(page.pageErrors, []);
  await page.screenshot({ path: saveArtifact('script-only-1280.png') });
  await page.context().close();
});

// The widget's own requests on a page (its assets and the feed), as paths
// with the content hash written as HASH; and, when a widget renders, whether
// its stylesheet is already in force (the host's `contain` comes from it) and
// how it got there.
async function recordWidgetLoad(page) {
  const requests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === env.server.origin && /^\/(widget|api)\//.test(url.pathname)) {
      requests.push(url.pathname.replace(/\.[0-9a-f]{10}\./, '.HASH.'));
    }
  });
  const styledAtRender = [];
  await page.exposeFunction('recordStyled', (s) => styledAtRender.push(s));
  await page.addInitScript(() => document.addEventListener('news-widget:rendered', (e) => window.recordStyled({
    contain: getComputedStyle(e.target).contain,
    adopted: e.target.shadowRoot.adoptedStyleSheets ? e.target.shadowRoot.adoptedStyleSheets.length : 0,
    links: e.target.shadowRoot.querySelectorAll('link[rel="stylesheet"]').length,
  })));
  return { requests, styledAtRender };
}

const scriptOnlyEmbed = `<!doctype html><html lang="en"><title>t</title>
  <script src="/widget/news-widget.js"></script>
  <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>`;

test('a script-only embed fetches the loader, the core and the feed: the styles come inside the loader', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const load = await recordWidgetLoad(page);
  await page.goto(env.server.origin + '/demo/script-only.html');
  await settled(page);
  assert.deepEqual(load.requests.slice().sort(),
    ['/api/articles/north-korea-10000-soldiers', '/widget/news-widget-v1.HASH.wasm', '/widget/news-widget.js']);
  // Styled by the one constructable sheet from the first render on.
  assert.deepEqual(load.styledAtRender, [{ contain: 'content', adopted: 1, links: 0 }]);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The feed's Cache-Control (native/responses.hpp, cache_shared) lets a
// browser show its copy while it revalidates: the loader (five minutes),
// the core (content-hashed, a year) and the feed all come from the cache on
// a second visit, and the feed is asked for again behind the card.
test('a reader who comes back gets the card from the browser\'s cache, and the feed revalidates behind it', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  let feedRequests = 0;
  page.context().on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) feedRequests += 1; });
  const transfers = async (p) => {
    await settled(p);
    return p.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\/(widget|api)\//.test(e.name))
      .map((e) => [new URL(e.name).pathname.replace(/\.[0-9a-f]{10}\./, '.HASH.'), e.transferSize > 0])
      .sort());
  };
  await page.goto(env.server.origin + '/demo/script-only.html');
  const first = await transfers(page);
  const again = await page.context().newPage();
  const againErrors = [];
  again.on('pageerror', (err) => againErrors.push(String(err)));
  await again.goto(env.server.origin + '/demo/script-only.html');
  const second = await transfers(again);
  const assets = ['/api/articles/north-korea-10000-soldiers', '/widget/news-widget-v1.HASH.wasm', '/widget/news-widget.js'];
  assert.deepEqual(first, assets.map((a) => [a, true]), 'the first visit downloads all three');
  assert.deepEqual(second, assets.map((a) => [a, false]), 'the second takes all three from the cache');
  assert.equal(await again.locator('news-widget .nw-title').textContent(), fixture.article.title);
  // The revalidation: the second visit's feed request, answered from the cache, and one to the server.
  for (let i = 0; i < 50 && feedRequests < 3; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(feedRequests, 3, 'the cached feed is revalidated once behind the card');
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(againErrors, []);
  await page.context().close();
});

test('the unbuilt loader fetches the stylesheet; without constructable stylesheets it links it', async () => {
  // Straight from web/: the placeholder for the stylesheet's text is not
  // filled in, so the loader fetches the stylesheet (and the core) by their
  // stable names.
  let page = await newPage(env.browser);
  let load = await recordWidgetLoad(page);
  await page.route(env.server.origin + '/widget/news-widget.js', (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', path: path.join(repoRoot, 'web/widget/news-widget.js') }));
  await routeHtml(page, env.server.origin + '/test/unbuilt.html', scriptOnlyEmbed);
  await page.goto(env.server.origin + '/test/unbuilt.html');
  await settled(page);
  assert.deepEqual(load.requests.slice().sort(), ['/api/articles/north-korea-10000-soldiers',
    '/widget/news-widget-v1.wasm', '/widget/news-widget.css', '/widget/news-widget.js']);
  assert.deepEqual(load.styledAtRender, [{ contain: 'content', adopted: 1, links: 0 }]);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();

  // A browser without adoptedStyleSheets: the built loader puts a <link> to
  // the hashed stylesheet in the shadow root.
  page = await newPage(env.browser);
  load = await recordWidgetLoad(page);
  await page.addInitScript(() => {
    delete Document.prototype.adoptedStyleSheets;
    delete ShadowRoot.prototype.adoptedStyleSheets;
  });
  await routeHtml(page, env.server.origin + '/test/no-adopt.html', scriptOnlyEmbed);
  await page.goto(env.server.origin + '/test/no-adopt.html');
  await settled(page);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('news-widget')).contain === 'content');
  assert.deepEqual(load.requests.slice().sort(), ['/api/articles/north-korea-10000-soldiers',
    '/widget/news-widget-v1.HASH.wasm', '/widget/news-widget.HASH.css', '/widget/news-widget.js']);
  // The card may render again when the linked sheet's width rules arrive.
  assert.ok(load.styledAtRender.length >= 1);
  assert.ok(load.styledAtRender.every((s) => s.links === 1 && s.adopted === 0), JSON.stringify(load.styledAtRender));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a pre-rendered card stays when WebAssembly is blocked, and the error says so', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.route(env.server.origin + '/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': "script-src 'self'" },
    });
  });
  const errors = [];
  await page.exposeFunction('recordError', (d) => errors.push(d));
  await page.addInitScript(() => document.addEventListener('news-widget:error', (e) => window.recordError(e.detail)));
  await page.goto(env.server.origin + '/');
  await page.waitForFunction(() => window.recordError && document.querySelector('news-widget').getAttribute('aria-busy') === null);
  await page.waitForTimeout(100);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].stage, 'csp');
  assert.equal(errors[0].prerendered, true);
  assert.equal(await page.locator('news-widget .nw-related-item').count(), 20);
  assert.ok(await page.locator('news-widget .nw-title').isVisible());
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('hostile page CSS leaves the card exactly as it is', async () => {
  const hostile = `* { all: unset !important; }
    html { font-size: 60px !important; }
    body { font: 40px/3 cursive !important; color: red !important; letter-spacing: 5px !important;
           text-transform: uppercase !important; word-spacing: 30px !important; direction: rtl !important;
           visibility: visible; cursor: wait !important; text-align: right !important; }
    div { display: none !important; }
    img { display: none !important; }
    p, span, a, h1, h2, h3, li, article, nav, section { font-size: 80px !important; color: lime !important;
           background: black !important; border: 5px solid red !important; }
    ::part(card) { }`;
  const shots = {};
  const geometry = {};
  for (const [name, css] of [['plain', 'body { margin: 0 }'], ['hostile', hostile]]) {
    const page = await newPage(env.browser, { viewport: { width: 1024, height: 800 } });
    // (No <title> text: "all: unset" would show it above the widget and move the
    // widget by a fraction of a pixel, which alone changes anti-aliasing.)
    await routeHtml(page, `${env.server.origin}/test/css-${name}.html`, `<!doctype html><html lang="en"><title></title>
      <link rel="stylesheet" href="/test/${name}.css">
      <script src="/widget/news-widget.js"></script>
      <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>`);
    await page.route(`${env.server.origin}/test/${name}.css`, (r) => r.fulfill({ status: 200, contentType: 'text/css', body: css }));
    await page.goto(`${env.server.origin}/test/css-${name}.html`);
    await settled(page);
    // Every image fully decoded, so both screenshots show the same pixels.
    await page.evaluate(() => Promise.all([...document.querySelector('news-widget').shadowRoot.querySelectorAll('img')].map((i) => i.decode())));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    shots[name] = await page.locator('news-widget').screenshot({ path: saveArtifact(`css-${name}.png`) });
    // The box of every element in the card, relative to the widget.
    geometry[name] = await page.evaluate(() => {
      const host = document.querySelector('news-widget');
      const origin = host.getBoundingClientRect();
      return [...host.shadowRoot.querySelectorAll('*')].map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.className} ${r.x - origin.x},${r.y - origin.y} ${r.width}x${r.height}`;
      });
    });
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  }
  assert.ok(shots.plain.length > 10000);
  assert.ok(geometry.plain.length > 100);
  assert.deepEqual(geometry.hostile, geometry.plain);
  assert.ok(shots.plain.equals(shots.hostile), 'the card looks the same under hostile page CSS (see test-artifacts/css-*.png)');
});

test('partners restyle through custom properties and ::part()', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1024, height: 800 } });
  await routeHtml(page, `${env.server.origin}/test/theme.html`, `<!doctype html><html lang="en"><title>t</title>
    <link rel="stylesheet" href="/test/theme.css">
    <script src="/widget/news-widget.js"></script>
    <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>`);
  await page.route(`${env.server.origin}/test/theme.css`, (r) => r.fulfill({ status: 200, contentType: 'text/css',
    body: 'news-widget { --nw-color-accent: rgb(0, 90, 0); --nw-font-headline: monospace; } news-widget::part(title) { text-transform: uppercase; }' }));
  await page.goto(`${env.server.origin}/test/theme.html`);
  await settled(page);
  const styles = await page.evaluate(() => {
    const root = document.querySelector('news-widget').shadowRoot;
    return {
      section: getComputedStyle(root.querySelector('.nw-section')).color,
      headline: getComputedStyle(root.querySelector('.nw-title')).fontFamily,
      transform: getComputedStyle(root.querySelector('[part="title"]')).textTransform,
    };
  });
  assert.deepEqual(styles, { section: 'rgb(0, 90, 0)', headline: 'monospace', transform: 'uppercase' });
  await page.context().close();
});

test('right-to-left titles are isolated and do not flip the card', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1024, height: 800 } });
  await routeHtml(page, `${env.server.origin}/test/rtl.html`, `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script><news-widget id="w"></news-widget>`);
  await page.goto(`${env.server.origin}/test/rtl.html`);
  const feed = { ...fixture, article: { ...fixture.article, title: 'عنوان الخبر: 10,000 جندي' },
    related: [{ title: 'כותרת בעברית 3', url: 'https://example.com/a', minutes: 2 }, ...fixture.related.slice(1)] };
  await page.evaluate((f) => { document.getElementById('w').data = f; }, feed);
  await settled(page);
  const dirs = await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    const dir = (sel) => getComputedStyle(root.querySelector(sel)).direction;
    return { card: dir('.nw-card'), title: dir('[part="title"]'), related: dir('.nw-related-title'), lead: dir('.nw-lead'),
      bidi: getComputedStyle(root.querySelector('[part="title"]')).unicodeBidi };
  });
  assert.deepEqual(dirs, { card: 'ltr', title: 'rtl', related: 'rtl', lead: 'ltr', bidi: 'isolate' });
  await page.screenshot({ path: saveArtifact('rtl-titles.png') });
  await page.context().close();
});

test('the core estimates the card height within 15% of the real one', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => document.addEventListener('news-widget:rendered', (e) => { window.nwEstimate = e.detail.estimatedHeight; }));
  const rows = [];
  for (const width of [320, 600, 1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await routeHtml(page, `${env.server.origin}/test/height-${width}.html`, `<!doctype html><html lang="en"><title>t</title>
      <body style="margin:0"><script src="/widget/news-widget.js"></script>
      <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget></body>`);
    await page.goto(`${env.server.origin}/test/height-${width}.html`);
    await settled(page);
    const estimated = await page.evaluate(() => window.nwEstimate);
    const actual = await page.evaluate(() => document.querySelector('news-widget').getBoundingClientRect().height);
    rows.push({ width, estimated, actual: Math.round(actual) });
  }
  console.log('height estimate vs actual:', JSON.stringify(rows));
  for (const r of rows) {
    assert.ok(Math.abs(r.estimated - r.actual) / r.actual <= 0.15, JSON.stringify(r));
  }
  await page.context().close();
});

// What the loader's page records of its first card: at the rendered event
// (the card just in the DOM) and once the mount's nw-tall class is gone.
function recordFirstFrames() {
  window.nwFrames = [];
  document.addEventListener('news-widget:rendered', (e) => {
    const host = e.target;
    const root = host.shadowRoot;
    const mount = root.querySelector('.nw-mount');
    const look = () => ({
      tall: mount.classList.contains('nw-tall'),
      first: getComputedStyle(root.querySelector('.nw-body > p')).display,
      rest: getComputedStyle(root.querySelector('.nw-body > p + p')).display,
      footer: getComputedStyle(root.querySelector('.nw-footer')).display,
      related: getComputedStyle(root.querySelector('.nw-related')).display,
      hold: getComputedStyle(mount).minHeight,
      hostMinHeight: host.style.minHeight,
    });
    if (window.nwFrames.length) return;
    window.nwFrames.push(look());
    const wait = () => (mount.classList.contains('nw-tall') ? requestAnimationFrame(wait) : window.nwFrames.push(look()));
    requestAnimationFrame(wait);
  });
}

test('a tall first card lays out its top, then the rest a frame later, holding the viewport\'s height', async () => {
  const page = await newPage(env.browser, { viewport: { width: 412, height: 900 } });
  await page.addInitScript(recordFirstFrames);
  await page.addInitScript(() => {
    window.nwShifts = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.nwShifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  await routeHtml(page, `${env.server.origin}/test/later.html`, `<!doctype html><html lang="en"><title>t</title>
    <body style="margin:0"><script async src="/widget/news-widget.js"></script>
    <news-widget src="/api/articles/north-korea-10000-soldiers" height-hint="1900" style="display:block;min-height:1900px"></news-widget>
    <p>Below the widget.</p></body>`);
  await page.goto(`${env.server.origin}/test/later.html`);
  await settled(page);
  await page.waitForFunction(() => window.nwFrames.length === 2);
  const [first, then] = await page.evaluate(() => window.nwFrames);
  assert.deepEqual(first, { tall: true, first: 'block', rest: 'none', footer: 'none', related: 'none', hold: '900px', hostMinHeight: '' });
  assert.deepEqual(then, { tall: false, first: 'block', rest: 'block', footer: 'block', related: 'block', hold: '0px', hostMinHeight: '' });
  // With the embed tool's height hint, nothing below it in view moved (the
  // hint's reserve gives way to the viewport's height, then to the card,
  // all below the viewport).
  await page.waitForTimeout(200);  // the last frame's shifts are reported
  assert.equal(await page.evaluate(() => window.nwShifts), 0);
  // Hidden and shown again, the card is whole at once.
  const again = await page.evaluate(async () => {
    const host = document.querySelector('news-widget');
    host.hidden = true;
    await new Promise(requestAnimationFrame);
    host.hidden = false;
    return getComputedStyle(host.shadowRoot.querySelector('.nw-related')).display;
  });
  assert.equal(again, 'block');
  await page.context().close();
});

test('in a viewport over 1,000 px high, where the stylesheet does not split it, a tall card is not marked', async () => {
  // Its end is below this viewport, but a class the stylesheet does not act
  // on would stay on the mount (settled() would wait for it), and play the
  // two frames when the window is made smaller.
  const page = await newPage(env.browser, { viewport: { width: 412, height: 1100 } });
  await page.addInitScript(recordFirstFrames);
  await routeHtml(page, `${env.server.origin}/test/tall-view.html`, `<!doctype html><html lang="en"><title>t</title>
    <body style="margin:0"><script async src="/widget/news-widget.js"></script>
    <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget><p>Below the widget.</p></body>`);
  await page.goto(`${env.server.origin}/test/tall-view.html`);
  await settled(page);
  await page.waitForFunction(() => window.nwFrames.length === 2);
  const [first] = await page.evaluate(() => window.nwFrames);
  assert.deepEqual(first, { tall: false, first: 'block', rest: 'block', footer: 'block', related: 'block', hold: '0px', hostMinHeight: '' });
  await page.setViewportSize({ width: 412, height: 800 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('news-widget').shadowRoot.querySelector('.nw-related')).display), 'block');
  await page.context().close();
});

test('a card whose end may be in view is laid out whole at once', async () => {
  // The seed card is about 1,700 px tall at this width: with a 2,000 px
  // viewport, what follows it is in view, and the estimate's error would move it.
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 2000 } });
  await page.addInitScript(recordFirstFrames);
  await routeHtml(page, `${env.server.origin}/test/whole.html`, `<!doctype html><html lang="en"><title>t</title>
    <body style="margin:0"><script async src="/widget/news-widget.js"></script>
    <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget><p>Below the widget.</p></body>`);
  await page.goto(`${env.server.origin}/test/whole.html`);
  await settled(page);
  await page.waitForFunction(() => window.nwFrames.length === 2);
  const [first] = await page.evaluate(() => window.nwFrames);
  assert.deepEqual(first, { tall: false, first: 'block', rest: 'block', footer: 'block', related: 'block', hold: '0px', hostMinHeight: '' });
  await page.context().close();
});

test('theme="auto" follows the reader\'s colour scheme', async () => {
  const backgrounds = {};
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(env.browser, { colorScheme: scheme });
    await routeHtml(page, `${env.server.origin}/test/auto-${scheme}.html`, `<!doctype html><html lang="en"><title>t</title>
      <script src="/widget/news-widget.js"></script>
      <news-widget src="/api/articles/north-korea-10000-soldiers" theme="auto" heading-level="3"></news-widget>`);
    await page.goto(`${env.server.origin}/test/auto-${scheme}.html`);
    await settled(page);
    backgrounds[scheme] = await page.evaluate(() =>
      getComputedStyle(document.querySelector('news-widget').shadowRoot.querySelector('.nw-card')).backgroundColor);
    assert.equal(await page.locator('news-widget h3.nw-title').count(), 1);
    await page.context().close();
  }
  assert.deepEqual(backgrounds, { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 24, 28)' });
});

// Elements already on the page when the loader defines <news-widget> are set
// up in a task of their own: the task evaluating the script reads no layout
// (the near-viewport check) and attaches no shadow root. Data set in between
// sets the element up at once and replaces its src.
test('evaluating the loader neither lays out the page nor sets up the widget', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1024, height: 800 } });
  const feed = { ...fixture, article: { ...fixture.article, title: 'Set before the set-up' } };
  await routeHtml(page, `${env.server.origin}/test/upgrade.html`, `<!doctype html><html lang="en"><title>t</title>
    <news-widget id="a" src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <news-widget id="b" src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <script>
      window.layoutReads = 0;
      for (const name of ['getBoundingClientRect', 'getClientRects']) {
        const original = Element.prototype[name];
        Element.prototype[name] = function () { window.layoutReads++; return original.apply(this, arguments); };
      }
    </script>
    <script src="/widget/news-widget.js"></script>
    <script>
      window.duringLoader = { layoutReads: window.layoutReads, shadowRoots: [...document.querySelectorAll('news-widget')].filter((el) => el.shadowRoot).length };
      document.getElementById('b').data = ${JSON.stringify(JSON.stringify(feed))};
    </script>`);
  await page.addInitScript(() => {
    window.rendered = [];
    document.addEventListener('news-widget:rendered', (e) => window.rendered.push(e.target.id));
  });
  await page.goto(`${env.server.origin}/test/upgrade.html`);
  await settled(page, 2);
  await page.waitForTimeout(200); // no second "rendered" for b, from its src
  const result = await page.evaluate(() => ({
    duringLoader: window.duringLoader, rendered: window.rendered.sort(),
    titles: [...document.querySelectorAll('news-widget')].map((el) => el.shadowRoot.querySelector('.nw-title').textContent),
  }));
  assert.deepEqual(result.duringLoader, { layoutReads: 0, shadowRoots: 0 });
  assert.deepEqual(result.rendered, ['a', 'b']);
  assert.deepEqual(result.titles, [fixture.article.title, 'Set before the set-up']);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

// The default font stacks are short (each family a browser lacks costs a
// look-up while the card is laid out), and a page's own stacks still win.
test('the card uses short default font stacks, and the page can set its own', async () => {
  const page = await newPage(env.browser);
  await routeHtml(page, `${env.server.origin}/test/fonts.html`, `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="a" src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <news-widget id="b" src="/api/articles/north-korea-10000-soldiers"
      style="--nw-font-body: Verdana, sans-serif; --nw-font-headline: Palatino, serif"></news-widget>`);
  await page.goto(`${env.server.origin}/test/fonts.html`);
  await settled(page, 2);
  const fonts = await page.evaluate(() => ['a', 'b'].map((id) => {
    const root = document.getElementById(id).shadowRoot;
    return [getComputedStyle(root.querySelector('.nw-body p')).fontFamily,
      getComputedStyle(root.querySelector('.nw-title')).fontFamily];
  }));
  assert.deepEqual(fonts, [
    ['system-ui, sans-serif', 'Georgia, "Times New Roman", serif'],
    ['Verdana, sans-serif', 'Palatino, serif'],
  ]);
  await page.context().close();
});

test('news-widget:rendered names the true source and the layout, also when a moved widget renders again', async () => {
  const page = await newPage(env.browser);
  await routeHtml(page, env.server.origin + '/test/source.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="s" src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <news-widget id="d"></news-widget><div id="elsewhere"></div>`);
  await page.addInitScript(() => {
    window.renders = [];
    document.addEventListener('news-widget:rendered', (e) => {
      const card = e.target.shadowRoot.querySelector('.nw-card');
      window.renders.push({ id: e.target.id, source: e.detail.source, layout: e.detail.layout, cardLayout: card.dataset.layout });
    });
  });
  await page.goto(env.server.origin + '/test/source.html');
  await page.evaluate((f) => { document.getElementById('d').data = f; }, fixture);
  await settled(page, 2);
  await page.waitForFunction(() => window.renders.length === 2);
  // Moved elsewhere: each widget is connected again and renders the feed it holds.
  await page.evaluate(() => document.getElementById('elsewhere').append(document.getElementById('s'), document.getElementById('d')));
  await page.waitForFunction(() => window.renders.length === 4);
  const renders = await page.evaluate(() => window.renders);
  const byId = (list) => Object.fromEntries(list.map((r) => [r.id, r.source]));
  assert.deepEqual(byId(renders.slice(0, 2)), { s: 'src', d: 'data' });
  assert.deepEqual(byId(renders.slice(2)), { s: 'src', d: 'data' });
  for (const r of renders) {
    assert.ok(['narrow', 'regular', 'wide'].includes(r.layout), `layout ${r.layout}`);
    assert.equal(r.layout, r.cardLayout);
  }
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a widget moved while its feed is on the way is not an error: it loads again when near', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await routeHtml(page, env.server.origin + '/test/moved.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="w" src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <div style="height: 5000px"></div><div id="far"></div>`);
  // The feed answers slowly, so the move happens while it is in flight.
  await page.route('**/api/articles/north-korea-10000-soldiers', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.addInitScript(() => {
    window.events = [];
    for (const t of ['news-widget:rendered', 'news-widget:error']) {
      document.addEventListener(t, () => window.events.push(t));
    }
  });
  await page.goto(env.server.origin + '/test/moved.html');
  await page.waitForFunction(() => document.getElementById('w').getAttribute('aria-busy') === 'true');
  // Far below the fold: nothing loads there until it comes near.
  await page.evaluate(() => document.getElementById('far').append(document.getElementById('w')));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.deepEqual(await page.evaluate(() => window.events), []);
  assert.equal(await page.evaluate(() => document.getElementById('w').classList.contains('news-widget--error')), false);
  await page.evaluate(() => document.getElementById('w').scrollIntoView());
  await page.waitForFunction(() => window.events.length > 0);
  assert.deepEqual(await page.evaluate(() => window.events), ['news-widget:rendered']);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
