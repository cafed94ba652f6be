// scripts/bench: measures what the widget costs a partner page, side by side
// with baselines measured in the same run, and prints one table (and writes
// the same figures as JSON). Medians of repeated runs, with min-max.
//
//   node tests/bench/bench.mjs [--quick] [--out FILE]
//
// The baseline is a plain-JS widget in one file (baseline.mjs): renderer and
// CSS inlined, one request plus the feed, the same markup as the core.
// The measuring modules: bytes.mjs (download size, the wasm's make-up),
// render.mjs (render throughput), loads.mjs (time to card, long tasks and
// the phases of a load, from traces read by trace.mjs),
// serverload.mjs (wrk, nginx, slowloris); report.mjs prints the table.
// Everything the run starts (servers, nginx, the browser, temp folders) is
// stopped by processes.mjs when it ends, fails or is interrupted.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { oneFileBaseline } from './baseline.mjs';
import { measureBytes, measureWasm } from './bytes.mjs';
import { chromiumArgs, chromiumPath, fixturePath, machine, repo, runSettings, site, sizeBudget } from './config.mjs';
import { measureTimeToCard, measureTracedLoads } from './loads.mjs';
import { buildBenchSite, startServer } from './pages.mjs';
import { cleanUp, onCleanup, stop } from './processes.mjs';
import { measureRenderInBrowser, measureRenderOutsideBrowser } from './render.mjs';
import { formatReport } from './report.mjs';
import { measureSlowloris, measureThroughput } from './serverload.mjs';

const args = process.argv.slice(2);
const settings = runSettings(args.includes('--quick'));
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(repo, 'build/bench/results.json');

// On Ctrl-C (or SIGTERM): stop what the run started, then exit 130. The
// measurement under way fails as its browser or server goes: that is expected.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`bench: ${signal}: stopping what the run started`);
    cleanUp().finally(() => process.exit(130));
  });
}

async function run() {
  const ctx = {
    ...settings,
    fixturePath,
    fixtureText: fs.readFileSync(fixturePath, 'utf8'),
    // The module a feed in our own format renders with (the seed fixture's).
    wasmFile: path.join(site, 'widget/news-widget-v1.wasm'),
  };
  const results = { when: new Date().toISOString(), machine: machine(), bytes: {}, wasm: {}, render: {}, timeToCard: {}, longTasks: {}, phases: {}, server: {} };
  const plainWidget = (await oneFileBaseline()).code;
  results.bytes = measureBytes(site, plainWidget);
  results.wasm = measureWasm(ctx.wasmFile, 'news-widget-v1-profile.wasm');
  results.render = await measureRenderOutsideBrowser(ctx);

  const benchRoot = buildBenchSite(site, fixturePath, plainWidget);
  const server = await startServer(benchRoot);
  // The run's own clean-up closes it, on Ctrl-C too.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, handleSIGINT: false, handleSIGTERM: false });
  onCleanup(() => browser.close());
  Object.assign(results.render, await measureRenderInBrowser(ctx, browser, server.origin));
  results.timeToCard = await measureTimeToCard(browser, server.origin, ctx.cardRuns);
  ({ longTasks: results.longTasks, phases: results.phases } = await measureTracedLoads(browser, server.origin, ctx.tracedRuns));
  await browser.close();

  results.server = await measureThroughput(settings, server.origin, benchRoot);
  Object.assign(results.server, await measureSlowloris(server.origin, benchRoot));
  await stop(server.child);
  return results;
}

let results;
try {
  results = await run();
} catch (e) {
  if (interrupted) await new Promise(() => {}); // the signal handler exits
  throw e;
} finally {
  await cleanUp();
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
console.log(formatReport(results, { runs: settings.runs, cardRuns: settings.cardRuns, tracedRuns: settings.tracedRuns, outFile, budget: sizeBudget }));
