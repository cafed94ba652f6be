// ESLint (pinned in package.json) over the JavaScript the project writes:
// the loader in web/, the node and browser tests, the benchmark and the
// scripts. Rules that catch real problems only; layout is left as written.
// Run by ctest (lint.js) and by hand: npx eslint
import js from '@eslint/js';
import globals from 'globals';

const problems = {
  ...js.configs.recommended.rules,
  'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true }],
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-var': 'off',
  'no-implicit-globals': 'error',
  'no-shadow-restricted-names': 'error',
  'no-unused-expressions': 'error',
  'no-self-compare': 'error',
  'no-template-curly-in-string': 'error',
  'no-unreachable-loop': 'error',
  'prefer-const': 'error',
};

export default [
  { ignores: ['build/**', 'node_modules/**', 'test-artifacts/**', 'fuzz-corpus/**'] },
  {
    // Classic scripts that run in the partner's page: the loader, and the
    // benchmark's plain-JS baseline widget.
    files: ['web/**/*.js', 'tests/bench/baseline/*.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'script', globals: { ...globals.browser } },
    rules: problems,
  },
  {
    // Node modules; the tests' and the benchmark's also hand functions to
    // the browser (page.evaluate), so browser globals are known there too.
    files: ['tests/js/**/*.mjs', 'tests/bench/**/*.mjs', 'tests/support/**/*.mjs', 'scripts/*.mjs',
      'eslint.config.mjs'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    rules: problems,
  },
];
