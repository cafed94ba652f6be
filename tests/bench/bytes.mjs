// 1. The bytes a partner page downloads for the widget, and 2. where the wasm
// module's bytes go (by section, and by function group from the profiling
// build, which keeps function names).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { repo, toolVersion } from './config.mjs';

// The files a partner page downloads before the card shows, as staged, one
// request each: the loader (which carries the stylesheet as a string) and one
// core: the small one for a feed in our own format (widgetFiles); for a feed
// in a publisher's format, the one for that format when the format attribute
// names it (publisherFormatFiles, by format), else the one that reads every
// format (everyFormatFiles). news-widget.css is staged too, but only
// pre-rendered shadow roots link it; tests/js/size_budget.test.mjs checks the
// loader never fetches it.
export const widgetFiles = ['widget/news-widget.js', 'widget/news-widget-v1.wasm'];
export const publisherFormats = ['json-feed', 'json-ld', 'wordpress'];
export const publisherFormatFiles = Object.fromEntries(publisherFormats.map((format) =>
  [format, ['widget/news-widget.js', `widget/news-widget-${format}.wasm`]]));
export const everyFormatFiles = ['widget/news-widget.js', 'widget/news-widget.wasm'];

export function sizes(file) {
  return sizesOf(fs.readFileSync(file));
}

function sizesOf(raw) {
  return {
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (list) => list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

// {files: {name: sizes}, total, requests} of the widget staged in `siteDir`.
export function widgetBytes(siteDir, list = widgetFiles) {
  const files = Object.fromEntries(list.map((f) => [f, sizes(path.join(siteDir, f))]));
  return { files, total: sum(Object.values(files)), requests: list.length };
}

// The widget's files, and the one-file baseline (`plainWidget`, its text).
export function measureBytes(site, plainWidget) {
  const widget = widgetBytes(site);
  const bytes = { ...widget.files, total: widget.total, requests: widget.requests };
  bytes.publisherFormats = {};
  for (const format of publisherFormats) {
    const publisher = widgetBytes(site, publisherFormatFiles[format]);
    bytes.publisherFormats[format] = { ...publisher.files, total: publisher.total, requests: publisher.requests };
  }
  const every = widgetBytes(site, everyFormatFiles);
  bytes.everyFormat = { ...every.files, total: every.total, requests: every.requests };
  bytes.plainBaseline = { ...sizesOf(Buffer.from(plainWidget)), requests: 1 };
  return bytes;
}

// By the function's own name, not its parameters' types.
function group(signature) {
  const name = signature.replace(/\(anonymous namespace\)/g, '{anon}').split('(')[0];
  if (/news_widget::json/.test(name)) return 'core: JSON reader';
  if (/feed_reader|read_site|read_article|read_related|parse_feed/.test(name)) return 'core: feed validation';
  if (/card_writer|render|estimate_height|^nw_/.test(name)) return 'core: render (with what LTO inlined)';
  if (/locale/.test(name)) return 'core: locales';
  if (/news_widget/.test(name)) return 'core: text, URLs, time';
  if (/printf|strtod|scan|fmt|frexp|pow/i.test(name)) return 'libc numbers/printf';
  if (/malloc|free|realloc|calloc|sbrk|emmalloc|claim_more|attempt_allocate/.test(name)) return 'allocator';
  return /std::|basic_string|__2/.test(name) ? 'libc++' : 'other';
}

// `profileName`: the same module linked with function names, in the wasm build tree.
export function measureWasm(wasmFile, profileName) {
  const wasm = {};
  const sectionText = toolVersion('wasm-objdump', ['-h', wasmFile]) !== 'not found'
    ? execFileSync('wasm-objdump', ['-h', wasmFile], { encoding: 'utf8' }) : '';
  // Each section's bytes also compressed on their own (brotli -q 11): what
  // each roughly costs in the download (the sum exceeds the whole file's).
  const module = fs.readFileSync(wasmFile);
  wasm.sections = [...sectionText.matchAll(/^\s*(\w+)\s+start=(0x[0-9a-f]+)\s+end=(0x[0-9a-f]+)\s+\(size=(0x[0-9a-f]+)\)\s+count:\s*(\d+)/gm)]
    .map((m) => ({ section: m[1], bytes: parseInt(m[4], 16), count: +m[5],
      brotli: sizesOf(module.subarray(parseInt(m[2], 16), parseInt(m[3], 16))).brotli }));
  const profileWasm = path.join(repo, 'build/wasm-release/wasm', profileName);
  if (fs.existsSync(profileWasm)) {
    const code = execFileSync('wasm-objdump', ['-x', '-j', 'Code', profileWasm], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const funcs = [...code.matchAll(/func\[\d+\] size=(\d+) <([^>]+)>/g)].map((m) => ({ name: m[2], bytes: +m[1] }));
    funcs.sort((a, b) => b.bytes - a.bytes);
    const total = funcs.reduce((t, f) => t + f.bytes, 0);
    const groups = {};
    for (const f of funcs) groups[group(f.name)] = (groups[group(f.name)] || 0) + f.bytes;
    wasm.codeBytes = total;
    wasm.byGroup = Object.entries(groups).sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes, share: +(bytes / total).toFixed(3) }));
    wasm.largestFunctions = funcs.slice(0, 12);
  }
  const metrics = spawnSync('wasm-opt', ['--metrics', wasmFile, '-o', '/dev/null'], { encoding: 'utf8' });
  wasm.metrics = (metrics.stdout || '').split('\n').filter((l) => /^\s*(\[funcs\]|\[memory-data\]|\[total\]|\[vars\])/.test(l)).map((l) => l.trim());
  return wasm;
}
