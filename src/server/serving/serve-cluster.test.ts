/**
 * `trainyard serve --processes 2` as a user runs it: both processes answer predictions, the rest of the
 * API (sessions, runs, metrics) behaves as one server, a crashed process is replaced, and SIGTERM lets
 * every request in flight finish before all processes exit 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InlineExecutor } from '../../experiment/executor.js';
import { runExperiment } from '../../experiment/run.js';
import { validateSpec } from '../../experiment/spec/spec.js';
import { TRAINYARD_BIN } from '../../testing/cli.js';
import { openStore } from '../../tracking/store.js';
import { createApiToken } from '../api-tokens.js';
import { sumExposition } from './serve-cluster.js';

test('sumExposition adds samples of the same series, keeps families together', () => {
  const a = '# HELP x X.\n# TYPE x counter\nx{m="a"} 2\n# TYPE g gauge\ng 1\n';
  const b = '# HELP x X.\n# TYPE x counter\nx{m="a"} 3\nx{m="b"} 1\n# TYPE g gauge\ng 4\n';
  assert.equal(sumExposition([a, b]), '# HELP x X.\n# TYPE x counter\nx{m="a"} 5\nx{m="b"} 1\n# TYPE g gauge\ng 5\n');
});

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  tokens: { predict: string; admin: string };
}

async function serve(dir: string): Promise<Served> {
  const data = join(dir, 'train.csv');
  writeFileSync(data, ['x,c,y', ...Array.from({ length: 60 }, (_, i) => `${(i % 7) - 3},${['a', 'b'][i % 2]},${(i % 7) - 3 + (i % 2) > 0 ? 'up' : 'down'}`)].join('\n') + '\n');
  const store = join(dir, 'store.db');
  await runExperiment(
    { spec: validateSpec({ name: 'clu', data: { source: data, target: 'y' }, select: { cv: 2, candidates: [{ model: 'logistic_regression' }] } }), baseDir: dir, file: 's.yaml' },
    { store, outDir: join(dir, 'runs'), executor: new InlineExecutor() },
  );
  const s = await openStore(store);
  await s.setModelAlias('clu', 'prod', 1);
  const tokens = { predict: await createApiToken(s, 'p', 'predict'), admin: await createApiToken(s, 'a', 'admin') };
  await s.close();
  const child = spawn(process.execPath, [TRAINYARD_BIN, 'serve', '--processes', '2', '--store', store, '--port', '0', '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/\S+) \(2 processes/.exec(err);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 20);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`serve did not listen within 30 s: ${err}`)), 30_000).unref();
  });
  return { child, url, stderr: () => err, tokens };
}

const ROW = { rows: [{ x: 1, c: 'a' }] };
const predict = (s: Served) =>
  fetch(`${s.url}/api/v1/models/clu@prod/predict`, { method: 'POST', headers: { authorization: `Bearer ${s.tokens.predict}`, 'content-type': 'application/json' }, body: JSON.stringify(ROW) });
/** The child processes of `pid` (ps exits 1 when there are none). */
function workers(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

test('serve --processes 2: predictions from both, one API (sessions, runs, metrics), a crashed process replaced, SIGTERM drains', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ty-serve-cluster-'));
  const s = await serve(dir);
  try {
    const pids = workers(s.child.pid!);
    assert.equal(pids.length, 2, `two processes: ${pids}`);
    for (let i = 0; i < 40; i++) assert.equal((await predict(s)).status, 200);

    // A session opened through one process works on every request, whichever process takes it.
    const login = await fetch(`${s.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: s.url }, body: JSON.stringify({ token: s.tokens.admin }) });
    assert.equal(login.status, 200, await login.text());
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    for (let i = 0; i < 10; i++) {
      const who = await fetch(`${s.url}/api/v1/session`, { headers: { cookie } });
      assert.equal(who.status, 200);
      assert.equal(((await who.json()) as { name: string }).name, 'a');
      assert.equal((await fetch(`${s.url}/api/v1/runs?limit=1`, { headers: { cookie } })).status, 200);
    }
    // Serving series summed over the processes: all 40 predictions, whichever process answered.
    const metrics = await (await fetch(`${s.url}/api/v1/metrics`, { headers: { authorization: `Bearer ${s.tokens.admin}` } })).text();
    assert.match(metrics, /trainyard_serving_requests_total\{model="clu",version="1",endpoint="predict"\} 40\n/);
    assert.equal((await fetch(`${s.url}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${s.tokens.admin}` } })).status, 404);

    // A process that dies is replaced.
    process.kill(pids[1], 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while (!(workers(s.child.pid!).length === 2 && !workers(s.child.pid!).includes(pids[1]))) {
      assert.ok(Date.now() < deadline, `no new process: ${s.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 20; i++) assert.equal((await predict(s)).status, 200);

    // SIGTERM while requests flow: every request sent before it gets its answer; all exit 0.
    let stop = false;
    const before: Promise<number>[] = [];
    const client = async () => {
      while (!stop) {
        const p = predict(s).then(
          (r) => r.status,
          () => -1,
        );
        before.push(p);
        await p;
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await new Promise((r) => setTimeout(r, 300));
    const sentBefore = before.length;
    const exited = new Promise<number | null>((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGTERM');
    stop = true;
    const early = await Promise.all(before.slice(0, sentBefore));
    assert.deepEqual([...new Set(early)], [200], 'requests in flight at SIGTERM finish');
    await Promise.all(clients);
    assert.equal(await exited, 0, s.stderr());
    assert.deepEqual(workers(s.child.pid!), []);
  } finally {
    s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
