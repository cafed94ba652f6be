// 5. The server under load on 127.0.0.1: wrk against news-widget-server and
// nginx (each started here, on a free port, and stopped by PID), and a
// slowloris attack (slowhttptest) with ordinary requests alongside.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { toolVersion } from './config.mjs';
import { startServer } from './pages.mjs';
import { spawnTracked, stop, tempDir } from './processes.mjs';
import { alternating, stats } from './stats.mjs';

function wrk(url, seconds) {
  const r = spawnSync('wrk', ['-t2', '-c32', `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const out = r.stdout;
  const num = (re) => { const m = re.exec(out); return m ? m[1] : null; };
  const ms = (v) => (v === null ? null : v.endsWith('us') ? parseFloat(v) / 1000 : v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000);
  return {
    requestsPerS: parseFloat(num(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: ms(num(/50%\s+([\d.]+\w+)/)), p99Ms: ms(num(/99%\s+([\d.]+\w+)/)),
    socketErrors: (/Socket errors: (.*)/.exec(out) || [null, 'none'])[1],
    non2xx: parseInt(num(/Non-2xx or 3xx responses: (\d+)/) || '0', 10),
  };
}

// nginx serving `root` from a configuration of its own, in the foreground
// (daemon off), so that the child is its master process.
async function startNginx(root) {
  const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
  if (!nginxBin) throw new Error('nginx not installed');
  const dir = tempDir('nw-bench-nginx-');
  const port = 20000 + Math.floor(Math.random() * 20000);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `daemon off; worker_processes ${os.cpus().length}; pid ${dir}/nginx.pid;
error_log ${dir}/error.log; events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { text/css css; application/javascript js; application/wasm wasm; }
  server { listen 127.0.0.1:${port}; root ${root}; } }`);
  const child = spawnTracked(nginxBin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' }, 'SIGQUIT');
  await new Promise((r) => setTimeout(r, 500));
  if (child.exitCode !== null) throw new Error('nginx did not start');
  return { port, child };
}

// wrk on the static asset, taking turns with nginx; then /render.
export async function measureThroughput(settings, origin, benchRoot) {
  const server = {};
  if (toolVersion('wrk', ['--version']) === 'not found') return server;
  const asset = '/widget/news-widget.css';
  const seconds = settings.wrkSeconds;
  const nginx = await startNginx(benchRoot).catch((e) => ({ error: e.message }));
  try {
    // Our server and nginx take turns, as the pages do, so that noise on
    // the machine falls on both.
    const targets = { ours: origin, nginx: nginx.port ? `http://127.0.0.1:${nginx.port}` : null };
    const runs = await alternating(nginx.port ? ['ours', 'nginx'] : ['ours'], settings.runs, async (which) => wrk(targets[which] + asset, seconds));
    server.wrk = { runs: settings.runs, seconds, threads: 2, connections: 32 };
    server.staticAsset = { path: asset, runs: runs.ours };
    server.nginxStaticAsset = nginx.port ? { runs: runs.nginx } : nginx;
  } finally {
    if (nginx.child) await stop(nginx.child);
  }
  const renderPath = '/render/north-korea-10000-soldiers?width=600';
  const probe = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', origin + renderPath], { encoding: 'utf8' });
  if (probe.stdout === '200') {
    const ourRender = [];
    for (let i = 0; i < settings.renderWrkRuns; i++) ourRender.push(wrk(origin + renderPath, seconds));
    server.render = { runs: ourRender };
  }
  return server;
}

// Slowloris (slowhttptest -H): a few hundred connections that send a request
// header a line at a time and never finish it, while a client makes one
// ordinary request every 100 ms on a new connection. The server should keep
// answering those, and quickly.
async function slowloris(origin, { connections = 300, seconds = 30 } = {}) {
  if (toolVersion('slowhttptest', ['-h']) === 'not found') return { error: 'slowhttptest not installed' };
  const attack = spawnTracked('slowhttptest', ['-H', '-c', String(connections), '-i', '10', '-r', '100',
    '-l', String(seconds), '-u', `${origin}/healthz`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let attackOut = '';
  attack.stdout.on('data', (d) => { attackOut += d; });
  attack.stderr.on('data', (d) => { attackOut += d; });
  const attackDone = new Promise((resolve) => attack.on('exit', resolve));
  const normal = { sent: 0, answered: 0, latenciesMs: [] };
  const once = () => new Promise((resolve) => {
    const start = performance.now();
    normal.sent++;
    const req = http.get(`${origin}/healthz`, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) { normal.answered++; normal.latenciesMs.push(performance.now() - start); }
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve());
  });
  let attacking = true;
  attackDone.then(() => { attacking = false; });
  const pending = [];
  while (attacking) {
    pending.push(once());
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(pending);
  // eslint-disable-next-line no-control-regex -- removes slowhttptest's terminal escapes
  const text = attackOut.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const connected = [...text.matchAll(/connected:\s+(\d+)/g)].map((m) => +m[1]);
  const lat = normal.latenciesMs;
  return {
    connections, seconds,
    attackerMaxConnected: connected.length ? Math.max(...connected) : null,
    attackEndedAtS: +(/Test ended on (\d+)/.exec(text)?.[1] ?? NaN),
    attackExit: /Exit status: (.*)/.exec(text)?.[1]?.trim() ?? null,
    normalSent: normal.sent, normalAnswered: normal.answered,
    normalMaxLatencyMs: lat.length ? Math.max(...lat) : null,
    normalMedianLatencyMs: lat.length ? stats(lat).median : null,
  };
}

// Against the bench's server, and against one whose connection limit is
// below the attacker's count: the slow connections must give way.
export async function measureSlowloris(origin, benchRoot) {
  const result = { slowloris: await slowloris(origin) };
  const limited = await startServer(benchRoot, ['--max-connections', '200']);
  try {
    result.slowlorisOverLimit = { maxConnections: 200, ...(await slowloris(limited.origin)) };
  } finally {
    await stop(limited.child);
  }
  return result;
}
