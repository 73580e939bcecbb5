// bench/load: 50–200 simulated annotators and reviewers (next → open → think → draft → submit;
// review next → accept/reject) against the built server for N minutes, on SQLite and PostgreSQL.
// Reports throughput, p50/p95/p99 per route, errors (target: 0) and the server's RSS over time
// (target: flat — after warm-up, the last minute's mean at most 10% above the lowest minute's — or
// settled: grown, then level over the last three minutes of a run of six or more; see rssReport in
// bench/lib/load-stats.ts).
//   npm run bench -- load          node --import tsx bench/load.ts [--minutes 5] [--users 100] [--think-ms 500] [--only sqlite|postgres] [--smoke]
// --smoke: 20 users for 20 s, warm-up included (what CI runs, through packages/server/test/durability/load-smoke.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresReachable, PG_ADMIN_URL, type LoadDialect } from './lib/load-seed.js';
import { runScenario, type ScenarioReport } from './lib/load-scenario.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function numberFlag(name: string, fallback: number, min: number, max: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value >= min && value <= max)) throw new Error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const smoke = process.argv.includes('--smoke');
const users = numberFlag('users', smoke ? 20 : 100, 2, 1000);
const seconds = smoke ? 18 : numberFlag('minutes', 5, 0.1, 600) * 60;
// Warm-up: a tenth of the run, 30 s at most, so the first minute compared for RSS starts warm.
const warmupSeconds = smoke ? 2 : Math.min(30, Math.round(seconds / 10));
const thinkMs = numberFlag('think-ms', smoke ? 200 : 500, 0, 60_000);
const only = flag('only');
if (only && only !== 'sqlite' && only !== 'postgres') throw new Error('--only must be sqlite or postgres');

const ms = (x: number) => x.toFixed(1).padStart(7);

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;

function memoryLine(m: ScenarioReport['rss']): string {
  const windows = m.windowMeansMb.map((x) => x.toFixed(0)).join(' → ');
  return `${m.windowSeconds.toFixed(0)} s means ${windows} MB (first to last ${pct(m.change)}; last vs lowest ${pct(m.growth)}) → ${m.flat ? 'flat' : m.settled ? `settled at ${m.lastWindowMeanMb.toFixed(0)} MB (grew, then level for the last three windows)` : 'NOT flat (creeping up)'}`;
}

function print(r: ScenarioReport): void {
  console.log(`\n${r.dialect}: ${r.users} users (${r.annotators} annotators, ${r.reviewers} reviewers), ${r.seconds} s after ${r.warmupSeconds} s warm-up, think ${r.thinkMs} ms`);
  console.log(`  ${r.requestsPerSecond.toFixed(0)} requests/s, ${r.submissionsPerSecond.toFixed(1)} submissions/s, ${r.reviewsPerSecond.toFixed(1)} reviews/s, errors ${r.errors}`);
  console.log(`  ${'route'.padEnd(44)} ${'req/s'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms)`);
  for (const x of r.routes) console.log(`  ${x.route.padEnd(44)} ${x.perSecond.toFixed(1).padStart(7)} ${ms(x.p50)} ${ms(x.p95)} ${ms(x.p99)} ${ms(x.max)}`);
  console.log(`  RSS: ${memoryLine(r.rss)}`);
  console.log(`  JS heap: ${memoryLine(r.heap)}`);
  for (const e of r.errorExamples) console.log(`  error: ${e}`);
}

const reports: Partial<Record<LoadDialect, ScenarioReport>> = {};
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (only && only !== dialect) continue;
  if (dialect === 'postgres' && !(await postgresReachable())) {
    console.log(`\npostgres: SKIPPED, PostgreSQL is not reachable at ${PG_ADMIN_URL}`);
    continue;
  }
  const report = await runScenario({ dialect, users, seconds, warmupSeconds, thinkMs, log: (line) => console.log(`  … ${line}`) });
  print(report);
  reports[dialect] = report;
}

const all = Object.values(reports);
const met = all.length > 0 && all.every((r) => r.errors === 0 && (r.rss.flat || r.rss.settled));
console.log(`\ntarget: 0 errors and RSS flat or settled → ${met ? 'MET' : 'NOT MET'}`);
if (!smoke) {
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/load.json'), JSON.stringify({ users, seconds, warmupSeconds, thinkMs, ...reports }, null, 2));
}
process.exit(all.every((r) => r.errors === 0) ? 0 : 1);
