// Reads a Chrome trace (CDP Tracing, the categories in traceCategories) of
// one page's load: the tasks of its renderer's main thread (longestTasks),
// where the load's time went, by phase (loadPhases), and its style and
// layout time alone (styleAndLayout, for style-cost.mjs).

// The longest task and the number over 50 ms on the main thread of the
// renderer that parsed `pagePath`. Every task counts, rendering included.
// longestAfterParseMs leaves out the tasks that ended before the page's HTML
// began to be parsed: the renderer setting up the frame and committing the
// navigation, which no page's content can shorten. longestAfterParseCpuMs is
// the same task's measure in the thread's CPU time (the work itself: neither
// the throttling's pauses nor a busy machine's stolen time count), the
// steadier figure on a shared machine.
export function longestTasks(events, pagePath) {
  const parses = events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').endsWith(pagePath));
  if (!parses.length) throw new Error(`no ParseHTML event for ${pagePath} in the trace`);
  const parse = parses.reduce((a, b) => (b.ts < a.ts ? b : a));
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === parse.pid &&
    e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`no renderer main thread for ${pagePath} in the trace`);
  const tasks = events.filter((e) => e.pid === parse.pid && e.tid === main.tid && e.ph === 'X' &&
    e.name === 'ThreadControllerImpl::RunTask');
  const durations = tasks.map((e) => e.dur / 1000);
  const afterParseTasks = tasks.filter((e) => e.ts + e.dur > parse.ts);
  return {
    longestMs: Math.max(0, ...durations),
    longestAfterParseMs: Math.max(0, ...afterParseTasks.map((e) => e.dur / 1000)),
    longestAfterParseCpuMs: Math.max(0, ...afterParseTasks.map((e) => (e.tdur ?? e.dur) / 1000)),
    over50: durations.filter((d) => d > 50).length,
  };
}

// What the bench records: the tasks (toplevel), the renderer's timeline
// (devtools.timeline: fetches, script, style, layout, paint), the wasm
// compiler's steps (v8.wasm), microtasks (v8.execute: promise callbacks, where
// the widgets render), the page's marks (blink.user_timing) and the browser
// setting up fonts (fonts: a few dozen events a load).
export const traceCategories = ['toplevel', 'devtools.timeline', 'v8.wasm', 'v8.execute', 'blink.user_timing', 'fonts'];

// The browser finding and setting up a font (a face at a size and weight)
// the first time text is set in it, inside style or layout. On Linux it asks
// the browser process, once per family, weight and style it looks for (a
// family it does not have included) and once per font for its rendering.
const fontSetUp = 'FontCache::GetFontPlatformData';
const familyLookUp = 'FontDataManager::onMatchFamilyStyle';
const fontRenderStyle = 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike';

// The mark the bench pages set when their card is in the DOM (pages.mjs).
export const cardMark = 'nw-bench:card';

// The requests of a load, by what they fetch: the widget's script (the loader
// or the one-file baseline), its wasm module, its stylesheet and the feed.
const requestKinds = [
  ['script', /\/(widget\/news-widget|bench\/plain-widget)\.js$/],
  ['wasm', /\.wasm$/],
  ['styles', /\/widget\/news-widget(\.[0-9a-f]{10})?\.css$/],
  ['feed', /\/api\/articles\/[^/?]+$/],
];

