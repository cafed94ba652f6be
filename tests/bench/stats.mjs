// Medians with min-max, and paired timing of two functions.

export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

// Calls per second of two functions, measured in alternating rounds (and
// alternating which goes first), so that a burst of noise on the machine falls
// on both; `ratios` are a/b per round. Self-contained: it also runs inside
// Chromium (passed as its source text).
export function measurePair(a, b, runs, perRound) {
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

// `load(which)` `runs` times for each of `pages`, alternating between them
// (and reversing their order every other round), so a burst of noise on the
// machine falls on all. Returns {which: [result, ...]}.
export async function alternating(pages, runs, load) {
  const loads = Object.fromEntries(pages.map((which) => [which, []]));
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? [...pages].reverse() : pages) loads[which].push(await load(which));
  }
  return loads;
}
