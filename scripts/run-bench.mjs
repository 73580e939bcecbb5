#!/usr/bin/env node
// `npm run bench`: builds, runs every bench/*.ts (each prints its numbers and its ratio to a
// baseline measured in the same run), then writes docs/benchmarks.md from bench/results/*.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);

const only = process.argv.slice(2);
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.includes(f.replace(/\.ts$/, ''))));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  if (run(process.execPath, ['--import', 'tsx', path.join('bench', file)]) !== 0) failed++;
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const resultsDir = path.join(root, 'bench', 'results');
const lines = ['# Benchmarks', '', `Machine: ${machine}`, `Run: ${new Date().toISOString()}`, '', 'Made by `npm run bench` (scripts/run-bench.mjs); each benchmark compares against a baseline measured in the same run.', ''];
const api = path.join(resultsDir, 'api.json');
if (fs.existsSync(api)) {
  const r = JSON.parse(fs.readFileSync(api, 'utf8'));
  lines.push(`## bench/api — next + submit cycles, ${r.clients} concurrent annotators, ${r.seconds} s`, '', '| server | cycles/s | request p50 ms | request p99 ms | cycle p99 ms | errors | ratio to bare Fastify |', '|---|---|---|---|---|---|---|');
  const row = (name, x, ratio) => `| ${name} | ${x.cyclesPerSecond.toFixed(0)} | ${x.request.p50.toFixed(1)} | ${x.request.p99.toFixed(1)} | ${x.cycle.p99.toFixed(1)} | ${x.errors} | ${ratio} |`;
  lines.push(row('bare Fastify, two JSON routes (baseline)', r.baseline, '1'));
  for (const d of ['sqlite', 'postgres']) if (r[d]) lines.push(row(`Laoshi on ${d === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, r[d], r[d].ratioToBare.toFixed(3)));
  lines.push('', 'Target (issue 2): ≥ 2,000 cycles/s on SQLite with p99 < 50 ms.', '');
}
const load = path.join(resultsDir, 'load.json');
if (fs.existsSync(load)) {
  const r = JSON.parse(fs.readFileSync(load, 'utf8'));
  lines.push(`## bench/load — ${r.users} simulated annotators and reviewers (next → open → think ${r.thinkMs} ms → draft → submit; review next → accept/reject), ${r.seconds / 60} min after ${r.warmupSeconds} s warm-up`, '');
  lines.push('| database | requests/s | submissions/s | reviews/s | errors | RSS first min (MB) | RSS last min (MB) | RSS flat (±10%) | JS heap first → last min (MB) |', '|---|---|---|---|---|---|---|---|---|');
  for (const d of ['sqlite', 'postgres']) {
    const x = r[d];
    const heap = x?.heap ? `${x.heap.firstWindowMeanMb.toFixed(0)} → ${x.heap.lastWindowMeanMb.toFixed(0)} (${(100 * x.heap.growth).toFixed(1)}%)` : 'n/a';
    if (x) lines.push(`| ${d === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${x.requestsPerSecond.toFixed(0)} | ${x.submissionsPerSecond.toFixed(1)} | ${x.reviewsPerSecond.toFixed(1)} | ${x.errors} | ${x.rss.firstWindowMeanMb.toFixed(0)} | ${x.rss.lastWindowMeanMb.toFixed(0)} | ${x.rss.flat ? 'yes' : 'no'} (${(100 * x.rss.growth).toFixed(1)}%) | ${heap} |`);
  }
  lines.push('', '| database | route | req/s | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|---|');
  for (const d of ['sqlite', 'postgres']) for (const x of r[d]?.routes ?? []) lines.push(`| ${d === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${x.route} | ${x.perSecond.toFixed(1)} | ${x.p50.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.p99.toFixed(1)} |`);
  lines.push('', 'Target (issue 8): 0 errors; RSS flat (last minute within 10% of the first after warm-up).', '');
}
const activeLearning = path.join(resultsDir, 'active-learning.json');
if (fs.existsSync(activeLearning)) {
  const r = JSON.parse(fs.readFileSync(activeLearning, 'utf8'));
  lines.push(`## bench/active-learning — labels to reach ${r.targetShareOfWholePoolF1} × whole-pool spam F1 (SpamAssassin, pool ${r.pool}, test ${r.test}, ${r.seeds} seeds, +${r.batch} per round)`, '', '| strategy | mean labels needed | fewer than random |', '|---|---|---|');
  for (const [name, s] of Object.entries(r.strategies)) lines.push(`| ${name} | ${s.meanLabelsNeeded.toFixed(1)} | ${(100 * s.savingVsRandom).toFixed(1)}% |`);
  lines.push('');
}
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'benchmarks.md'), lines.join('\n'));
console.log('\nwrote docs/benchmarks.md');
process.exit(failed ? 1 : 0);
