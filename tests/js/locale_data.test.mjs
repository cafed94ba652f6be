// The committed locale table (core/src/locale_data.inc) is what the generator
// writes from the pinned CLDR packages and core/locales/locales.json: a
// changed word or a new CLDR version without a regenerated table fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './core_in_node.mjs';
import { generate } from '../../scripts/generate-locales.mjs';

test('the committed locale table is the one the generator writes', () => {
  const committed = fs.readFileSync(path.join(repoRoot, 'core/src/locale_data.inc'), 'utf8');
  assert.ok(committed === generate(),
    'core/src/locale_data.inc is stale: run node scripts/generate-locales.mjs');
});

test('the CLDR packages are pinned to exact versions', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  for (const name of ['cldr-core', 'cldr-dates-full', 'cldr-numbers-full']) {
    assert.match(pkg.devDependencies[name], /^\d+\.\d+\.\d+$/, `${name} must be pinned exactly`);
  }
});
