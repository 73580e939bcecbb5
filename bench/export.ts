// bench/export: annotations per second exported to JSONL and to COCO as dataset versions (what the
// export job does: file and manifest into the blob store, counts, checksum), with peak RSS, beside
// a baseline in the same run: a bare keyset SELECT over the same tasks and annotations with
// JSON.stringify of each task to a file (what any export must at least do). Each measurement runs
// in a fresh child process, so its RSS is its own.
// Target (issue 4): ≥ 50,000 annotations/s to JSONL and to COCO, RSS flat (< 300 MB).
//   node --import tsx bench/export.ts [--annotations 1000000] [--dialect sqlite|postgres|both]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseLabelConfig, type LabelConfig } from '../packages/core/src/index.js';
import { loadConfig } from '../packages/server/src/config.js';
import type { AppContext } from '../packages/server/src/context.js';
import { migrate, openDatabase, type Db } from '../packages/server/src/db/database.js';
import { exportOptions, writeVersion } from '../packages/server/src/modules/exports/export-service.js';
import { createServerContext } from '../packages/server/src/server-context.js';
import pg from 'pg';
import { PG_ADMIN_URL, flag } from './lib/bench-args.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_PER_SECOND = 50_000;
const RSS_LIMIT_MB = 300;
const CONFIG = '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Road"/><Label value="Person"/></RectangleLabels></View>';
const LABELS = ['Car', 'Road', 'Person'];

