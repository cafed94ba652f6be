// scripts/bench: measures what the widget costs a partner page, side by side
// with baselines measured in the same run, and prints one table (and writes
// the same figures as JSON). Medians of repeated runs, with min-max.
//
//   node tests/bench/bench.mjs [--quick] [--out FILE]
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { longestTasks } from './trace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(repo, 'build/bench/results.json');
const site = path.join(repo, 'build/site');
const fixturePath = path.join(repo, 'tests/fixtures/north-korea-10000-soldiers.json');
const fixtureText = fs.readFileSync(fixturePath, 'utf8');
const results = { when: new Date().toISOString(), machine: {}, bytes: {}, wasm: {}, render: {}, timeToCard: {}, longTasks: {}, server: {} };
const RUNS = quick ? 3 : 7;

// ---- statistics --------------------------------------------------------------
function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}
const fmt = (x, digits = 1) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits));
const fmtStats = (s, unit = '', d = 1) => `${fmt(s.median, d)}${unit} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
const ratio = (a, b) => (b ? (a / b).toFixed(2) + 'x' : 'n/a');

// ---- machine -----------------------------------------------------------------
function version(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.error) return 'not found';
  return ((r.stdout || '') + (r.stderr || '')).split('\n')[0].trim(); // wrk and nginx print it to stderr
}
results.machine = {
  cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version, chromium: version('/usr/bin/chromium', ['--version']),
  emcc: version('emcc', ['--version']), cxx: version('c++', ['--version']),
  wrk: version('wrk', ['--version']), nginx: version('nginx', ['-v']),
};

// ---- 1. bytes ----------------------------------------------------------------
function sizes(file) {
  const raw = fs.readFileSync(file);
  return {
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const widgetFiles = ['widget/news-widget.js', 'widget/news-widget.wasm', 'widget/news-widget.css'];
for (const f of widgetFiles) results.bytes[f] = sizes(path.join(site, f));
results.bytes.total = widgetFiles.reduce((t, f) => ({
  raw: t.raw + results.bytes[f].raw, gzip: t.gzip + results.bytes[f].gzip, brotli: t.brotli + results.bytes[f].brotli,
}), { raw: 0, gzip: 0, brotli: 0 });
results.bytes.requests = widgetFiles.length;
const plainFiles = [path.join(here, 'baseline/plain-renderer.js'), path.join(here, 'baseline/plain-widget.js'), path.join(site, 'widget/news-widget.css')];
results.bytes.plainBaseline = plainFiles.map(sizes).reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// ---- 2. where the wasm bytes go ------------------------------------------------
const wasmFile = path.join(site, 'widget/news-widget.wasm');
const sectionText = version('wasm-objdump', ['-h', wasmFile]) !== 'not found'
  ? execFileSync('wasm-objdump', ['-h', wasmFile], { encoding: 'utf8' }) : '';
results.wasm.sections = [...sectionText.matchAll(/^\s*(\w+)\s+start=\S+\s+end=\S+\s+\(size=(0x[0-9a-f]+)\)\s+count:\s*(\d+)/gm)]
  .map((m) => ({ section: m[1], bytes: parseInt(m[2], 16), count: +m[3] }));
const profileWasm = path.join(repo, 'build/wasm-release/wasm/news-widget-profile.wasm');
if (fs.existsSync(profileWasm)) {
  const code = execFileSync('wasm-objdump', ['-x', '-j', 'Code', profileWasm], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const funcs = [...code.matchAll(/func\[\d+\] size=(\d+) <([^>]+)>/g)].map((m) => ({ name: m[2], bytes: +m[1] }));
  funcs.sort((a, b) => b.bytes - a.bytes);
  const total = funcs.reduce((t, f) => t + f.bytes, 0);
  const group = (signature) => {
    // By the function's own name, not its parameters' types.
    const name = signature.replace(/\(anonymous namespace\)/g, '{anon}').split('(')[0];
    if (/news_widget::json/.test(name)) return 'core: JSON reader';
    if (/feed_reader|read_site|read_article|read_related|parse_feed/.test(name)) return 'core: feed validation';
    if (/card_writer|render|estimate_height|^nw_/.test(name)) return 'core: render (with what LTO inlined)';
    if (/news_widget/.test(name)) return 'core: text, URLs, time, locales';
    if (/printf|strtod|scan|fmt|frexp|pow/i.test(name)) return 'libc numbers/printf';
    if (/malloc|free|realloc|calloc|sbrk|emmalloc|claim_more|attempt_allocate/.test(name)) return 'allocator';
    return /std::|basic_string|__2/.test(name) ? 'libc++' : 'other';
  };
  const groups = {};
  for (const f of funcs) groups[group(f.name)] = (groups[group(f.name)] || 0) + f.bytes;
  results.wasm.codeBytes = total;
  results.wasm.byGroup = Object.entries(groups).sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes, share: +(bytes / total).toFixed(3) }));
  results.wasm.largestFunctions = funcs.slice(0, 12);
}
const metrics = spawnSync('wasm-opt', ['--metrics', wasmFile, '-o', '/dev/null'], { encoding: 'utf8' });
results.wasm.metrics = (metrics.stdout || '').split('\n').filter((l) => /^\s*(\[funcs\]|\[memory-data\]|\[total\]|\[vars\])/.test(l)).map((l) => l.trim());

// ---- 3. core render throughput ---------------------------------------------------
// Renders per second of two renderers, measured in alternating rounds (and
// alternating which goes first), so that a burst of noise on the machine falls
// on both; `ratios` are a/b per round. Also runs inside Chromium (toString).
function measurePair(a, b, runs, perRound) {
  for (let i = 0; i < 200; i++) { a(); b(); } // warm up
  const timed = (fn) => {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    return perRound / ((performance.now() - t0) / 1000);
  };
  const ra = [];
  const rb = [];
  for (let r = 0; r < runs; r++) {
    if (r % 2) { rb.push(timed(b)); ra.push(timed(a)); } else { ra.push(timed(a)); rb.push(timed(b)); }
  }
  return { a: ra, b: rb, ratios: ra.map((x, i) => x / rb[i]) };
}
const base = 'http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers';
const optionsQuery = 'base=' + encodeURIComponent(base);
const PER_ROUND = quick ? 300 : 1500;
{
  const out = execFileSync(path.join(repo, 'build/release/tests/bench/news-widget-render-bench'),
    [fixturePath, '1200', optionsQuery, String(RUNS), String(PER_ROUND)], { encoding: 'utf8' });
  results.render.native = stats(JSON.parse(out).renders_per_s);
}
{
  const { loaderApi } = await import('../js/core_in_node.mjs');
  const bytes = fs.readFileSync(wasmFile);
  const api = loaderApi();
  const firstCalls = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await api.createRenderer(bytes);
    const t0 = performance.now();
    r.render(fixtureText, 1200, optionsQuery);
    firstCalls.push(performance.now() - t0);
  }
  results.render.wasmNodeFirstMs = stats(firstCalls);
  const core = await api.createRenderer(bytes);
  const vm = await import('node:vm');
  const ctx = vm.createContext({ URL, Intl, Date, Math, JSON, Array, String });
  vm.runInContext(fs.readFileSync(path.join(here, 'baseline/plain-renderer.js'), 'utf8'), ctx);
  const plain = ctx.PlainNewsRenderer;
  const pair = measurePair(() => core.render(fixtureText, 1200, optionsQuery), () => plain.render(fixtureText, 1200, base), RUNS, PER_ROUND);
  results.render.wasmNode = stats(pair.a);
  results.render.plainNode = stats(pair.b);
  results.render.wasmNodeVsPlain = stats(pair.ratios);
}

// ---- server and browser set-up ------------------------------------------------------
// A copy of the site with the baseline widget and the bench pages.
const benchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-bench-site-'));
fs.cpSync(site, benchRoot, { recursive: true });
fs.mkdirSync(path.join(benchRoot, 'bench'));
for (const f of ['plain-renderer.js', 'plain-widget.js']) fs.copyFileSync(path.join(here, 'baseline', f), path.join(benchRoot, 'bench', f));
// The page reports its own figures on the console, 100 ms after the card:
// reading them with page.evaluate() or waiting with page.waitForFunction()
// would run Playwright's injected script in the page first, a task of its own.
// The server-rendered page has its card at first paint: it reports at load.
const timingScript = (cardAtLoad) => `<script>window.cardAt = null; for (const t of ['news-widget:rendered', 'plain-news-widget:rendered'])
  document.addEventListener(t, () => { if (window.cardAt === null) { window.cardAt = performance.now(); setTimeout(report, 100); } });
  ${cardAtLoad ? "addEventListener('load', () => { window.cardAt = performance.now(); setTimeout(report, 100); });" : ''}
  function report() {
    const script = performance.getEntriesByType('resource').find((e) => /\\/(widget\\/news-widget|bench\\/plain-widget)\\.js$/.test(e.name));
    console.log('nw-bench ' + JSON.stringify({ card: window.cardAt, scriptStart: script ? script.responseEnd : 0 }));
  }</script>`;
const page = (title, body, cardAtLoad = false) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${timingScript(cardAtLoad)}</head><body style="margin:0">${body}</body></html>`;
fs.writeFileSync(path.join(benchRoot, 'bench/wasm.html'), page('wasm widget',
  '<script async src="/widget/news-widget.js"></script><news-widget src="/api/articles/north-korea-10000-soldiers"></news-widget>'));
