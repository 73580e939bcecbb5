// bench/api: next+submit cycles per second and latency at 50 concurrent annotators, on SQLite
// and PostgreSQL, beside a bare Fastify server driven by the same client in the same run.
// Target (issue 2): ≥ 2,000 cycles/s on SQLite with p99 < 50 ms.
//   npm run bench            (all benchmarks)      node --import tsx bench/api.ts [--seconds 10] [--only sqlite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runLoad, type LoadResult } from './lib/load.js';
import { freePort, startProcess } from './lib/server-process.js';
import { PG_ADMIN_URL } from './lib/bench-args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLIENTS = 50;
const secondsFlag = process.argv.indexOf('--seconds');
const seconds = secondsFlag > 0 ? Number(process.argv[secondsFlag + 1]) : 10;
if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
const WARMUP_MS = 2000;
const RESULT = [{ id: 'r1', from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: 10, y: 10, width: 20, height: 20, rotation: 0, rectanglelabels: ['Car'] } }];
const CONFIG = '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels></View>';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

type Measured = LoadResult & { serverCpuMsPerCycle: number; clientCpuMsPerCycle: number };

/**
 * Runs the load and measures the CPU time per cycle of the server and of this load generator
 * over the measured window: unlike cycles/s, CPU per cycle hardly moves when other work shares the machine.
 */
async function measured(pid: number | undefined, load: () => Promise<LoadResult>): Promise<Measured> {
  let from = { server: NaN, client: process.cpuUsage() };
  const timer = setTimeout(() => (from = { server: cpuSecondsOf(pid), client: process.cpuUsage() }), WARMUP_MS);
  const result = await load();
  clearTimeout(timer);
  const client = process.cpuUsage(from.client);
  const server = cpuSecondsOf(pid) - from.server;
  return { ...result, serverCpuMsPerCycle: (server * 1000) / result.cycles, clientCpuMsPerCycle: (client.user + client.system) / 1000 / result.cycles };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function bareBaseline(): Promise<Measured> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startProcess([path.join(root, 'bench/lib/bare-server.mjs')], { PORT: String(port) }, `${origin}/api/health`);
  try {
    const body = JSON.stringify({ result: RESULT });
    return await measured(server.child.pid, () =>
      runLoad(origin, CLIENTS, WARMUP_MS, seconds * 1000, async (pool, _c, timed) => {
        await timed(() => pool.request({ method: 'POST', path: '/next' }).then((r) => r.body.json()));
        await timed(() => pool.request({ method: 'POST', path: '/submit', body, headers: { 'content-type': 'application/json' } }).then((r) => r.body.json()));
        return true;
      }),
    );
  } finally {
    await server.stop();
  }
}