type Phase = 'baseline' | 'jsonl' | 'coco';
interface Measurement {
  phase: Phase;
  ms: number;
  /** CPU time of the process (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  annotations: number;
  bytes: number;
  perSecond: number;
  perCpuSecond: number;
  peakRssMb: number;
  startRssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** A Label Studio result with two boxes, as an annotator's would look. */
function resultOf(i: number): string {
  const box = (id: string, label: string, x: number) => ({
    id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', origin: 'manual', original_width: 1280, original_height: 720, image_rotation: 0,
    value: { x, y: (i % 50) + 1.25, width: 12.5, height: 20.75, rotation: 0, rectanglelabels: [label] },
  });
  return JSON.stringify([box(`a${i}`, LABELS[i % 3]!, (i % 40) + 0.5), box(`b${i}`, LABELS[(i + 1) % 3]!, (i % 30) + 10.5)]);
}

/** One task per annotation, inserted in transactions of 5,000 rows. */
async function seed(db: Db, n: number): Promise<number> {
  await migrate(db);
  const now = Date.now();
  const k = db.kysely;
  const org = await k.insertInto('organizations').values({ name: 'bench', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const user = await k.insertInto('users').values({ organization_id: org.id, email: 'bench@example.com', name: 'bench', password_hash: 'x', org_role: 'admin', is_superuser: 1, is_active: 1, created_at: now, last_login_at: null }).returning('id').executeTakeFirstOrThrow();
  const project = await k
    .insertInto('projects')
    .values({ organization_id: org.id, title: 'bench', description: '', label_config: JSON.stringify(parseLabelConfig(CONFIG)), label_config_xml: CONFIG, overlap: 1, created_by: user.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const STEP = 1000;
  for (let start = 0; start < n; start += 5 * STEP) {
    await db.transaction(async (trx) => {
      for (let from = start; from < Math.min(n, start + 5 * STEP); from += STEP) {
        const count = Math.min(STEP, n - from);
        const tasks = await trx
          .insertInto('tasks')
          .values(Array.from({ length: count }, (_, j) => ({ project_id: project.id, data: JSON.stringify({ image: `s3://bench/images/${from + j}.jpg`, captured: '2024-05-17' }), meta: '{}', annotation_count: 1, is_labeled: 1, reserved: 0, is_open: 0, created_at: now, updated_at: now })))
          .returning('id')
          .execute();
        await trx
          .insertInto('annotations')
          .values(tasks.map((t, j) => ({ task_id: t.id, project_id: project.id, completed_by: user.id, result: resultOf(from + j), is_draft: 0, version: 1, lead_time: 12.5, source: 'user' as const, created_at: now, updated_at: now })))
          .execute();
      }
    });
    if (start % 100_000 === 0) process.stderr.write(`\r  seeded ${start.toLocaleString()} / ${n.toLocaleString()}`);
  }
  process.stderr.write(`\r  seeded ${n.toLocaleString()} annotations\n`);
  return project.id;
}

/** The baseline: the same rows by keyset, each task with its annotations stringified to a line. */
async function* baselineLines(ctx: AppContext, projectId: number): AsyncGenerator<string, void, undefined> {
  let after = 0;
  for (;;) {
    const tasks = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('project_id', '=', projectId).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (tasks.length === 0) return;
    const first = tasks[0]!.id;
    after = tasks[tasks.length - 1]!.id;
    // The exporter's query shape (by task id range only; see task-reader.ts for why).
    const annotations = await ctx.db.kysely.selectFrom('annotations').selectAll().where('task_id', '>=', first).where('task_id', '<=', after).where('is_draft', '=', 0).orderBy('task_id').orderBy('id').execute();
    let a = 0;
    let chunk = '';
    for (const t of tasks) {
      const mine = [];
      while (a < annotations.length && annotations[a]!.task_id === t.id) {
        const row = annotations[a++]!;
        mine.push({ ...row, result: JSON.parse(row.result) as unknown });
      }
      chunk += `${JSON.stringify({ id: t.id, data: JSON.parse(t.data) as unknown, meta: JSON.parse(t.meta) as unknown, annotations: mine })}\n`;
    }
    yield chunk;
  }
}

/** Runs one phase in this (child) process and prints its measurement as JSON. */
async function child(phase: Phase, dataDir: string, databaseUrl: string | undefined, projectId: number, out: string): Promise<void> {
  const ctx = await createServerContext(loadConfig({}, { dataDir, databaseUrl }));
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let annotations = 0;
  let bytes = 0;
  if (phase === 'baseline') {
    await pipeline(Readable.from(baselineLines(ctx, projectId)), fs.createWriteStream(out));
    bytes = fs.statSync(out).size;
    annotations = Number((await ctx.db.kysely.selectFrom('annotations').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);
  } else {
    // The dataset-version path as the export job runs it: file and manifest into the blob store, counts, checksum.
    const row = await ctx.db.kysely.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    const project = { id: row.id, title: row.title, labelConfig: JSON.parse(row.label_config) as LabelConfig };
    const now = Date.now();
    const version = await ctx.db.kysely
      .insertInto('dataset_versions')
      .values({
        organization_id: row.organization_id, project_id: projectId, job_id: null, status: 'running', format: phase, filter: '{}', options: '{}', counts: null, file_name: `bench.${phase}`,
        content_type: 'application/octet-stream', blob_key: `bench/${phase}/file`, manifest_key: `bench/${phase}/manifest.jsonl.gz`, size: null, sha256: null, error: null, created_by: row.created_by, created_at: now, completed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const done = await writeVersion(ctx, version.id, project, exportOptions({ format: phase }, {}), now, { progress: () => undefined, signal: new AbortController().signal });
    annotations = done.counts.annotations;
    fs.writeFileSync(out, '');
    bytes = done.size;
    await ctx.blobs.delete(`bench/${phase}/file`);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const m: Measurement = { phase, ms: Math.round(ms), cpuMs: Math.round(cpuMs), annotations, bytes, perSecond: Math.round((annotations / ms) * 1000), perCpuSecond: Math.round((annotations / cpuMs) * 1000), peakRssMb: mb(peak), startRssMb: mb(startRss) };
  fs.rmSync(out, { force: true });
  await ctx.jobs.close();
  await ctx.db.close();
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `laoshi_bench_export_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function runDialect(dialect: 'sqlite' | 'postgres', n: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-bench-export-'));
  const pgDb = dialect === 'postgres' ? await pgDatabase() : undefined;
  try {
    const db = openDatabase(pgDb ? { databaseUrl: pgDb.url } : { sqlitePath: path.join(dataDir, 'laoshi.db') });
    const projectId = await seed(db, n);
    await db.close();
    const results: Partial<Record<Phase, Measurement>> = {};
    for (const phase of ['baseline', 'jsonl', 'coco'] as const) {
      const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', phase, '--data-dir', dataDir, '--project', String(projectId), '--out', path.join(dataDir, `out-${phase}`)];
      if (pgDb) args.push('--database-url', pgDb.url);
      const line = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 }).trim().split('\n').pop()!;
      const m = JSON.parse(line) as Measurement;
      results[phase] = m;
      console.log(
        `  ${dialect.padEnd(8)} ${phase.padEnd(8)} ${m.annotations.toLocaleString()} annotations in ${(m.ms / 1000).toFixed(2)} s = ${m.perSecond.toLocaleString()}/s ` +
          `(${m.perCpuSecond.toLocaleString()} per CPU-second), ${mb(m.bytes)} MB out, RSS ${m.startRssMb} → peak ${m.peakRssMb} MB`,
      );
    }
    const base = results.baseline!;
    const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
    const verdict = (m: Measurement) => ({
      ...m,
      ratioToBaseline: ratio(m.perSecond, base.perSecond),
      cpuRatioToBaseline: ratio(m.perCpuSecond, base.perCpuSecond),
      meetsTarget: m.perSecond >= TARGET_PER_SECOND && m.peakRssMb < RSS_LIMIT_MB,
    });
    const summary = { baseline: base, jsonl: verdict(results.jsonl!), coco: verdict(results.coco!) };
    console.log(`  ${dialect}: JSONL ${summary.jsonl.ratioToBaseline}× baseline (${summary.jsonl.cpuRatioToBaseline}× in CPU time), COCO ${summary.coco.ratioToBaseline}× (${summary.coco.cpuRatioToBaseline}×); target ${TARGET_PER_SECOND.toLocaleString()}/s and < ${RSS_LIMIT_MB} MB: JSONL ${summary.jsonl.meetsTarget ? 'met' : 'MISSED'}, COCO ${summary.coco.meetsTarget ? 'met' : 'MISSED'}`);
    return summary;
  } finally {
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const phase = flag('child') as Phase | undefined;
  if (phase) return child(phase, flag('data-dir')!, flag('database-url'), Number(flag('project')), flag('out')!);
  const n = Number(flag('annotations') ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1) throw new Error('--annotations must be a positive whole number');
  const which = flag('dialect') ?? 'sqlite';
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error('--dialect must be sqlite, postgres or both');
  console.log(`bench/export: ${n.toLocaleString()} annotations (one per task, two boxes each)`);
  const dialects = which === 'both' ? (['sqlite', 'postgres'] as const) : ([which] as const);
  const results: Record<string, unknown> = {};
  for (const d of dialects) results[d] = await runDialect(d as 'sqlite' | 'postgres', n);
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const file = path.join(root, 'bench', 'results', 'export.json');
  fs.writeFileSync(file, `${JSON.stringify({ annotations: n, targetPerSecond: TARGET_PER_SECOND, rssLimitMb: RSS_LIMIT_MB, node: process.version, cpus: os.cpus().length, ...results }, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();
