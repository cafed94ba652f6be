// Accessibility: axe-core inside real Chromium against the rendered card at
// three widths in the light and dark themes: zero WCAG 2.1 A/AA violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { newPage, useServerAndBrowser, routeHtml, saveArtifact, settled } from './harness.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const env = useServerAndBrowser(before, after);

// Each theme at three widths, and a right-to-left card (Arabic) at the narrowest.
for (const [theme, locale] of [['light', ''], ['dark', ''], ['light', 'ar']]) {
  for (const width of locale ? [320] : [320, 600, 1024]) {
    test(`no WCAG 2.1 A/AA violations at ${width}px, ${theme} theme${locale ? `, ${locale}` : ''}`, async () => {
      const page = await newPage(env.browser, { viewport: { width, height: 900 } });
      const bg = theme === 'dark' ? '#000' : '#fff';
      await routeHtml(page, `${env.server.origin}/test/a11y.html`, `<!doctype html><html lang="en">
        <head><title>Accessibility check</title><meta name="viewport" content="width=device-width">
        <script src="/widget/news-widget.js"></script></head>
        <body style="margin:0;background:${bg}"><main>
        <news-widget src="/api/articles/north-korea-10000-soldiers" theme="${theme}"${locale ? ` locale="${locale}"` : ''}></news-widget>
        </main></body></html>`);
      await page.goto(`${env.server.origin}/test/a11y.html`);
      await settled(page);
      await page.waitForFunction(() => [...document.querySelector('news-widget').shadowRoot
        .querySelectorAll('img')].every((i) => i.complete));
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return {
          violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) })),
          passes: r.passes.length,
          cardChecked: r.passes.some((p) => p.nodes.some((n) => JSON.stringify(n.target).includes('nw-'))),
        };
      });
      await page.screenshot({ path: saveArtifact(`a11y-${width}-${theme}${locale ? `-${locale}` : ''}.png`), fullPage: true });
      assert.deepEqual(result.violations, []);
      assert.ok(result.passes > 10, 'axe ran its checks');
      assert.ok(result.cardChecked, 'axe looked inside the shadow root');
      assert.deepEqual(page.pageErrors, []);
      await page.context().close();
    });
  }
}