async function laoshi(dialect: 'sqlite' | 'postgres'): Promise<Measured & { tasks: number; overlapViolations: number }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-bench-'));
  let databaseUrl = '';
  const dbName = `laoshi_bench_${Date.now()}`;
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const env = { DATABASE_URL: databaseUrl, LAOSHI_ADMIN_EMAIL: 'bench@example.com', LAOSHI_ADMIN_PASSWORD: 'bench password', LAOSHI_LOG_LEVEL: 'warn', LAOSHI_LOGIN_RATE_LIMIT: '1000' };
  const server = await startProcess([...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'packages/cli/bin/laoshi.js'), 'serve', '--port', String(port), '--data', dataDir], env, `${origin}/api/health`);
  try {
    const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'bench password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await json(login)) as { csrfToken: string };
    const adminToken = ((await json(await fetch(`${origin}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: '{"name":"bench"}' }))) as { token: string }).token;
    const api = (method: string, url: string, body?: unknown, token = adminToken) =>
      fetch(`${origin}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(json);
    const projectId = (await api('POST', '/api/projects', { title: 'bench', labelConfig: CONFIG, overlap: 2 })).id as number;
    const TASKS = Math.ceil((seconds + WARMUP_MS / 1000) * 4000);
    for (let i = 0; i < TASKS; i += 5000) {
      await api('POST', `/api/projects/${projectId}/tasks`, Array.from({ length: Math.min(5000, TASKS - i) }, (_, j) => ({ data: { image: `https://example.com/${i + j}.jpg` } })));
    }
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { id } = (await api('POST', '/api/users', { email: `a${i}@example.com`, password: 'annotator pw', name: `A${i}` })) as { id: number };
      await api('POST', `/api/projects/${projectId}/members`, { userId: id, role: 'annotator' });
      const l = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `a${i}@example.com`, password: 'annotator pw' }) });
      const c = (l.headers.get('set-cookie') ?? '').split(';')[0]!;
      const { csrfToken: x } = (await json(l)) as { csrfToken: string };
      tokens.push(((await json(await fetch(`${origin}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: c, 'x-csrf-token': x }, body: '{"name":"bench"}' }))) as { token: string }).token);
    }
    const body = JSON.stringify({ result: RESULT, leadTime: 1 });
    let seq = 0;
    const load = await measured(server.child.pid, () => runLoad(origin, CLIENTS, WARMUP_MS, seconds * 1000, async (pool, client, timed) => {
      const auth = { authorization: `Bearer ${tokens[client]}` };
      const next = await timed(() => pool.request({ method: 'POST', path: `/api/projects/${projectId}/next`, headers: auth }));
      if (next.statusCode === 204) {
        await next.body.dump();
        return false;
      }
      if (next.statusCode !== 200) throw new Error(`next ${next.statusCode} ${await next.body.text()}`);
      const { task } = (await next.body.json()) as { task: { id: number } };
      const submit = await timed(() =>
        pool.request({ method: 'POST', path: `/api/tasks/${task.id}/annotations`, body, headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `k${++seq}` } }),
      );
      if (submit.statusCode !== 201) throw new Error(`submit ${submit.statusCode} ${await submit.body.text()}`);
      await submit.body.dump();
      return true;
    }));
    // Check the invariant under load: no task beyond 2 annotators.
    let overlapViolations = 0;
    let cursor: string | null = null;
    do {
      const page = (await api('GET', `/api/projects/${projectId}/tasks?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)) as { items: { annotationCount: number }[]; nextCursor: string | null };
      overlapViolations += page.items.filter((t) => t.annotationCount > 2).length;
      cursor = page.nextCursor;
    } while (cursor);
    return { ...load, tasks: TASKS, overlapViolations };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
  }
}

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const fmt = (r: Measured) =>
  `${r.cyclesPerSecond.toFixed(0).padStart(6)} cycles/s  request p50 ${r.request.p50.toFixed(1)} ms  p99 ${r.request.p99.toFixed(1)} ms  cycle p50 ${r.cycle.p50.toFixed(1)} ms  p99 ${r.cycle.p99.toFixed(1)} ms  errors ${r.errors}  CPU/cycle server ${r.serverCpuMsPerCycle.toFixed(3)} ms client ${r.clientCpuMsPerCycle.toFixed(3)} ms`;

const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1] : undefined;
const bare = await bareBaseline();
console.log(`bare Fastify (baseline)   ${fmt(bare)}`);
const results: Record<string, unknown> = { clients: CLIENTS, seconds, baseline: bare };
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (only && only !== dialect) continue;
  if (dialect === 'postgres' && !(await pgReachable())) {
    console.log(`laoshi on postgres        SKIPPED: PostgreSQL not reachable at ${PG_ADMIN_URL}`);
    continue;
  }
  const r = await laoshi(dialect);
  const ratio = r.cyclesPerSecond / bare.cyclesPerSecond;
  console.log(`laoshi on ${dialect.padEnd(16)}${fmt(r)}  ratio to bare ${ratio.toFixed(3)}  overlap violations ${r.overlapViolations}`);
  results[dialect] = { ...r, ratioToBare: ratio };
}
const s = results.sqlite as (LoadResult & { ratioToBare: number }) | undefined;
if (s) console.log(`target: ≥ 2000 cycles/s with request p99 < 50 ms on SQLite → ${s.cyclesPerSecond >= 2000 && s.request.p99 < 50 ? 'MET' : 'NOT MET'}`);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/api.json'), JSON.stringify(results, null, 2));