fs.writeFileSync(path.join(benchRoot, 'bench/plain.html'), page('plain widget',
  '<script src="/bench/plain-renderer.js"></script><script async src="/bench/plain-widget.js"></script><plain-news-widget src="/api/articles/north-korea-10000-soldiers"></plain-news-widget>'));
// The floor: the same card, rendered on the server into a declarative shadow
// root, on a page without any script of the widget's. What the browser alone
// spends on laying out and painting this card.
const prerendered = execFileSync(path.join(repo, 'build/release/native/news-widget-render'),
  ['--shadow-root', '/widget/news-widget.css', fixturePath, '1280', ''],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); // its diagnostics ("[]") are not the bench's output
fs.writeFileSync(path.join(benchRoot, 'bench/prerendered.html'), page('server-rendered card',
  `<news-widget>${prerendered}</news-widget>`, true));
// And what any page costs on this machine: one line of text, no card.
fs.writeFileSync(path.join(benchRoot, 'bench/text.html'), page('one line of text',
  '<p>North Korea has sent around 10,000 soldiers to Russia.</p>', true));
fs.writeFileSync(path.join(benchRoot, 'bench/render.html'), page('render loop',
  '<script src="/bench/plain-renderer.js"></script><script src="/widget/news-widget.js"></script>'));

