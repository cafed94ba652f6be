// The one table scripts/bench prints, from the figures the measuring
// modules gathered (the same figures go to build/bench/results.json).
import path from 'node:path';
import { repo, sizeTarget } from './config.mjs';
import { widgetFiles } from './bytes.mjs';
import { stats } from './stats.mjs';

const fmt = (x, digits = 1) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits));
const fmtStats = (s, unit = '', d = 1) => `${fmt(s.median, d)}${unit} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
const ratio = (a, b) => (b ? (a / b).toFixed(2) + 'x' : 'n/a');

// The report as text; `runs` per figure (`cardRuns` and `tracedRuns`: page
// loads per widget for time to card, and traced per page), `outFile` where the JSON went,
// `budget` the size budget (size-budget.json).
export function formatReport(results, { runs, cardRuns, tracedRuns, outFile, budget }) {
  const lines = [];
  const row = (...cells) => lines.push('| ' + cells.join(' | ') + ' |');
  lines.push(`news-widget benchmark — ${results.when}`);
  lines.push(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB; node ${results.machine.node}; ${results.machine.chromium}; ${results.machine.emcc}`);
  lines.push(`runs per figure: ${runs} (median, min–max); page loads: ${cardRuns} per widget and profile for time to card, ${tracedRuns} traced per page`, '');
  lines.push('1. Bytes a partner page downloads for the widget (before the card shows; the loader carries the stylesheet)');
  row('file', 'raw', 'gzip -9', 'brotli -q 11');
  row('---', '---:', '---:', '---:');
  for (const f of widgetFiles) row(f, results.bytes[f].raw, results.bytes[f].gzip, results.bytes[f].brotli);
  row(`**total (${results.bytes.requests} requests)**`, results.bytes.total.raw, results.bytes.total.gzip, results.bytes.total.brotli);
  for (const [format, pub] of Object.entries(results.bytes.publisherFormats || {})) {
    const core = `widget/news-widget-${format}.wasm`;
    row(`${core} (format="${format}")`, pub[core].raw, pub[core].gzip, pub[core].brotli);
    row(`total for format="${format}" (${pub.requests} requests)`, pub.total.raw, pub.total.gzip, pub.total.brotli);
  }
  const every = results.bytes.everyFormat;
  if (every) {
    row('widget/news-widget.wasm (every format: a format attribute that names none)', every['widget/news-widget.wasm'].raw, every['widget/news-widget.wasm'].gzip, every['widget/news-widget.wasm'].brotli);
    row(`total for every format (${every.requests} requests)`, every.total.raw, every.total.gzip, every.total.brotli);
    // Without a format attribute the loader starts with the small core, which
    // refuses a publisher's feed; the core for every format follows.
    const small = results.bytes['widget/news-widget-v1.wasm'];
    row(`total for a publisher's feed without a format attribute (the small core, then every format; ${every.requests + 1} requests)`,
      every.total.raw + small.raw, every.total.gzip + small.gzip, every.total.brotli + small.brotli);
  }
  row('plain-JS baseline widget (one file: renderer + element + CSS; 1 request)', results.bytes.plainBaseline.raw, results.bytes.plainBaseline.gzip, results.bytes.plainBaseline.brotli);
  lines.push(`brotli total ${results.bytes.total.brotli} B in ${results.bytes.requests} requests, budget ${budget.widgetBrotliBytes} B (tests/bench/size-budget.json); `
    + `target ${sizeTarget.widgetBrotliBytes} B in ${sizeTarget.requests} requests (${sizeTarget.source}): `
    + `${results.bytes.total.brotli > sizeTarget.widgetBrotliBytes ? 'over by ' : 'under by '}${Math.abs(results.bytes.total.brotli - sizeTarget.widgetBrotliBytes)} B`);
  lines.push('   share of the brotli total: ' + widgetFiles.map((f) => `${f} ${(100 * results.bytes[f].brotli / results.bytes.total.brotli).toFixed(1)}%`).join(', '), '');
  if (results.wasm.byGroup) {
    lines.push(`2. Where the wasm code bytes go (news-widget-v1.wasm: ${results.wasm.codeBytes} bytes of function bodies)`);
    for (const g of results.wasm.byGroup) lines.push(`   ${g.name.padEnd(38)} ${String(g.bytes).padStart(7)}  ${(g.share * 100).toFixed(1)}%`);
    lines.push('   sections, raw (brotli on its own): ' + results.wasm.sections.map((s) => `${s.section} ${s.bytes} (${s.brotli})`).join(', '));
    lines.push('   largest functions: ' + results.wasm.largestFunctions.slice(0, 8).map((f) => `${f.name.replace(/\(anonymous namespace\)::/g, '').split('(')[0].slice(0, 60)} (${f.bytes})`).join('; '), '');
  }
  lines.push('3. Core render of the seed fixture (JSON text in, HTML out), renders/s');
  row('where', 'renders/s', 'vs plain JS (same runtime; per alternating round)');
  row('---', '---:', '---:');
  row('native (g++ -O2)', fmtStats(results.render.native), '');
  row('wasm in node', fmtStats(results.render.wasmNode), fmtStats(results.render.wasmNodeVsPlain, 'x', 2));
  row('plain JS in node', fmtStats(results.render.plainNode), '1.00x');
  row('wasm in Chromium', fmtStats(results.render.wasmChromium), fmtStats(results.render.wasmChromiumVsPlain, 'x', 2));
  row('plain JS in Chromium', fmtStats(results.render.plainChromium), '1.00x');
  lines.push(`first render after instantiation: node ${fmtStats(results.render.wasmNodeFirstMs, ' ms', 2)}; Chromium ${fmtStats(results.render.chromiumFirstRenderMs, ' ms', 2)} (instantiate with its warm-up render: ${fmtStats(results.render.chromiumInstantiateMs, ' ms', 2)})`, '');
  lines.push('4. Time to card in headless Chromium (fresh context per load), ms');
  row('profile', 'widget', 'from navigation', 'from script start', 'nav ratio vs plain');
  row('---', '---', '---:', '---:', '---:');
  for (const [profile, rows] of Object.entries(results.timeToCard)) {
    for (const which of ['wasm', 'plain']) {
      const r = rows[which];
      row(profile, which === 'wasm' ? 'news-widget (wasm)' : 'plain-JS baseline (one file)', fmtStats(r.fromNavigationMs), fmtStats(r.fromScriptMs),
        which === 'wasm' ? ratio(r.fromNavigationMs.median, rows.plain.fromNavigationMs.median) : '1.00x');
    }
  }
  lines.push('');
  lines.push('4b. Longest main-thread task during load (mobile profile, 4x CPU; traced, until 1 s after the card), ms');
  row('page', 'longest task', 'longest once the page parses', 'the same, thread CPU time', 'tasks over 50 ms', 'vs plain-JS baseline',
    'vs server-rendered card', 'CPU time vs plain-JS baseline');
  row('---', '---:', '---:', '---:', '---:', '---:', '---:', '---:');
  const longTaskLabels = { wasm: 'news-widget (wasm)', plain: 'plain-JS baseline (one file)', prerendered: 'server-rendered card, no script (the floor)',
    text: 'one line of text, no card (any page)', textFullSpeed: 'one line of text, no CPU throttling (this machine\'s floor)' };
  for (const [which, r] of Object.entries(results.longTasks)) {
    const cpu = r.longestAfterParseCpuMs;
    row(longTaskLabels[which], fmtStats(r.longestMs), fmtStats(r.longestAfterParseMs), cpu ? fmtStats(cpu) : 'n/a', fmtStats(r.tasksOver50Ms, '', 0),
      ratio(r.longestMs.median, results.longTasks.plain.longestMs.median), ratio(r.longestMs.median, results.longTasks.prerendered.longestMs.median),
      cpu ? ratio(cpu.median, results.longTasks.plain.longestAfterParseCpuMs.median) : 'n/a');
  }
  lines.push('');
  if (results.phases) formatPhases(results.phases, row, lines);
  if (results.server.staticAsset) {
    const w = results.server.wrk;
    lines.push(`5. Server on 127.0.0.1 (wrk -t2 -c32, ${w.seconds} s per run; on the static asset, ${w.runs} runs taking turns with nginx's)`);
    row('target', 'req/s (median)', 'p50 ms', 'p99 ms', 'socket errors', 'vs nginx');
    row('---', '---:', '---:', '---:', '---', '---:');
    const med = (runs, k) => stats(runs.filter(Boolean).map((r) => r[k])).median;
    const ngx = results.server.nginxStaticAsset?.runs;
    const ourRps = med(results.server.staticAsset.runs, 'requestsPerS');
    row('news-widget-server ' + results.server.staticAsset.path, fmt(ourRps), fmt(med(results.server.staticAsset.runs, 'p50Ms'), 2),
      fmt(med(results.server.staticAsset.runs, 'p99Ms'), 2), results.server.staticAsset.runs.map((r) => r?.socketErrors).join('; '),
      ngx ? ratio(ourRps, med(ngx, 'requestsPerS')) : 'n/a');
    if (ngx) row('nginx ' + results.server.staticAsset.path, fmt(med(ngx, 'requestsPerS')), fmt(med(ngx, 'p50Ms'), 2), fmt(med(ngx, 'p99Ms'), 2), ngx.map((r) => r?.socketErrors).join('; '), '1.00x');
    else lines.push(`nginx: ${results.server.nginxStaticAsset?.error}`);
    if (results.server.render) {
      row('news-widget-server /render/<id>?width=600', fmt(med(results.server.render.runs, 'requestsPerS')), fmt(med(results.server.render.runs, 'p50Ms'), 2),
        fmt(med(results.server.render.runs, 'p99Ms'), 2), results.server.render.runs.map((r) => r?.socketErrors).join('; '), '');
    }
  }
  for (const [label, sl] of [['slowloris', results.server.slowloris],
    ['slowloris against --max-connections 200', results.server.slowlorisOverLimit]]) {
    if (sl?.error) lines.push(`${label}: ${sl.error}`);
    else if (sl) {
      lines.push(`${label}: ${sl.connections} connections for up to ${sl.seconds} s; normal requests answered: ${sl.normalAnswered}/${sl.normalSent}, `
        + `max latency ${sl.normalMaxLatencyMs === null ? 'n/a' : fmt(sl.normalMaxLatencyMs, 1) + ' ms'} (median ${sl.normalMedianLatencyMs === null ? 'n/a' : fmt(sl.normalMedianLatencyMs, 2) + ' ms'}); `
        + `the attacker held at most ${sl.attackerMaxConnected} connections at once; slowhttptest ended after ${sl.attackEndedAtS} s: "${sl.attackExit}"`);
    }
  }
  lines.push('', `figures as JSON: ${path.relative(repo, outFile)}`);
    return lines.join('\n');
}