// Main-thread work by phase, from each trace event's own time (its duration
// less that of the classified events nested in it): a layout that a script
// forces counts as layout, a lazy wasm compile inside a render call counts as
// compile. Tasks' time that no classified event explains is 'other'; all
// that ends before the page's HTML begins to be parsed is 'navigation' (the
// renderer committing it, which no page content can shorten). Setting up
// fonts counts apart from the style or layout it happens in ('fonts').
const phaseByName = {
  'ThreadControllerImpl::RunTask': 'other',
  ParseHTML: 'parse',
  EvaluateScript: 'script', 'v8.compile': 'script',
  FunctionCall: 'render', RunMicrotasks: 'render', TimerFire: 'render', EventDispatch: 'render',
  RunPostTaskCallback: 'render', FireAnimationFrame: 'render', FireIdleCallback: 'render',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style',
  Layout: 'layout', [fontSetUp]: 'fonts',
  PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', Commit: 'paint', UpdateLayer: 'paint',
  UpdateLayerTree: 'paint', PaintImage: 'paint', 'Decode Image': 'paint', CompositeLayers: 'paint',
};
export const mainThreadPhases = ['navigation', 'script', 'wasmCompile', 'render', 'style', 'layout', 'fonts', 'paint', 'parse', 'other'];
const phaseOf = (e) => ((e.cat || '').split(',').includes('v8.wasm') ? 'wasmCompile' : phaseByName[e.name]);

// The events of `events` (complete events of one thread) that no other of
// them encloses, in start order.
function outermost(events) {
  let reach = -Infinity;
  return [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur).filter((e) => {
    if (e.ts < reach) return false;
    reach = e.ts + e.dur;
    return true;
  });
}

// Own time of each event in `events` (complete events of one thread), by
// nesting: {event, self} in start order.
function ownTimes(events) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  const out = [];
  for (const e of sorted) {
    while (stack.length && stack[stack.length - 1].event.ts + stack[stack.length - 1].event.dur <= e.ts) stack.pop();
    const entry = { event: e, self: e.dur };
    if (stack.length) stack[stack.length - 1].self -= e.dur;
    stack.push(entry);
    out.push(entry);
  }
  return out;
}

// Where the time of one load of `pagePath` went, from navigation start until
// the end of the task that first paints after the page's card mark (below):
// {cardMs, paintedMs, requests: {kind: {startMs, endMs, ms}}, mainThread:
// {phase: ms}, wasmCompileOffThreadMs}. Times from navigation start; a
// request runs from the renderer sending it to the renderer receiving its
// last byte (as the page saw it, CPU throttling included).
export function loadPhases(events, pagePath) {
  const parses = events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').endsWith(pagePath));
  if (!parses.length) throw new Error(`no ParseHTML event for ${pagePath} in the trace`);
  const parse = parses.reduce((a, b) => (b.ts < a.ts ? b : a));
  const pid = parse.pid;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`no renderer main thread for ${pagePath} in the trace`);
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === pid &&
    (e.args?.data?.documentLoaderURL || '').endsWith(pagePath));
  if (!nav) throw new Error(`no navigationStart for ${pagePath} in the trace`);
  const card = events.filter((e) => e.name === cardMark && e.pid === pid && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts)[0];
  if (!card) throw new Error(`no ${cardMark} mark for ${pagePath} in the trace`);
  const onMain = events.filter((e) => e.pid === pid && e.tid === main.tid && e.ph === 'X');
  // The window ends with the task that paints first after the mark; a page
  // whose card was painted before its mark (the server-rendered one, marked
  // at load) and never again: with the task that set the mark.
  const paint = onMain.filter((e) => e.name === 'Paint' && e.ts >= card.ts).sort((a, b) => a.ts - b.ts)[0] || card;
  const taskOf = (e) => onMain.find((t) => t.name === 'ThreadControllerImpl::RunTask' && t.ts <= e.ts && t.ts + t.dur >= e.ts + (e.dur || 0));
  const lastTask = taskOf(paint);
  const end = lastTask ? lastTask.ts + lastTask.dur : paint.ts + (paint.dur || 0);
  const ms = (ts) => (ts - nav.ts) / 1000;

  const mainThread = Object.fromEntries(mainThreadPhases.map((p) => [p, 0]));
  for (const { event, self } of ownTimes(onMain.filter(phaseOf))) {
    if (event.ts >= nav.ts && event.ts < end) mainThread[event.ts + event.dur <= parse.ts ? 'navigation' : phaseOf(event)] += self / 1000;
  }
  for (const p of mainThreadPhases) mainThread[p] = Math.round(mainThread[p] * 1000) / 1000;

  const requests = {};
  const sent = events.filter((e) => e.name === 'ResourceSendRequest' && e.pid === pid && e.ts >= nav.ts);
  for (const [kind, pattern] of requestKinds) {
    const send = sent.find((e) => pattern.test(e.args?.data?.url || ''));
    if (!send) continue;
    const finish = events.find((e) => e.name === 'ResourceFinish' && e.pid === pid && e.args?.data?.requestId === send.args.data.requestId);
    if (!finish) throw new Error(`no ResourceFinish for ${send.args.data.url} in the trace`);
    requests[kind] = { startMs: ms(send.ts), endMs: ms(finish.ts), ms: (finish.ts - send.ts) / 1000 };
  }

  // The wasm compiler's work on the renderer's other threads (outermost events).
  let offThread = 0;
  const wasmElsewhere = events.filter((e) => e.pid === pid && e.tid !== main.tid && e.ph === 'X' && phaseOf(e) === 'wasmCompile' &&
    e.ts >= nav.ts && e.ts < end);
  for (const tid of new Set(wasmElsewhere.map((e) => e.tid))) {
    for (const e of outermost(wasmElsewhere.filter((x) => x.tid === tid))) offThread += e.dur / 1000;
  }
  return { cardMs: ms(card.ts), paintedMs: ms(end), requests, mainThread, wasmCompileOffThreadMs: offThread };
}

