// What the benchmark starts, so that it stops exactly that: its own child
// processes by PID (never by name: a user's own nginx or server is left
// alone), its temporary folders and its browser, whether the run ends
// normally, with an error or on Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const children = new Map(); // child -> the signal that stops it
const tempDirs = new Set();
const closers = [];

// spawn(), remembered until the child exits. `stopSignal` is what stops it
// cleanly (nginx: SIGQUIT).
export function spawnTracked(cmd, args, options, stopSignal = 'SIGINT') {
  const child = spawn(cmd, args, options);
  children.set(child, stopSignal);
  child.on('exit', () => children.delete(child));
  return child;
}

// Stops one tracked child and waits for it (SIGKILL after `graceMs`).
export function stop(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(children.get(child) || 'SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(timer));
}

// A fresh folder under the system's temp folder, removed at clean-up.
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

// Something else to undo at clean-up (closing the browser).
export function onCleanup(fn) {
  closers.push(fn);
}

// Undoes everything above, newest first; safe to call more than once.
export async function cleanUp() {
  while (closers.length) {
    try { await closers.pop()(); } catch { /* already gone */ }
  }
  await Promise.all([...children.keys()].map((child) => stop(child)));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
