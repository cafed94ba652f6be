// Minifies the widget's loader and stylesheet in the staged site (build/site)
// in place: partners download these bytes. The sources in web/ stay readable.
// The minified stylesheet also goes into the loader, as the string that
// replaces its placeholder `/* news-widget:styles-text */ null`: the loader
// makes its stylesheet from that text, without a request for
// news-widget.css (which stays staged for pre-rendered shadow roots).
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

// Stops the build unless `needle` occurs exactly once in `text`.
function expectOnce(text, needle, where) {
  const count = text.split(needle).length - 1;
  if (count !== 1) {
    console.error(`minify: ${where} holds ${count} copies of ${needle}, expected 1`);
    process.exit(1);
  }
}

const cssText = minifyCss(fs.readFileSync(css, 'utf8')).css;
fs.writeFileSync(css, cssText);

// The placeholder becomes a token string for terser (which then drops the
// unbuilt loader's fetch of the stylesheet as dead code), and the token
// becomes the stylesheet's text after it, as a JSON string: the text stays
// exactly as csso wrote it.
const placeholder = '/* news-widget:styles-text */ null';
const token = '"news-widget:styles-text"';
let source = fs.readFileSync(js, 'utf8');
expectOnce(source, placeholder, 'the loader');
expectOnce(source, 'news-widget:styles-text', 'the loader');
source = source.replace(placeholder, () => token);

const jsResult = await minify(source, {
  ecma: 2017,
  // Statements stay apart (no joining into comma sequences): the repeated
  // statement shapes compress better under brotli than the joined ones.
  compress: { passes: 2, sequences: false },
  // The element's own fields and methods (_feed, _render, ...) are private to
  // the loader: shortened too. _initialize is the wasm module's export.
  mangle: { properties: { regex: /^_[a-z]/, reserved: ['_initialize'] } },
  format: { comments: false },
});
expectOnce(jsResult.code, token, 'the minified loader');
// Non-ASCII characters escaped as \uXXXX: the loader stays
// ASCII, so it reads the same whatever charset a host or CDN serves it with.
const literal = JSON.stringify(cssText).replace(/[\u0080-\uffff]/g,
  (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
fs.writeFileSync(js, jsResult.code.replace(token, () => literal));