function startServer(root) {
  const child = spawn(path.join(repo, 'build/release/native/news-widget-server'),
    ['--port', '0', '--root', root, '--data', path.join(repo, 'tests/fixtures'), '--access-log', '/dev/null'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ origin: m[1], child });
    });
    child.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
}
const server = await startServer(benchRoot);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

// ---- 3b. render throughput in Chromium ----------------------------------------------
{
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(server.origin + '/bench/render.html');
  await p.addScriptTag({ content: `window.measurePair = ${measurePair.toString()};` });
  const wasmBytes = [...fs.readFileSync(wasmFile)];
  const r = await p.evaluate(async ({ feed, opts, base, bytes, runs, per }) => {
    // createRenderer compiles, instantiates and warms the module up (one small
    // render); then the first real render. Each run instantiates anew.
    const instantiate = [];
    const first = [];
    let core;
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      core = await window.NewsWidget.createRenderer(new Uint8Array(bytes));
      instantiate.push(performance.now() - t0);
      const t1 = performance.now();
      core.render(feed, 1200, opts);
      first.push(performance.now() - t1);
    }
    const pair = window.measurePair(() => core.render(feed, 1200, opts), () => window.PlainNewsRenderer.render(feed, 1200, base), runs, per);
    return { instantiate, first, wasm: pair.a, plain: pair.b, ratios: pair.ratios };
  }, { feed: fixtureText, opts: optionsQuery, base, bytes: wasmBytes, runs: RUNS, per: PER_ROUND });
  results.render.wasmChromium = stats(r.wasm);
  results.render.plainChromium = stats(r.plain);
  results.render.wasmChromiumVsPlain = stats(r.ratios);
  results.render.chromiumInstantiateMs = stats(r.instantiate);
  results.render.chromiumFirstRenderMs = stats(r.first);
  await ctx.close();
}

