// The published JSON Schema agrees with the fixture and with the core's own
// notion of a usable feed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { repoRoot, wasmRenderer } from './core_in_node.mjs';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema/article-v1.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json'), 'utf8'));

test('every news-widget v1 fixture is valid against the schema', () => {
  const dir = path.join(repoRoot, 'tests/fixtures');
  // The other fixtures are publishers' formats (JSON Feed, JSON-LD, WordPress), which the schema does not describe.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
    .filter((f) => 'article' in JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  assert.ok(files.length >= 1);
  for (const f of files) {
    const ok = validate(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
});

test('feeds the core refuses are invalid against the schema too', async () => {
  const core = await wasmRenderer();
  const refused = [
    { version: 2, article: { title: 'T' } },
    { version: 1 },
    { version: 1, article: { title: '' } },
    { version: 1, article: { title: 5 } },
    { version: 1, article: [] },
  ];
  for (const feed of refused) {
    assert.equal(validate(feed), false, JSON.stringify(feed));
    assert.equal(core.render(JSON.stringify(feed), 600, '').ok, false, JSON.stringify(feed));
  }
  assert.equal(core.render(JSON.stringify(fixture), 600, '').ok, true);
});

// Partners match on diagnostic ids (the events carry them): README's list is
// the set the core's sources name, no more and no less.
test('README lists every diagnostic id the core reports, and no other', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('Diagnostic ids:');
  assert.ok(start >= 0, 'README has its "Diagnostic ids:" paragraph');
  const paragraph = readme.slice(start, readme.indexOf('\n\n', start));
  const listed = new Set([...paragraph.matchAll(/`([a-z_]+\.[a-z_-]+)`/g)].map((m) => m[1]));
  const src = path.join(repoRoot, 'core/src');
  const named = new Set();
  for (const f of fs.readdirSync(src).filter((n) => /\.(cpp|hpp)$/.test(n))) {
    for (const m of fs.readFileSync(path.join(src, f), 'utf8').matchAll(/"([a-z_]+\.[a-z_-]+)"/g)) {
      if (!/\.(cpp|hpp|inc)$/.test(m[1])) named.add(m[1]); // not an #include's file name
    }
  }
  assert.ok(named.size >= 30);
  assert.deepEqual([...listed].sort(), [...named].sort());
});
