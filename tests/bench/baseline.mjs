// The plain-JS baseline widget as a partner would ship it: one file holding
// the renderer (baseline/plain-renderer.js), the element
// (baseline/plain-widget.js) and the widget's stylesheet, minified like the
// loader. Built in memory, the same way on every run (a function of those
// files, web/widget/news-widget.css and the pinned terser and csso), for the
// bench site and for tests/js/baseline.test.mjs; never written into the
// repository.
import fs from 'node:fs';
import path from 'node:path';
import { minify as minifyCss } from 'csso';
import { minify } from 'terser';
import { here, repo } from './config.mjs';

// The stylesheet both widgets apply, minified as scripts/minify.mjs stages it.
export function baselineCss() {
  return minifyCss(fs.readFileSync(path.join(repo, 'web/widget/news-widget.css'), 'utf8')).css;
}

// The one file's text: {code, css}.
export async function oneFileBaseline() {
  const css = baselineCss();
  const source = ['plain-renderer.js', 'plain-widget.js']
    .map((f) => fs.readFileSync(path.join(here, 'baseline', f), 'utf8')).join('\n');
  const result = await minify(source, {
    ecma: 2017,
    compress: { passes: 2, global_defs: { PLAIN_WIDGET_CSS: css } },
    format: { comments: false },
  });
  if (result.code.includes('PLAIN_WIDGET_CSS')) throw new Error('baseline.mjs: the stylesheet was not inlined');
  return { code: result.code, css };
}
