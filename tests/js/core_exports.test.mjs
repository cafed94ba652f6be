// What the loader takes from the wasm core besides the card: the layout the
// core chose (an export, not read back from the markup) and the one import
// the module needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, wasmPath, wasmRenderer } from './core_in_node.mjs';

const fixture = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json'));

test('the module imports only wasi_snapshot_preview1.proc_exit', () => {
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath()));
  assert.deepEqual(WebAssembly.Module.imports(module),
    [{ module: 'wasi_snapshot_preview1', name: 'proc_exit', kind: 'function' }]);
});

test("render() reports the layout the core chose, the card's data-layout", async () => {
  const core = await wasmRenderer();
  const cases = [
    [300, '', 'narrow'],
    [600, '', 'regular'],
    [1000, '', 'wide'],
    [300, 'layout=wide', 'wide'],
    [1000, 'layout=narrow', 'narrow'],
  ];
  for (const [width, options, expected] of cases) {
    const r = core.render(new Uint8Array(fixture), width, options);
    assert.equal(r.ok, true);
    assert.equal(r.layout, expected, `${width} ${options}`);
    assert.equal(/data-layout="(\w+)"/.exec(r.html)[1], expected);
  }
  const failed = core.render('{"version":1}', 600, '');
  assert.equal(failed.ok, false);
  assert.equal(failed.layout, null);
});
