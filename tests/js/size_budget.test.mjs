// The widget a partner page downloads (loader, wasm module and stylesheet as
// staged in build/site, each brotli -q 11: with the small core for a feed in
// our own format, and with the core for every format) stays within the size budgets in
// tests/bench/size-budget.json, the one place it is written (scripts/bench
// prints it beside the measured size; docs/size-budget.md explains it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { publisherFormatFiles, widgetBytes } from '../bench/bytes.mjs';
import { sizeBudget } from '../bench/config.mjs';
import { repoRoot } from './core_in_node.mjs';

const site = process.env.NEWS_WIDGET_SITE || path.join(repoRoot, 'build/site');

test('the widget a partner page downloads stays within the size budget (brotli)', () => {
  const { files, total } = widgetBytes(site);
  for (const [name, s] of Object.entries(files)) console.log(`${name}: ${s.raw} B raw, ${s.brotli} B brotli`);
  const budget = sizeBudget.widgetBrotliBytes;
  console.log(`total: ${total.brotli} B brotli; budget ${budget} B; ${budget - total.brotli} B to spare`);
  assert.ok(Number.isInteger(budget) && budget > 0, 'size-budget.json: widgetBrotliBytes must be a positive whole number');
  assert.ok(total.brotli <= budget, `the widget is ${total.brotli} B brotli, over its budget of ${budget} B`);
});

test('the widget for a feed in a publisher\'s format (the core that reads every format) stays within its budget (brotli)', () => {
  const { files, total } = widgetBytes(site, publisherFormatFiles);
  for (const [name, s] of Object.entries(files)) console.log(`${name}: ${s.raw} B raw, ${s.brotli} B brotli`);
  const budget = sizeBudget.publisherFormatsBrotliBytes;
  console.log(`total: ${total.brotli} B brotli; budget ${budget} B; ${budget - total.brotli} B to spare`);
  assert.ok(Number.isInteger(budget) && budget > 0, 'size-budget.json: publisherFormatsBrotliBytes must be a positive whole number');
  assert.ok(total.brotli <= budget, `the widget is ${total.brotli} B brotli, over its budget of ${budget} B`);
});
