// The server's /render endpoint (native core) and the wasm core (through the
// web loader) give byte-identical cards for the fixtures at several widths,
// locales and options.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './harness.mjs';
import { repoRoot, wasmRenderer } from './core_in_node.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('/render matches the wasm render byte for byte', async () => {
  const core = await wasmRenderer();
  const ids = fs.readdirSync(path.join(repoRoot, 'tests/fixtures')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  assert.ok(ids.length >= 1);
  const cases = [
    [320, ''], [600, ''], [1200, ''], [600, 'locale=sv-SE'], [1024, 'locale=de-DE&theme=dark'],
    [480, 'locale=en-US&max-related=3&heading-level=3'], [320, 'layout=wide&theme=auto'],
  ];
  let compared = 0;
  for (const id of ids) {
    const feed = fs.readFileSync(path.join(repoRoot, 'tests/fixtures', id + '.json'));
    for (const [width, options] of cases) {
      const response = await fetch(`${server.origin}/render/${id}?width=${width}${options ? '&' + options : ''}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      const served = await response.text();
      const base = 'base=' + encodeURIComponent(`${server.origin}/api/articles/${id}`);
      const wasm = core.render(new Uint8Array(feed), width, options ? `${options}&${base}` : base);
      assert.ok(wasm.ok);
      assert.equal(served, wasm.html, `${id} at ${width}px ${options}`);
      compared++;
    }
  }
  assert.equal(compared, ids.length * cases.length);
});

test('/render?format=shadow-root wraps the same card for the pre-rendered embed', async () => {
  const served = await (await fetch(`${server.origin}/render/north-korea-10000-soldiers?width=600&format=shadow-root`)).text();
  const plain = await (await fetch(`${server.origin}/render/north-korea-10000-soldiers?width=600`)).text();
  // The stylesheet under the content-hashed name scripts/build wrote, which the loader also asks for.
  const loader = await (await fetch(`${server.origin}/widget/news-widget.js`)).text();
  const stylesheet = /"(news-widget\.[0-9a-f]{10}\.css)"/.exec(loader)[1];
  // The seed card is estimated taller than 1,334 px at 600 px: laid out in two frames (nw-tall).
  assert.equal(served, `<template shadowrootmode="open"><link rel="stylesheet" href="${server.origin}/widget/${stylesheet}"><div class="nw-mount nw-tall" part="container">${plain}</div></template>`);
});
