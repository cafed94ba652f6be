// The card in every locale, in real headless Chromium: the month it shows
// against the browser's own Intl.DateTimeFormat (an independent CLDR
// implementation), right-to-left chrome for Arabic and Hebrew (direction,
// mirrored order, isolated titles, screenshots; axe-core for ar is in
// a11y.test.mjs), and the error notice in the card's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixture, newPage, repoRoot, routeHtml, saveArtifact, settled, useServerAndBrowser } from './harness.mjs';

const env = useServerAndBrowser(before, after);
const locales = Object.keys(JSON.parse(fs.readFileSync(path.join(repoRoot, 'core/locales/locales.json'), 'utf8')))
  .filter((tag) => !tag.startsWith('_'));

// A page with one widget per locale in `tags`, each showing the fixture.
async function cardsPage(width, tags, name) {
  const page = await newPage(env.browser, { viewport: { width, height: 900 } });
  await routeHtml(page, `${env.server.origin}/test/${name}.html`, `<!doctype html><html lang="en">
    <head><title>Locales</title><meta name="viewport" content="width=device-width">
    <script src="/widget/news-widget.js"></script></head>
    <body style="margin:0"><main id="cards"></main></body></html>`);
  await page.goto(`${env.server.origin}/test/${name}.html`);
  await page.waitForFunction(() => window.NewsWidget);
  await page.evaluate(([feed, list]) => {
    for (const tag of list) window.NewsWidget.render(document.getElementById('cards'), feed, { locale: tag });
  }, [fixture, tags]);
  await settled(page, tags.length);
  return page;
}

// And, on a 12-hour clock, the day period Intl writes in a short time (zh-TW's
// flexible "下午", "晚上", not only am and pm).
test('every locale shows the month and day period the browser\'s Intl writes', async () => {
  assert.ok(locales.length >= 18);
  const page = await cardsPage(600, locales, 'months');
  const rows = await page.evaluate(([published, updated]) => {
    const monthOf = (tag, iso) => new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone: 'Europe/Stockholm' })
      .formatToParts(new Date(iso)).find((p) => p.type === 'month').value;
    const periodOf = (tag, iso) => new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: 'Europe/Stockholm' })
      .formatToParts(new Date(iso)).find((p) => p.type === 'dayPeriod')?.value || '';
    return [...document.querySelectorAll('news-widget')].map((el) => {
      const card = el.shadowRoot.querySelector('.nw-card');
      const tag = card.getAttribute('lang');
      return {
        tag,
        published: card.querySelector('.nw-published time').textContent,
        updated: card.querySelector('.nw-updated time').textContent,
        publishedMonth: monthOf(tag, published),
        updatedMonth: monthOf(tag, updated),
        updatedPeriod: periodOf(tag, updated),
      };
    });
  }, [fixture.article.published, fixture.article.updated]);
  assert.deepEqual(rows.map((r) => r.tag), locales);
  for (const r of rows) {
    assert.ok(r.publishedMonth.length > 0);
    assert.ok(r.published.includes(r.publishedMonth), `${r.tag}: "${r.published}" lacks Intl's month "${r.publishedMonth}"`);
    assert.ok(r.updated.includes(r.updatedMonth), `${r.tag}: "${r.updated}" lacks Intl's month "${r.updatedMonth}"`);
    assert.ok(r.updated.includes(r.updatedPeriod), `${r.tag}: "${r.updated}" lacks Intl's day period "${r.updatedPeriod}"`);
  }
  assert.deepEqual(rows.filter((r) => r.updatedPeriod).map((r) => r.tag), ['en-US', 'zh-TW', 'ar']);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

