// Shared set-up for the browser tests: the native server on an ephemeral
// loopback port, and Debian's headless Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './core_in_node.mjs';

export { repoRoot };
export const artifactsDir = process.env.NEWS_WIDGET_ARTIFACTS || path.join(repoRoot, 'test-artifacts');
export const fixturePath = path.join(repoRoot, 'tests/fixtures/north-korea-10000-soldiers.json');
export const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));

const serverBin = process.env.NEWS_WIDGET_SERVER ||
  path.join(repoRoot, 'build/release/native/news-widget-server');
const siteRoot = process.env.NEWS_WIDGET_SITE || path.join(repoRoot, 'build/site');

// Starts news-widget-server on 127.0.0.1 with an ephemeral port.
// Resolves to {origin, stop()} once it prints its listening line.
export function startServer(extraArgs = []) {
  const child = spawn(serverBin, ['--host', '127.0.0.1', '--port', '0', '--root', siteRoot,
    '--data', path.join(repoRoot, 'tests/fixtures'), ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${stderr}`)); }, 10000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        origin: m[1],
        log: () => stderr,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done(child.exitCode);
          child.removeAllListeners('exit');
          child.on('exit', (code) => done(code));
          child.kill('SIGINT');
        }),
      });
    });
  });
}

// playwright-core gives every launch a fresh, temporary user-data-dir.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

// Registers node:test hooks that start a server and a browser for the file's
// tests, and stop them after; returns an object whose server/browser fields
// are set once they run.
export function useServerAndBrowser(before, after, assertCleanStop) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    const code = await env.server?.stop();
    if (assertCleanStop) assertCleanStop(code);
  });
  return env;
}

// A new page that records uncaught errors and console errors.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.pageErrors = [];
  page.consoleErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
  return page;
}

// Serves `html` at `url` (on the server's origin) for this page only.
export async function routeHtml(page, url, html) {
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

export function saveArtifact(name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}

// Waits until every <news-widget> on the page has rendered or failed.
export async function settled(page, count = 1) {
  await page.waitForFunction((n) => {
    const els = [...document.querySelectorAll('news-widget')];
    // ...and a tall card's second frame is done (its mount's nw-tall is gone).
    return els.length >= n && els.every((el) =>
      (el.classList.contains('news-widget--rendered') || el.classList.contains('news-widget--error')) &&
      !el.shadowRoot?.querySelector('.nw-tall'));
  }, count, { timeout: 20000 });
}
