// bench/export: annotations per second exported to JSONL and to COCO as dataset versions (what the
// export job does: file and manifest into the blob store, counts, checksum), with peak RSS, beside
// a baseline in the same run: a bare keyset SELECT over the same tasks and annotations with
// JSON.stringify of each task to a file (what any export must at least do). Each measurement runs
// in a fresh child process (bench/lib/export-child.mjs), so its RSS is its own, on the built
// server as `laoshi serve` runs it (`npm run bench` builds first; a stale build is refused).
// Target (issue 4): ≥ 50,000 annotations/s to JSONL and to COCO, RSS flat (< 300 MB).
//   node --import tsx bench/export.ts [--annotations 1000000] [--dialect sqlite|postgres|both (default: both when PostgreSQL answers)] [--keep DIR] [--source]
// --keep DIR (SQLite only): seed into DIR once and reuse it on later runs with the same count.
// --source: measure packages/server/src under tsx instead of the build (tsx adds ~70 MB of RSS).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelConfig } from '../packages/core/src/index.js';
import { migrate, openDatabase, type Db } from '../packages/server/src/db/database.js';
import { refreshStaleStatistics } from '../packages/server/src/db/table-statistics.js';
import pg from 'pg';
import { PG_ADMIN_URL, flag } from './lib/bench-args.js';
import { postgresReachable } from './lib/load-seed.js';

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
  /** Of the file written (dataset versions): the same data exported twice gives the same file. */
  sha256?: string;
  /** What ran: the build (`dist`) or the TypeScript source under tsx. */
  code: string;
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
  // The export job refreshes stale statistics before it reads (PostgreSQL); the baseline runs first, so it gets them here, and both are planned alike.
  await refreshStaleStatistics(db, ['tasks', 'annotations']);
  return project.id;
}

/** The newest modification time of the files under `dir` whose names end in `suffix` (sources and outputs, not READMEs). */
function newest(dir: string, suffix: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Refuses to measure a build older than its source (the numbers would be the old code's). */
function checkBuild(): void {
  for (const pkg of ['core', 'server']) {
    const dir = path.join(root, 'packages', pkg);
    // tsc -b leaves an output file untouched when its text did not change, but always rewrites its build info.
    const built = fs.existsSync(path.join(dir, 'dist')) ? Math.max(newest(path.join(dir, 'dist'), '.js'), fs.statSync(path.join(dir, 'tsconfig.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? 0) : 0;
    if (built === 0 || newest(path.join(dir, 'src'), '.ts') > built) {
      throw new Error(`packages/${pkg}/dist is missing or older than its src: run npm run build first (or pass --source)`);
    }
  }
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

/** The seeded project in a kept SQLite folder (`--keep`), if it holds `n` annotations. */
function keptProject(dataDir: string, n: number): number | undefined {
  const file = path.join(dataDir, 'seeded.json');
  if (!fs.existsSync(file)) return undefined;
  const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { annotations: number; projectId: number };
  return kept.annotations === n ? kept.projectId : undefined;
}

async function runDialect(dialect: 'sqlite' | 'postgres', n: number) {
  const keep = dialect === 'sqlite' ? flag('keep') : undefined;
  if (keep && fs.existsSync(keep) && keptProject(keep, n) === undefined) fs.rmSync(keep, { recursive: true, force: true });
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-bench-export-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const pgDb = dialect === 'postgres' ? await pgDatabase() : undefined;
  try {
    let projectId = keep ? keptProject(dataDir, n) : undefined;
    if (projectId === undefined) {
      const db = openDatabase(pgDb ? { databaseUrl: pgDb.url } : { sqlitePath: path.join(dataDir, 'laoshi.db') });
      projectId = await seed(db, n);
      await db.close();
      if (keep) fs.writeFileSync(path.join(dataDir, 'seeded.json'), JSON.stringify({ annotations: n, projectId }));
    } else console.log(`  reusing the ${n.toLocaleString()} annotations seeded in ${dataDir}`);
    const results: Partial<Record<Phase, Measurement>> = {};
    for (const phase of ['baseline', 'jsonl', 'coco'] as const) {
      const source = process.argv.includes('--source');
      const args = [...(source ? ['--import', 'tsx'] : []), path.join(root, 'bench/lib/export-child.mjs'), phase, dataDir, String(projectId), path.join(dataDir, `out-${phase}`), pgDb?.url ?? '', ...(source ? ['--source'] : [])];
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
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--source')) checkBuild();
  const n = Number(flag('annotations') ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1) throw new Error('--annotations must be a positive whole number');
  // Both dialects by default (PostgreSQL when it answers), as bench/import and bench/load do.
  const which = flag('dialect') ?? ((await postgresReachable()) ? 'both' : 'sqlite');
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error('--dialect must be sqlite, postgres or both');
  console.log(`bench/export: ${n.toLocaleString()} annotations (one per task, two boxes each), measuring ${process.argv.includes('--source') ? 'packages/server/src under tsx' : 'the build (dist)'}`);
  const dialects = which === 'both' ? (['sqlite', 'postgres'] as const) : ([which] as const);
  const results: Record<string, unknown> = {};
  for (const d of dialects) results[d] = await runDialect(d as 'sqlite' | 'postgres', n);
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const file = path.join(root, 'bench', 'results', 'export.json');
  fs.writeFileSync(file, `${JSON.stringify({ annotations: n, targetPerSecond: TARGET_PER_SECOND, rssLimitMb: RSS_LIMIT_MB, node: process.version, cpus: os.cpus().length, ...results }, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();