for (const tag of ['ar', 'he']) {
  for (const width of [320, 1024]) {
    test(`${tag} at ${width}px: right-to-left chrome, mirrored rows, isolated titles`, async () => {
      const page = await cardsPage(width, [tag], `rtl-${tag}-${width}`);
      await page.waitForFunction(() => [...document.querySelector('news-widget').shadowRoot
        .querySelectorAll('img')].every((i) => i.complete));
      const r = await page.evaluate(() => {
        const root = document.querySelector('news-widget').shadowRoot;
        const box = (el) => el.getBoundingClientRect();
        const card = root.querySelector('.nw-card');
        const meta = [...root.querySelectorAll('.nw-meta > li')];
        // The tags' row: its heading, then the list of tags.
        const tags = [root.querySelector('.nw-tags-heading'), root.querySelector('.nw-tag')];
        const item = root.querySelector('.nw-related-item');
        const itemTitle = item.querySelector('.nw-related-title');
        // Where a text itself is drawn (not its box).
        const textBox = (el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect();
        };
        const marker = getComputedStyle(root.querySelector('.nw-updated'), '::before');
        return {
          dir: card.getAttribute('dir'),
          direction: getComputedStyle(card).direction,
          metaDirection: getComputedStyle(root.querySelector('.nw-meta')).direction,
          metaFirstRight: box(meta[0]).right,
          metaLastRight: box(meta[meta.length - 1]).right,
          tagsFirstRight: box(tags[0]).right,
          tagsSecondRight: box(tags[1]).right,
          tagsSameRow: box(tags[0]).bottom > box(tags[1]).top && box(tags[1]).bottom > box(tags[0]).top,
          itemRight: box(item).right,
          itemReadtimeRight: textBox(item.querySelector('.nw-readtime')).right,
          itemReadtimeLeft: textBox(item.querySelector('.nw-readtime')).left,
          itemLeft: box(item).left,
          headingTextRight: textBox(root.querySelector('.nw-related-heading')).right,
          marker: marker.content,
          storyLeft: box(root.querySelector('.nw-story')).left,
          relatedLeft: box(root.querySelector('.nw-related')).left,
          layout: card.getAttribute('data-layout'),
          cardRight: box(card).right,
          headingRight: box(root.querySelector('.nw-related-heading')).right,
          titleDirection: getComputedStyle(root.querySelector('.nw-title [part="title"]')).direction,
          titleDir: root.querySelector('.nw-title [part="title"]').getAttribute('dir'),
          relatedTitleDirection: getComputedStyle(itemTitle).direction,
        };
      });
      assert.equal(r.dir, 'rtl');
      assert.equal(r.direction, 'rtl');
      assert.equal(r.metaDirection, 'rtl');
      // Mirrored: the first item of a row starts at the right.
      assert.ok(r.metaFirstRight > r.metaLastRight, `meta row mirrored (${r.metaFirstRight} > ${r.metaLastRight})`);
      assert.ok(r.tagsSameRow, 'the tags\' heading and list share a row');
      assert.ok(r.tagsFirstRight > r.tagsSecondRight, 'tags mirrored');
      // The related list: heading and reading times start at the right.
      assert.ok(Math.abs(r.headingTextRight - r.headingRight) < 1, 'related heading at the right');
      assert.ok(Math.abs(r.itemReadtimeRight - r.itemRight) < 1, 'reading time at the right');
      assert.ok(r.itemReadtimeLeft - r.itemLeft > 50, 'reading time away from the left');
      assert.equal(r.marker, '"\u00a0«"');
      // Wide: the related column moves to the left of the story.
      assert.equal(r.layout, width >= 900 ? 'wide' : 'narrow');
      if (width >= 900) assert.ok(r.relatedLeft < r.storyLeft, 'the related column on the left');
      // The English fixture's titles keep their own direction inside the rtl card.
      assert.equal(r.titleDir, 'auto');
      assert.equal(r.titleDirection, 'ltr');
      assert.equal(r.relatedTitleDirection, 'ltr');
      await page.screenshot({ path: saveArtifact(`rtl-${tag}-${width}.png`), fullPage: true });
      assert.deepEqual(page.pageErrors, []);
      await page.context().close();
    });
  }
}

test('the error notice is in the card\'s language, from the core', async () => {
  const page = await newPage(env.browser, { viewport: { width: 600, height: 900 } });
  await routeHtml(page, `${env.server.origin}/test/notice.html`, `<!doctype html><html lang="en"><title>t</title>
    <script src="/widget/news-widget.js"></script>
    <news-widget id="missing" locale="pl-PL" src="/api/articles/no-such-article"><p>Fallback 1</p></news-widget>
    <news-widget id="baddata" locale="he"><p>Fallback 2</p></news-widget>
    <news-widget id="plain" src="/api/articles/no-such-article"><p>Fallback 3</p></news-widget>`);
  await page.goto(`${env.server.origin}/test/notice.html`);
  await page.evaluate(() => { document.getElementById('baddata').data = '{"version":1,'; });
  await settled(page, 3);
  const notices = await page.evaluate(() => [...document.querySelectorAll('news-widget')].map((el) => {
    const box = el.shadowRoot.querySelector('.nw-error');
    return { lang: box.getAttribute('lang'), dir: getComputedStyle(box).direction, text: box.querySelector('.nw-error-text').textContent };
  }));
  assert.deepEqual(notices, [
    { lang: 'pl-PL', dir: 'ltr', text: 'Ten artykuł jest teraz niedostępny.' },
    { lang: 'he', dir: 'rtl', text: 'הכתבה אינה זמינה כרגע.' },
    { lang: 'en-GB', dir: 'ltr', text: 'This story is not available right now.' },
  ]);
  for (let i = 1; i <= 3; i++) assert.ok(await page.getByText(`Fallback ${i}`).isVisible(), `fallback ${i} visible`);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
