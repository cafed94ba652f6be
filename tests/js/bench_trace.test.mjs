// The benchmark's reading of a Chrome trace (tests/bench/trace.mjs): which
// tasks count as the page's, on a made-up trace and on a real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longestTasks } from '../bench/trace.mjs';
import { launchBrowser } from './harness.mjs';

const task = (pid, tid, ms, atMs = 400) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts: atMs * 1000, dur: ms * 1000 });
const thread = (pid, tid, name) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });

test('counts every task of the page renderer main thread, and nothing else', () => {
  const events = [
    thread(1, 10, 'CrRendererMain'), thread(1, 11, 'Compositor'), thread(2, 20, 'CrRendererMain'),
    // The page's HTML is parsed from 300 ms (and again, in a later chunk, at 600 ms).
    { ph: 'X', name: 'ParseHTML', pid: 1, tid: 10, ts: 600000, dur: 3000, args: { beginData: { url: 'http://127.0.0.1:8080/bench/wasm.html' } } },
    { ph: 'X', name: 'ParseHTML', pid: 1, tid: 10, ts: 300000, dur: 5000, args: { beginData: { url: 'http://127.0.0.1:8080/bench/wasm.html' } } },
    task(1, 10, 150, 0),  // commits the navigation, ends before the parse begins
    task(1, 10, 120, 250),  // the parse begins in this task: it counts
    task(1, 10, 30), task(1, 10, 60), task(1, 10, 50),
    task(1, 11, 500),  // another thread of the same renderer
    task(2, 20, 900),  // another renderer (a spare, another page)
  ];
  assert.deepEqual(longestTasks(events, '/bench/wasm.html'), { longestMs: 150, longestAfterParseMs: 120, over50: 3 });
  const early = events.filter((e) => !(e.ts === 250000 && e.dur === 120000));
  assert.deepEqual(longestTasks(early, '/bench/wasm.html'), { longestMs: 150, longestAfterParseMs: 60, over50: 2 });
  assert.throws(() => longestTasks(events, '/bench/plain.html'), /no ParseHTML event for \/bench\/plain\.html/);
  assert.throws(() => longestTasks(events.slice(3), '/bench/wasm.html'), /no renderer main thread/);
});

test('finds a page\'s 80 ms script task in a real Chromium trace', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = 'http://127.0.0.1:9/trace-check.html';
    await page.route(url, (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8',
      // "busy done" is logged from the next task: by then the busy task has
      // ended and its trace event is written. Logged from the busy task itself,
      // the trace could end before the task did, and leave it out.
      body: `<!doctype html><title>trace</title><p>text</p><script>setTimeout(() => {
        const t = performance.now(); while (performance.now() - t < 80);
        setTimeout(() => console.log('busy done'), 0); }, 50);</script>`,
    }));
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] } });
    const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'busy done' });
    await page.goto(url);
    await done;
    await cdp.send('Tracing.end');
    await complete;
    const r = longestTasks(events, '/trace-check.html');
    assert.ok(r.longestMs >= 80, `longest task ${r.longestMs} ms, expected the 80 ms busy loop`);
    assert.ok(r.longestAfterParseMs >= 80, `longest task after the parse began ${r.longestAfterParseMs} ms, expected the busy loop`);
    assert.ok(r.over50 >= 1);
  } finally {
    await browser.close();
  }
});
