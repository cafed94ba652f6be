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