// The renderer main thread's style and layout time in one load, from the
// start of parsing to the end of the trace: each event's own time (less the
// events of the other phase nested in it), in ms: {style, layout,
// styleLayout} as wall time (stretched by the throttling and by whatever else
// the machine runs) and {styleCpu, layoutCpu, styleLayoutCpu} as the thread's
// CPU time (the work itself, which neither the throttling's pauses nor
// waiting on the browser process, as for a font, add to; wall time where a
// trace has no thread times). Setting up fonts, which happens inside that
// style and layout unless a script measures text: {fonts, fontsCpu} (the
// outermost set-ups' times), {fontsSetUp} (the renderer's queries of a
// font's rendering: one per font on Linux, none elsewhere) and
// {familyLookUps} (its look-ups of a family by name, misses included).
const styleLayoutPhaseOf = { UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style', Layout: 'layout' };
export function styleAndLayout(events, pagePath) {
  const parse = events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').endsWith(pagePath))
    .sort((a, b) => a.ts - b.ts)[0];
  if (!parse) throw new Error(`no ParseHTML event for ${pagePath} in the trace`);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === parse.pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`no renderer main thread for ${pagePath} in the trace`);
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= parse.ts);
  const phased = onMain.filter((e) => styleLayoutPhaseOf[e.name]).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = { style: 0, layout: 0, styleCpu: 0, layoutCpu: 0 };
  const stack = [];
  for (const e of phased) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const phase = styleLayoutPhaseOf[e.name];
    out[phase] += e.dur / 1000;
    out[phase + 'Cpu'] += (e.tdur ?? e.dur) / 1000;
    if (stack.length) { // nested: its time is its own phase's, not its parent's
      const parent = styleLayoutPhaseOf[stack[stack.length - 1].name];
      out[parent] -= e.dur / 1000;
      out[parent + 'Cpu'] -= (e.tdur ?? e.dur) / 1000;
    }
    stack.push(e);
  }
  const setUps = outermost(onMain.filter((e) => e.name === fontSetUp));
  const fonts = {
    fonts: setUps.reduce((t, e) => t + e.dur / 1000, 0),
    fontsCpu: setUps.reduce((t, e) => t + (e.tdur ?? e.dur) / 1000, 0),
    fontsSetUp: onMain.filter((e) => e.name === fontRenderStyle).length,
    familyLookUps: onMain.filter((e) => e.name === familyLookUp).length,
  };
  return { ...out, styleLayout: out.style + out.layout, styleLayoutCpu: out.styleCpu + out.layoutCpu, ...fonts };
}