const phasePages = { wasm: 'news-widget (wasm)', plain: 'plain-JS baseline (one file)', prerendered: 'server-rendered card' };
const requestLabels = { script: 'script fetch', wasm: 'wasm fetch', styles: 'stylesheet fetch', feed: 'feed fetch' };
const mainThreadLabels = {
  navigation: 'main thread: navigation (before the page parses)',
  script: 'main thread: script evaluation (JS compile + top level)',
  wasmCompile: 'main thread: wasm compile + instantiate (lazy compiles too)',
  render: 'main thread: render (script callbacks: set-up, core render, innerHTML)',
  style: 'main thread: style',
  layout: 'main thread: layout',
  fonts: 'main thread: fonts (set up the first time text is set in each, out of style and layout)',
  paint: 'main thread: paint (pre-paint, paint, layerize)',
  parse: 'main thread: HTML parse',
  other: 'main thread: other (task time no event above explains)',
};

// 4c. The phases of a traced load (trace.mjs, loadPhases), one column a page.
function formatPhases(phases, row, lines) {
  const pages = Object.keys(phasePages).filter((p) => phases[p]);
  lines.push('4c. Where the time goes (mobile profile, traced; navigation start to the end of the task that first paints the card), ms');
  for (const p of pages) {
    if (phases[p].error) lines.push(`   ${phasePages[p]}: no breakdown (${phases[p].error})`);
    else if (phases[p].errors.length) lines.push(`   ${phasePages[p]}: ${phases[p].errors.length} load(s) left out (${phases[p].errors[0]})`);
  }
  const shown = pages.filter((p) => !phases[p].error);
  row('phase', ...shown.map((p) => phasePages[p]));
  row('---', ...shown.map(() => '---:'));
  const cell = (s) => (s ? fmtStats(s) : '—');
  row('card in the DOM (mark)', ...shown.map((p) => cell(phases[p].cardMs)));
  row('card painted (window end)', ...shown.map((p) => cell(phases[p].paintedMs)));
  for (const [kind, label] of Object.entries(requestLabels)) {
    if (!shown.some((p) => phases[p].requests[kind])) continue;
    row(label + ': duration, ends at', ...shown.map((p) => {
      const r = phases[p].requests[kind];
      return r ? `${fmtStats(r.ms)}, at ${fmt(r.endMs.median)}` : '—';
    }));
  }
  for (const [key, label] of Object.entries(mainThreadLabels)) row(label, ...shown.map((p) => cell(phases[p].mainThread[key])));
  row('wasm compile off the main thread', ...shown.map((p) => cell(phases[p].wasmCompileOffThreadMs)));
  lines.push('');
}
