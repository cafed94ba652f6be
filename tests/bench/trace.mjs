// Reads a Chrome trace (CDP Tracing, categories "toplevel" and
// "devtools.timeline") for the tasks of one page's renderer main thread.

// The longest task and the number over 50 ms on the main thread of the
// renderer that parsed `pagePath`. Every task counts, rendering included.
// longestAfterParseMs leaves out the tasks that ended before the page's HTML
// began to be parsed: the renderer setting up the frame and committing the
// navigation, which no page's content can shorten.
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
  const afterParse = tasks.filter((e) => e.ts + e.dur > parse.ts).map((e) => e.dur / 1000);
  return {
    longestMs: Math.max(0, ...durations),
    longestAfterParseMs: Math.max(0, ...afterParse),
    over50: durations.filter((d) => d > 50).length,
  };
}
