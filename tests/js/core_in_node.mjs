// Loads the web loader (web/widget/news-widget.js) in a bare VM context, as a
// browser would but without a DOM, and instantiates the wasm core through it:
// the tests exercise the same loader code that partner pages run.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

// `globals` replaces some of the context's globals (a test's WebAssembly, say).
export function loaderApi(globals = {}) {
  const source = fs.readFileSync(path.join(repoRoot, 'web/widget/news-widget.js'), 'utf8');
  const context = vm.createContext({
    TextEncoder, TextDecoder, WebAssembly, URL, URLSearchParams, console,
    setTimeout, clearTimeout, ...globals,
  });
  vm.runInContext(source, context, { filename: 'news-widget.js' });
  if (!context.NewsWidget) throw new Error('the loader did not define NewsWidget');
  return context.NewsWidget;
}

export function wasmPath() {
  return process.env.NEWS_WIDGET_WASM ||
    path.join(repoRoot, 'build/wasm-release/wasm/news-widget.wasm');
}

export async function wasmRenderer() {
  return loaderApi().createRenderer(fs.readFileSync(wasmPath()));
}
