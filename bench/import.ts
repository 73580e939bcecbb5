// bench/import: JSONL text tasks imported per second by the import job (stream → decode → JSONL
// reader → checked batches → insert), with peak RSS, beside a baseline in the same run on the same
// database: a raw batched insert of the same rows (read lines, JSON.parse, insert 1,000 per
// transaction) — what any import must at least do. Each measurement runs in a fresh child process
// on a fresh database, so its RSS and its database are its own.
// Target (issue 4): ≥ 0.25× the baseline rate, peak RSS < 400 MB, on SQLite and PostgreSQL.
//   node --import tsx bench/import.ts [--tasks 1000000] [--dialect sqlite|postgres|both]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseLabelConfig } from '../packages/core/src/index.js';
import { loadConfig } from '../packages/server/src/config.js';
import { waitForJob } from '../packages/server/src/jobs/job-runner.js';
import { importFromPath } from '../packages/server/src/modules/imports/import-service.js';
import { createServerContext } from '../packages/server/src/server-context.js';
import { PG_ADMIN_URL, flag } from './lib/bench-args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 0.25;
const RSS_LIMIT_MB = 400;
const CONFIG = '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>';

type Mode = 'baseline' | 'import';
interface Measurement {
  mode: Mode;
  tasks: number;
  ms: number;
  perSecond: number;
  peakRssMb: number;
}

/** A fresh database for one measurement: a data folder, and on PostgreSQL a database of its own. */
async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ dataDir: string; databaseUrl?: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-bench-import-'));
  if (dialect === 'sqlite') return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const name = `laoshi_bench_import_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** In the child: one measurement on the given database; prints its Measurement as JSON. */
async function child(mode: Mode, file: string, dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const ctx = await createServerContext(loadConfig({}, { dataDir, databaseUrl, logLevel: 'warn' }));
  const now = Date.now();
  const org = await ctx.db.kysely.insertInto('organizations').values({ name: 'Bench', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const user = await ctx.db.kysely
    .insertInto('users')
    .values({ organization_id: org.id, email: 'bench@example.com', name: 'bench', password_hash: 'x', org_role: 'admin', is_superuser: 1, is_active: 1, created_at: now, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const project = await ctx.db.kysely
    .insertInto('projects')
    .values({ organization_id: org.id, title: 'Bench import', description: '', label_config: JSON.stringify(parseLabelConfig(CONFIG)), label_config_xml: CONFIG, overlap: 1, created_by: user.id, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const started = performance.now();
  let tasks = 0;
  if (mode === 'baseline') {
    let batch: { project_id: number; data: string; meta: string; annotation_count: number; is_labeled: number; reserved: number; is_open: number; created_at: number; updated_at: number }[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await ctx.db.transaction((trx) => trx.insertInto('tasks').values(rows).execute());
    };
    for await (const line of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      if (line === '') continue;
      const data = JSON.parse(line) as Record<string, unknown>;
      const t = Date.now();
      batch.push({ project_id: project.id, data: JSON.stringify(data), meta: '{}', annotation_count: 0, is_labeled: 0, reserved: 0, is_open: 1, created_at: t, updated_at: t });
      tasks++;
      if (batch.length === 1000) await flush();
    }
    if (batch.length > 0) await flush();
  } else {
    const { id } = await importFromPath(ctx, project, user.id, file, {});
    const row = await waitForJob(ctx, id, 3 * 3_600_000);
    if (row.status !== 'succeeded') throw new Error(`import job ${row.status}: ${row.error}`);
    tasks = (JSON.parse(row.result!) as { tasks: number }).tasks;
  }
  const ms = performance.now() - started;
  const counted = Number((await ctx.db.kysely.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (counted !== tasks) throw new Error(`expected ${tasks} tasks in the database, found ${counted}`);
  await ctx.jobs.close();
  await ctx.db.close();
  const measurement: Measurement = { mode, tasks, ms, perSecond: tasks / (ms / 1000), peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

async function measure(mode: Mode, dialect: 'sqlite' | 'postgres', file: string): Promise<Measurement> {
  const db = await freshDatabase(dialect);
  try {
    const args = ['--import', 'tsx', path.join(root, 'bench/import.ts'), '--child', mode, '--file', file, '--data-dir', db.dataDir, ...(db.databaseUrl ? ['--database-url', db.databaseUrl] : [])];
    const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measurement;
  } finally {
    await db.drop();
  }
}

/** N text tasks as JSONL, written as a stream (a million lines are ~60 MB). */
async function writeTasks(n: number): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-bench-jsonl-')), `tasks-${n}.jsonl`);
  const out = fs.createWriteStream(file);
  for (let i = 0; i < n; i++) {
    const line = `${JSON.stringify({ text: `Review ${i}: the delivery was ${i % 3 === 0 ? 'late' : 'on time'} and the product ${i % 2 === 0 ? 'works well' : 'broke after a week'}.`, source: 'bench', n: i })}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve());
  });
  return file;
}

async function main(): Promise<void> {
  const childMode = flag('child') as Mode | undefined;
  if (childMode) {
    await child(childMode, flag('file')!, flag('data-dir')!, flag('database-url'));
    return;
  }
  const tasks = Number(flag('tasks') ?? 1_000_000);
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error('--tasks must be a positive integer');
  const which = flag('dialect') ?? 'both';
  const dialects = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[];
  const file = await writeTasks(tasks);
  const results: Record<string, unknown> = { tasks, targetRatio: TARGET_RATIO, rssLimitMb: RSS_LIMIT_MB, machine: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}`, node: process.version, at: new Date().toISOString() };
  let ok = true;
  for (const dialect of dialects) {
    const baseline = await measure('baseline', dialect, file);
    const imported = await measure('import', dialect, file);
    const ratio = imported.perSecond / baseline.perSecond;
    const pass = ratio >= TARGET_RATIO && imported.peakRssMb < RSS_LIMIT_MB;
    ok &&= pass;
    results[dialect] = { baseline, import: imported, ratio, pass };
    console.log(`${dialect}: baseline ${baseline.perSecond.toFixed(0)} tasks/s (RSS ${baseline.peakRssMb.toFixed(0)} MB); import ${imported.perSecond.toFixed(0)} tasks/s (RSS ${imported.peakRssMb.toFixed(0)} MB); ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}) ${pass ? 'PASS' : 'FAIL'}`);
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/import.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/import.json');
  if (!ok) process.exitCode = 1;
}

await main();
