// 3. Core render throughput of the seed fixture: natively, as wasm in node
// and in Chromium, each against the plain-JS renderer of the same markup
// (tests/bench/baseline/) in the same runtime.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { here, renderBench } from './config.mjs';
import { measurePair, stats } from './stats.mjs';

export const feedUrl = 'http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers';
export const optionsQuery = 'base=' + encodeURIComponent(feedUrl);

// Natively and in node; ctx: {fixturePath, fixtureText, wasmFile, runs, perRound}.
export async function measureRenderOutsideBrowser(ctx) {
  const render = {};
  const out = execFileSync(renderBench,
    [ctx.fixturePath, '1200', optionsQuery, String(ctx.runs), String(ctx.perRound)], { encoding: 'utf8' });
  render.native = stats(JSON.parse(out).renders_per_s);

  const { loaderApi } = await import('../js/core_in_node.mjs');
  const bytes = fs.readFileSync(ctx.wasmFile);
  const api = loaderApi();
  const firstCalls = [];
  for (let i = 0; i < ctx.runs; i++) {
    const r = await api.createRenderer(bytes);
    const t0 = performance.now();
    r.render(ctx.fixtureText, 1200, optionsQuery);
    firstCalls.push(performance.now() - t0);
  }
  render.wasmNodeFirstMs = stats(firstCalls);
  const core = await api.createRenderer(bytes);
  const sandbox = vm.createContext({ URL, Intl, Date, Math, JSON, Array, String });
  vm.runInContext(fs.readFileSync(path.join(here, 'baseline/plain-renderer.js'), 'utf8'), sandbox);
  const plain = sandbox.PlainNewsRenderer;
  const pair = measurePair(() => core.render(ctx.fixtureText, 1200, optionsQuery),
    () => plain.render(ctx.fixtureText, 1200, feedUrl), ctx.runs, ctx.perRound);
  render.wasmNode = stats(pair.a);
  render.plainNode = stats(pair.b);
  render.wasmNodeVsPlain = stats(pair.ratios);
  return render;
}

// In Chromium, on the bench site's render page at `origin`.
export async function measureRenderInBrowser(ctx, browser, origin) {
  const context = await browser.newContext();
  try {
    const p = await context.newPage();
    await p.goto(origin + '/bench/render.html');
    await p.addScriptTag({ content: `window.measurePair = ${measurePair.toString()};` });
    const wasmBytes = [...fs.readFileSync(ctx.wasmFile)];
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
    }, { feed: ctx.fixtureText, opts: optionsQuery, base: feedUrl, bytes: wasmBytes, runs: ctx.runs, per: ctx.perRound });
    return {
      wasmChromium: stats(r.wasm),
      plainChromium: stats(r.plain),
      wasmChromiumVsPlain: stats(r.ratios),
      chromiumInstantiateMs: stats(r.instantiate),
      chromiumFirstRenderMs: stats(r.first),
    };
  } finally {
    await context.close();
  }
}
