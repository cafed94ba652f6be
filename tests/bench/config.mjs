// The benchmark's settings in one place: where things are, which browser it
// drives and how, and how many runs each figure takes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const site = path.join(repo, 'build/site');
export const fixturePath = path.join(repo, 'tests/fixtures/north-korea-10000-soldiers.json');
export const serverBin = path.join(repo, 'build/release/native/news-widget-server');
export const renderCli = path.join(repo, 'build/release/native/news-widget-render');
export const renderBench = path.join(repo, 'build/release/tests/bench/news-widget-render-bench');

// The browser: Debian's Chromium unless CHROMIUM names another (the same
// variable as the browser tests' harness, tests/js/harness.mjs).
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

// The size budget, written once (size-budget.json) for this and the test.
export const sizeBudget = JSON.parse(fs.readFileSync(path.join(here, 'size-budget.json'), 'utf8'));

// What the widget's downloads are to come down to (issue 17): printed beside
// the budget, which is what the test holds today.
export const sizeTarget = { widgetBrotliBytes: 20000, requests: 2, source: 'issue 17' };

// Runs per figure and the length of each measurement.
export function runSettings(quick) {
  return {
    quick,
    runs: quick ? 3 : 7,
    // Page loads are cheap and this machine's timings swing by 2x from load
    // to load: more of them per widget, so the medians (and their ratio) hold.
    cardRuns: quick ? 5 : 21,  // time to card, per widget and profile
    tracedRuns: quick ? 3 : 11,  // traced loads, per page
    perRound: quick ? 300 : 1500, // renders per timed round
    wrkSeconds: quick ? 2 : 5,
    renderWrkRuns: quick ? 1 : 3,
  };
}

// The first line a tool prints about its version, or 'not found'.
export function toolVersion(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.error) return 'not found';
  return ((r.stdout || '') + (r.stderr || '')).split('\n')[0].trim(); // wrk and nginx print it to stderr
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, chromium: toolVersion(chromiumPath, ['--version']),
    emcc: toolVersion('emcc', ['--version']), cxx: toolVersion('c++', ['--version']),
    wrk: toolVersion('wrk', ['--version']), nginx: toolVersion('nginx', ['-v']),
  };
}
