// Minifies the widget's loader and stylesheet in the staged site (build/site)
// in place: partners download these bytes. The sources in web/ stay readable.
//   node scripts/minify.mjs build/site
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { minify as minifyCss } from 'csso';

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/minify.mjs SITE_DIR');
  process.exit(2);
}
const js = path.join(site, 'widget/news-widget.js');
const css = path.join(site, 'widget/news-widget.css');
const jsResult = await minify(fs.readFileSync(js, 'utf8'), {
  ecma: 2017,
  compress: { passes: 2 },
  // The element's own fields and methods (_feed, _render, ...) are private to
  // the loader: shortened too. _initialize is the wasm module's export.
  mangle: { properties: { regex: /^_[a-z]/, reserved: ['_initialize'] } },
  format: { comments: false },
});
fs.writeFileSync(js, jsResult.code);
fs.writeFileSync(css, minifyCss(fs.readFileSync(css, 'utf8')).css);
