// Reads a Chrome trace (CDP Tracing, categories "toplevel" and
// "devtools.timeline") for the tasks of one page's renderer main thread.

// The longest task and the number over 50 ms on the main thread of the
// renderer that parsed `pagePath`. Every task counts, rendering included.
export function longestTasks(events, pagePath) {
  const parse = events.find((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').endsWith(pagePath));
  if (!parse) throw new Error(`no ParseHTML event for ${pagePath} in the trace`);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === parse.pid &&
    e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`no renderer main thread for ${pagePath} in the trace`);
  const durations = events
    .filter((e) => e.pid === parse.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => e.dur / 1000);
  return { longestMs: Math.max(0, ...durations), over50: durations.filter((d) => d > 50).length };
}