// ---- 4. time to card -----------------------------------------------------------
// The mobile profile: DevTools network emulation and 4x CPU throttling.
async function emulateMobile(cdp, cpuSlowdown = 4) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
}
async function loadOnce(url, throttled) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  if (throttled) await emulateMobile(await ctx.newCDPSession(p));
  const reported = p.waitForEvent('console', { predicate: (msg) => msg.text().startsWith('nw-bench '), timeout: 60000 });
  await p.goto(url);
  const m = JSON.parse((await reported).text().slice('nw-bench '.length));
  await ctx.close();
  return m;
}
// RUNS loads of each page, alternating between the pages (and reversing their
// order every other round), so a burst of noise on the machine falls on all.
async function alternating(pages, load) {
  const loads = Object.fromEntries(pages.map((which) => [which, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const which of i % 2 ? [...pages].reverse() : pages) loads[which].push(await load(which));
  }
  return loads;
}
for (const [profile, throttled] of [['loopback', false], ['mobile (40 ms RTT, 10 Mbps, 4x CPU)', true]]) {
  const loads = await alternating(['wasm', 'plain'], (which) => loadOnce(`${server.origin}/bench/${which}.html`, throttled));
  const rows = {};
  for (const which of ['wasm', 'plain']) {
    rows[which] = {
      fromNavigationMs: stats(loads[which].map((l) => l.card)),
      fromScriptMs: stats(loads[which].map((l) => l.card - l.scriptStart)),
    };
  }
  results.timeToCard[profile] = rows;
}

// ---- 4b. longest main-thread task during load -------------------------------------
// From a trace of the page's renderer main thread, in loads of their own (the
// trace costs time), under the mobile profile, until 1 s after the card. Every
// task counts, rendering included: the longtask observer leaves out tasks in
// which no script of the page ran, such as most frames that lay out a card.
// A second figure counts only the tasks once the page parses (trace.mjs).
async function tracedLoad(pagePath, cpuSlowdown = 4) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await emulateMobile(cdp, cpuSlowdown);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] } });
  const reported = p.waitForEvent('console', { predicate: (msg) => msg.text().startsWith('nw-bench '), timeout: 60000 });
  await p.goto(server.origin + pagePath);
  await reported;
  await new Promise((resolve) => setTimeout(resolve, 900));
  await cdp.send('Tracing.end');
  await complete;
  await ctx.close();
  return longestTasks(events, pagePath);
}
{
  // textFullSpeed: the one-line page without CPU throttling, what any page
  // costs this machine at full speed, against which the 4x figures are read.
  const pages = ['wasm', 'plain', 'prerendered', 'text', 'textFullSpeed'];
  const loads = await alternating(pages, (which) =>
    (which === 'textFullSpeed' ? tracedLoad('/bench/text.html', 1) : tracedLoad(`/bench/${which}.html`)));
  for (const which of pages) {
    results.longTasks[which] = {
      longestMs: stats(loads[which].map((l) => l.longestMs)),
      longestAfterParseMs: stats(loads[which].map((l) => l.longestAfterParseMs)),
      tasksOver50Ms: stats(loads[which].map((l) => l.over50)),
    };
  }
}
await browser.close();

