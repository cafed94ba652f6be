// Third-party test data that no package registry ships, read from ../shared
// beside the checkout (README, "Test data"). A node test that reads it takes
// `fromShared(folder)` as its options and ends its title with
// "(from ../shared)". ctest runs such tests in an entry of their own
// (NAME.shared, which reports itself skipped when the folder is missing, see
// tests/support/needs_shared.sh); the plain entry sets NEWS_WIDGET_SKIP_SHARED
// so that they are left out there.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './core_in_node.mjs';

export const testdata = process.env.NEWS_WIDGET_SHARED_TESTDATA || path.join(repoRoot, '../shared/testdata');

// node:test options for a test that reads `testdata/<folder>` for each folder.
export function fromShared(...folders) {
  if (process.env.NEWS_WIDGET_SKIP_SHARED) return { skip: 'runs in the ctest entry NAME.shared' };
  const missing = folders.map((f) => path.join(testdata, f)).filter((dir) => !fs.existsSync(dir));
  return missing.length ? { skip: `needs ${missing.join(', ')} (not found)` } : {};
}
