// The widget's option names live in one table, the core's (news_widget::option_names
// in core/include/news_widget/render.hpp), which the server's /render follows
// by linking the core. The loader cannot ask the wasm before it defines the
// element, and must not derive one list from another at run time (a hostile
// page may have patched Array methods), so it writes the names out twice:
// OPTION_ATTRIBUTES (what it forwards to the core) and observedAttributes.
// These tests fail when either copy drifts from the core's table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loaderApi, wasmPath } from './core_in_node.mjs';

// Attributes the loader reads itself and never forwards to the core.
const LOADER_ATTRIBUTES = ['src', 'related-src'];

// The core's option table, as the wasm exports it (nw_option_name).
async function coreOptionNames() {
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath()), {
    wasi_snapshot_preview1: { proc_exit(code) { throw new Error('proc_exit ' + code); } },
  });
  const x = instance.exports;
  if (x._initialize) x._initialize();
  const names = [];
  for (let i = 0; ; i++) {
    const ptr = x.nw_option_name(i);
    if (!ptr) break;
    const bytes = new Uint8Array(x.memory.buffer, ptr);
    names.push(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0))));
  }
  return names;
}

// The loader's element class, as it defines it.
function loaderElementClass() {
  let defined = null;
  loaderApi({
    customElements: {
      get() { return undefined; },
      define(name, cls) { defined = cls; },
    },
  });
  assert.ok(defined, 'the loader defines <news-widget>');
  return defined;
}

// The option keys the loader forwards to the core when every attribute in
// `present` is set (its OPTION_ATTRIBUTES, seen through what it does).
function forwardedKeys(ElementClass, present) {
  const el = new ElementClass();
  el.getAttribute = (name) => (present.includes(name) ? 'x' : null);
  return [...new URLSearchParams(el._optionsQuery(''))].map(([key]) => key);
}

test("the core's option table is what the wasm exports", async () => {
  const names = await coreOptionNames();
  assert.ok(names.length > 0);
  assert.equal(new Set(names).size, names.length, 'no name twice');
  for (const name of names) assert.match(name, /^[a-z][a-z-]*$/);
});

test("the loader forwards exactly the core's options (OPTION_ATTRIBUTES)", async () => {
  const core = await coreOptionNames();
  const ElementClass = loaderElementClass();
  const probe = [...core, ...LOADER_ATTRIBUTES, 'not-an-option', 'base'];
  assert.deepEqual(forwardedKeys(ElementClass, probe), core);
});

test("the loader observes exactly src and the core's options (observedAttributes)", async () => {
  const core = await coreOptionNames();
  const observed = [...loaderElementClass().observedAttributes];
  assert.deepEqual(observed, [...LOADER_ATTRIBUTES, ...core]);
});
