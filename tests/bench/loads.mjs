// 4. Time to card in Chromium, on loopback and on a throttled mobile profile,
// against the one-file plain-JS widget; 4b. the longest main-thread task
// during load and 4c. where the time of a load goes, by phase, both read from
// a trace of the page's renderer.
import { alternating, stats } from './stats.mjs';
import { loadPhases, longestTasks, traceCategories } from './trace.mjs';

// The mobile profile: DevTools network emulation and 4x CPU throttling.
async function emulateMobile(cdp, cpuSlowdown = 4) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: (10e6 / 8), uploadThroughput: (5e6 / 8),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
}

// One load in a fresh context; the page's own report (pages.mjs).
async function loadOnce(browser, url, throttled) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const p = await context.newPage();
    if (throttled) await emulateMobile(await context.newCDPSession(p));
    const reported = p.waitForEvent('console', { predicate: (msg) => msg.text().startsWith('nw-bench '), timeout: 60000 });
    await p.goto(url);
    return JSON.parse((await reported).text().slice('nw-bench '.length));
  } finally {
    await context.close();
  }
}

export async function measureTimeToCard(browser, origin, runs) {
  const timeToCard = {};
  for (const [profile, throttled] of [['loopback', false], ['mobile (40 ms RTT, 10 Mbps, 4x CPU)', true]]) {
    const loads = await alternating(['wasm', 'plain'], runs, (which) => loadOnce(browser, `${origin}/bench/${which}.html`, throttled));
    const rows = {};
    for (const which of ['wasm', 'plain']) {
      rows[which] = {
        fromNavigationMs: stats(loads[which].map((l) => l.card)),
        fromScriptMs: stats(loads[which].map((l) => l.card - l.scriptStart)),
      };
    }
    timeToCard[profile] = rows;
  }
  return timeToCard;
}

// The trace events of one load of `url` in a fresh context (`viewport`),
// under the mobile profile with `cpuSlowdown`, until 0.9 s after the page
// reports its card (pages.mjs).
export async function traceLoad(browser, url, cpuSlowdown = 4, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  try {
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await emulateMobile(cdp, cpuSlowdown);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: traceCategories } });
    const reported = p.waitForEvent('console', { predicate: (msg) => msg.text().startsWith('nw-bench '), timeout: 60000 });
    await p.goto(url);
    await reported;
    await new Promise((resolve) => setTimeout(resolve, 900));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  } finally {
    await context.close();
  }
}

// From a trace of the page's renderer main thread, in loads of their own (the
// trace costs time), under the mobile profile, until 1 s after the card. Every
// task counts, rendering included: the longtask observer leaves out tasks in
// which no script of the page ran, such as most frames that lay out a card.
// A second figure counts only the tasks once the page parses (trace.mjs).
// With `withPhases`, also where the load's time went (trace.mjs, loadPhases).
async function tracedLoad(browser, origin, pagePath, cpuSlowdown = 4, withPhases = false) {
  const events = await traceLoad(browser, origin + pagePath, cpuSlowdown);
  const load = longestTasks(events, pagePath);
  if (withPhases) {
    try {
      load.phases = loadPhases(events, pagePath);
    } catch (e) {
      load.phasesError = e.message; // reported; the other figures stand
    }
  }
  return load;
}

// The pages whose loads are broken down by phase.
export const phasedPages = ['wasm', 'plain', 'prerendered'];

// {longTasks, phases}: per page, the long-task figures and (phasedPages) the
// phases, each a median with min-max over the runs.
export async function measureTracedLoads(browser, origin, runs) {
  // textFullSpeed: the one-line page without CPU throttling, what any page
  // costs this machine at full speed, against which the 4x figures are read.
  const pages = ['wasm', 'plain', 'prerendered', 'text', 'textFullSpeed'];
  const loads = await alternating(pages, runs, (which) =>
    (which === 'textFullSpeed' ? tracedLoad(browser, origin, '/bench/text.html', 1)
      : tracedLoad(browser, origin, `/bench/${which}.html`, 4, phasedPages.includes(which))));
  return { longTasks: longTaskStats(pages, loads), phases: phaseStats(loads) };
}

function phaseStats(loads) {
  const phases = {};
  for (const which of phasedPages) {
    const ok = loads[which].map((l) => l.phases).filter(Boolean);
    const errors = loads[which].map((l) => l.phasesError).filter(Boolean);
    if (!ok.length) {
      phases[which] = { error: errors[0] || 'no trace' };
      continue;
    }
    const requests = {};
    for (const kind of new Set(ok.flatMap((p) => Object.keys(p.requests)))) {
      const seen = ok.map((p) => p.requests[kind]).filter(Boolean);
      requests[kind] = { ms: stats(seen.map((r) => r.ms)), endMs: stats(seen.map((r) => r.endMs)) };
    }
    phases[which] = {
      loads: ok.length, errors,
      cardMs: stats(ok.map((p) => p.cardMs)),
      paintedMs: stats(ok.map((p) => p.paintedMs)),
      requests,
      mainThread: Object.fromEntries(Object.keys(ok[0].mainThread).map((k) => [k, stats(ok.map((p) => p.mainThread[k]))])),
      wasmCompileOffThreadMs: stats(ok.map((p) => p.wasmCompileOffThreadMs)),
    };
  }
  return phases;
}

function longTaskStats(pages, loads) {
  const longTasks = {};
  for (const which of pages) {
    longTasks[which] = {
      longestMs: stats(loads[which].map((l) => l.longestMs)),
      longestAfterParseMs: stats(loads[which].map((l) => l.longestAfterParseMs)),
      longestAfterParseCpuMs: stats(loads[which].map((l) => l.longestAfterParseCpuMs)),
      tasksOver50Ms: stats(loads[which].map((l) => l.over50)),
    };
  }
  return longTasks;
}
