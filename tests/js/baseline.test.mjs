// The benchmark's plain-JS baseline renderer produces the core's markup byte
// for byte for the seed fixture, so the benchmark compares equal work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { repoRoot, wasmRenderer } from './core_in_node.mjs';

function plainRenderer() {
  const context = vm.createContext({ URL, Intl, Date, Math, JSON, Array, String });
  vm.runInContext(fs.readFileSync(path.join(repoRoot, 'tests/bench/baseline/plain-renderer.js'), 'utf8'), context);
  return context.PlainNewsRenderer;
}

test('the plain-JS baseline renders the fixture exactly as the core does', async () => {
  const core = await wasmRenderer();
  const plain = plainRenderer();
  const json = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json'), 'utf8');
  const base = 'http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers';
  for (const width of [320, 600, 899, 900, 1200]) {
    const expected = core.render(json, width, 'base=' + encodeURIComponent(base));
    assert.ok(expected.ok);
    assert.equal(plain.render(json, width, base), expected.html, `width ${width}`);
  }
});