// ---- 5. server (wrk on 127.0.0.1) -----------------------------------------------------
function wrk(url, seconds) {
  const r = spawnSync('wrk', ['-t2', '-c32', `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const out = r.stdout;
  const num = (re) => { const m = re.exec(out); return m ? m[1] : null; };
  const ms = (v) => (v === null ? null : v.endsWith('us') ? parseFloat(v) / 1000 : v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000);
  return {
    requestsPerS: parseFloat(num(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: ms(num(/50%\s+([\d.]+\w+)/)), p99Ms: ms(num(/99%\s+([\d.]+\w+)/)),
    socketErrors: (/Socket errors: (.*)/.exec(out) || [null, 'none'])[1],
    non2xx: parseInt(num(/Non-2xx or 3xx responses: (\d+)/) || '0', 10),
  };
}
if (version('wrk', ['--version']) !== 'not found') {
  const asset = '/widget/news-widget.css';
  const seconds = quick ? 2 : 5;
  const ourRender = [];
  const nginx = await startNginx(benchRoot).catch((e) => ({ error: e.message }));
  // Our server and nginx take turns, as the pages above do, so that noise on
  // the machine falls on both.
  const targets = { ours: server.origin, nginx: nginx.port ? `http://127.0.0.1:${nginx.port}` : null };
  const runs = await alternating(nginx.port ? ['ours', 'nginx'] : ['ours'], async (which) => wrk(targets[which] + asset, seconds));
  results.server.wrk = { runs: RUNS, seconds, threads: 2, connections: 32 };
  results.server.staticAsset = { path: asset, runs: runs.ours };
  if (nginx.port) {
    results.server.nginxStaticAsset = { runs: runs.nginx };
    nginx.stop();
  } else {
    results.server.nginxStaticAsset = nginx;
  }
  const probe = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', server.origin + '/render/north-korea-10000-soldiers?width=600'], { encoding: 'utf8' });
  if (probe.stdout === '200') {
    for (let i = 0; i < (quick ? 1 : 3); i++) ourRender.push(wrk(server.origin + '/render/north-korea-10000-soldiers?width=600', seconds));
    results.server.render = { runs: ourRender };
  }
}

// Slowloris (slowhttptest -H): a few hundred connections that send a request
// header a line at a time and never finish it, while a client makes one
// ordinary request every 100 ms on a new connection. The server should keep
// answering those, and quickly.
async function slowloris(origin, { connections = 300, seconds = 30 } = {}) {
  if (version('slowhttptest', ['-h']) === 'not found') return { error: 'slowhttptest not installed' };
  const http = await import('node:http');
  const attack = spawn('slowhttptest', ['-H', '-c', String(connections), '-i', '10', '-r', '100',
    '-l', String(seconds), '-u', `${origin}/healthz`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let attackOut = '';
  attack.stdout.on('data', (d) => { attackOut += d; });
  attack.stderr.on('data', (d) => { attackOut += d; });
  const attackDone = new Promise((resolve) => attack.on('exit', resolve));
  const normal = { sent: 0, answered: 0, latenciesMs: [] };
  const once = () => new Promise((resolve) => {
    const start = performance.now();
    normal.sent++;
    const req = http.get(`${origin}/healthz`, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) { normal.answered++; normal.latenciesMs.push(performance.now() - start); }
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve());
  });
  let attacking = true;
  attackDone.then(() => { attacking = false; });
  const pending = [];
  while (attacking) {
    pending.push(once());
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(pending);
  const text = attackOut.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const connected = [...text.matchAll(/connected:\s+(\d+)/g)].map((m) => +m[1]);
  const lat = normal.latenciesMs;
  return {
    connections, seconds,
    attackerMaxConnected: connected.length ? Math.max(...connected) : null,
    attackEndedAtS: +(/Test ended on (\d+)/.exec(text)?.[1] ?? NaN),
    attackExit: /Exit status: (.*)/.exec(text)?.[1]?.trim() ?? null,
    normalSent: normal.sent, normalAnswered: normal.answered,
    normalMaxLatencyMs: lat.length ? Math.max(...lat) : null,
    normalMedianLatencyMs: lat.length ? stats(lat).median : null,
  };
}
results.server.slowloris = await slowloris(server.origin);
// The same against a server whose connection limit is below the attacker's
// count: the slow connections must give way to the normal ones.
{
  const limited = spawn(path.join(repo, 'build/release/native/news-widget-server'),
    ['--port', '0', '--root', benchRoot, '--data', path.join(repo, 'tests/fixtures'), '--access-log', '/dev/null',
      '--max-connections', '200'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    limited.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]);
    });
    limited.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
  results.server.slowlorisOverLimit = { maxConnections: 200, ...(await slowloris(origin)) };
  limited.kill('SIGINT');
}

server.child.kill('SIGINT');

async function startNginx(root) {
  const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
  if (!nginxBin) throw new Error('nginx not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-bench-nginx-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `daemon off; worker_processes ${os.cpus().length}; pid ${dir}/nginx.pid;
error_log ${dir}/error.log; events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { text/css css; application/javascript js; application/wasm wasm; }
  server { listen 127.0.0.1:${port}; root ${root}; } }`);
  const child = spawn(nginxBin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  if (child.exitCode !== null) throw new Error('nginx did not start');
  return { port, stop: () => child.kill('SIGQUIT') };
}

fs.rmSync(benchRoot, { recursive: true, force: true });

// ---- report ------------------------------------------------------------------------
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
const lines = [];
const row = (...cells) => lines.push('| ' + cells.join(' | ') + ' |');
lines.push(`news-widget benchmark — ${results.when}`);
lines.push(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB; node ${results.machine.node}; ${results.machine.chromium}; ${results.machine.emcc}`);
lines.push(`runs per figure: ${RUNS} (median, min–max)`, '');
lines.push('1. Bytes a partner page downloads for the widget (before the card shows)');
row('file', 'raw', 'gzip -9', 'brotli -q 11');
row('---', '---:', '---:', '---:');
for (const f of widgetFiles) row(f, results.bytes[f].raw, results.bytes[f].gzip, results.bytes[f].brotli);
row(`**total (${results.bytes.requests} requests)**`, results.bytes.total.raw, results.bytes.total.gzip, results.bytes.total.brotli);
row('plain-JS baseline widget (renderer + widget + css)', results.bytes.plainBaseline.raw, results.bytes.plainBaseline.gzip, results.bytes.plainBaseline.brotli);
lines.push(`brotli total vs 20 KB target: ${(results.bytes.total.brotli / 1000).toFixed(1)} KB`, '');
if (results.wasm.byGroup) {
  lines.push(`2. Where the wasm code bytes go (${results.wasm.codeBytes} bytes of function bodies)`);
  for (const g of results.wasm.byGroup) lines.push(`   ${g.name.padEnd(22)} ${String(g.bytes).padStart(7)}  ${(g.share * 100).toFixed(1)}%`);
  lines.push('   sections: ' + results.wasm.sections.map((s) => `${s.section} ${s.bytes}`).join(', '));
  lines.push('   largest functions: ' + results.wasm.largestFunctions.slice(0, 6).map((f) => `${f.name.slice(0, 60)} (${f.bytes})`).join('; '), '');
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
    row(profile, which === 'wasm' ? 'news-widget (wasm)' : 'plain-JS baseline', fmtStats(r.fromNavigationMs), fmtStats(r.fromScriptMs),
      which === 'wasm' ? ratio(r.fromNavigationMs.median, rows.plain.fromNavigationMs.median) : '1.00x');
  }
}
lines.push('');
lines.push('4b. Longest main-thread task during load (mobile profile, 4x CPU; traced, until 1 s after the card), ms');
row('page', 'longest task', 'longest once the page parses', 'tasks over 50 ms', 'vs server-rendered card');
row('---', '---:', '---:', '---:', '---:');
const longTaskLabels = { wasm: 'news-widget (wasm)', plain: 'plain-JS baseline', prerendered: 'server-rendered card, no script (the floor)',
  text: 'one line of text, no card (any page)', textFullSpeed: 'one line of text, no CPU throttling (this machine\'s floor)' };
for (const [which, r] of Object.entries(results.longTasks)) {
  row(longTaskLabels[which], fmtStats(r.longestMs), fmtStats(r.longestAfterParseMs), fmtStats(r.tasksOver50Ms, '', 0), ratio(r.longestMs.median, results.longTasks.prerendered.longestMs.median));
}
lines.push('');
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
console.log(lines.join('\n'));
