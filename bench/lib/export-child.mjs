// One measurement of bench/export.ts, in a process of its own so that its RSS is its own. Plain
// JavaScript on the built server (packages/*/dist), as `laoshi serve` runs it: under tsx the
// TypeScript loader alone adds some 70 MB to RSS. With --source it imports packages/server/src
// instead (run it with --import tsx then).
//   node bench/lib/export-child.mjs PHASE DATA_DIR PROJECT_ID OUT [DATABASE_URL] [--source]
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const [phase, dataDir, projectArg, out, databaseUrl] = process.argv.slice(2).filter((a) => a !== '--source');
const source = process.argv.includes('--source');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = (file) => path.join(root, 'packages/server', source ? 'src' : 'dist', source ? file.replace(/\.js$/, '.ts') : file);
const { loadConfig } = await import(server('config.js'));
const { createServerContext } = await import(server('server-context.js'));
const { exportOptions, writeVersion } = await import(server('modules/exports/export-service.js'));

const projectId = Number(projectArg);
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The baseline: the same rows by keyset, each task with its annotations stringified to a line. */
async function* baselineLines(ctx) {
  let after = 0;
  for (;;) {
    const tasks = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('project_id', '=', projectId).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (tasks.length === 0) return;
    const first = tasks[0].id;
    after = tasks[tasks.length - 1].id;
    // The exporter's query shape (by task id range only; see task-reader.ts for why).
    const annotations = await ctx.db.kysely.selectFrom('annotations').selectAll().where('task_id', '>=', first).where('task_id', '<=', after).where('is_draft', '=', 0).orderBy('task_id').orderBy('id').execute();
    let a = 0;
    let chunk = '';
    for (const t of tasks) {
      const mine = [];
      while (a < annotations.length && annotations[a].task_id === t.id) {
        const row = annotations[a++];
        mine.push({ ...row, result: JSON.parse(row.result) });
      }
      chunk += `${JSON.stringify({ id: t.id, data: JSON.parse(t.data), meta: JSON.parse(t.meta), annotations: mine })}\n`;
    }
    yield chunk;
  }
}

const ctx = await createServerContext(loadConfig({}, { dataDir, databaseUrl }));
const startRss = process.memoryUsage().rss;
let peak = startRss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();
const cpuStart = process.cpuUsage();
let annotations = 0;
let bytes = 0;
let sha256;
if (phase === 'baseline') {
  await pipeline(Readable.from(baselineLines(ctx)), fs.createWriteStream(out));
  bytes = fs.statSync(out).size;
  annotations = Number((await ctx.db.kysely.selectFrom('annotations').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);
} else {
  // The dataset-version path as the export job runs it: file and manifest into the blob store, counts, checksum.
  const row = await ctx.db.kysely.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  const project = { id: row.id, title: row.title, labelConfig: JSON.parse(row.label_config) };
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
  bytes = done.size;
  sha256 = done.sha256;
  await ctx.blobs.delete(`bench/${phase}/file`);
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
fs.rmSync(out, { force: true });
await ctx.jobs.close();
await ctx.db.close();
const m = {
  phase, ms: Math.round(ms), cpuMs: Math.round(cpuMs), annotations, bytes, perSecond: Math.round((annotations / ms) * 1000), perCpuSecond: Math.round((annotations / cpuMs) * 1000),
  peakRssMb: mb(peak), startRssMb: mb(startRss), code: source ? 'src (tsx)' : 'dist', ...(sha256 ? { sha256 } : {}),
};
process.stdout.write(`${JSON.stringify(m)}\n`);
