// One load run: a seeded server, `users` simulated people (a tenth of them reviewers) working
// for a while, a manager importing more tasks whenever the queue runs low, and the server's RSS
// sampled throughout. Returns what bench/load.ts prints and writes.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { addTasks, createLoadProject, startSeededServer, type LoadDialect, type LoadServer } from './load-seed.js';
import { heapSamples, RouteStats, rssReport, sampleRss, type RouteSummary, type RssReport } from './load-stats.js';
import { annotator, reviewer, type UserContext } from './load-users.js';

export interface ScenarioOptions {
  dialect: LoadDialect;
  users: number;
  /** Measured time (s), after the warm-up. */
  seconds: number;
  warmupSeconds: number;
  /** Mean think time (ms); each pause is drawn from 0.5× to 1.5× of it. */
  thinkMs: number;
  draftShare?: number;
  rejectShare?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface ScenarioReport {
  dialect: LoadDialect;
  users: number;
  annotators: number;
  reviewers: number;
  seconds: number;
  warmupSeconds: number;
  thinkMs: number;
  requests: number;
  requestsPerSecond: number;
  submissionsPerSecond: number;
  reviewsPerSecond: number;
  errors: number;
  errorExamples: string[];
  routes: RouteSummary[];
  rss: RssReport;
  /** The server's V8 heap used, compared the same way: growth here, not in RSS alone, would be a leak. */
  heap: RssReport;
}

const MEMORY_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-memory-probe.cjs');

/** A seeded random number generator (mulberry32), so two runs make the same choices. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one scenario on a fresh server and database, which are deleted afterwards. */
export async function runScenario(opts: ScenarioOptions): Promise<ScenarioReport> {
  const log = opts.log ?? (() => undefined);
  const reviewers = Math.max(1, Math.round(opts.users / 10));
  const annotators = opts.users - reviewers;
  log(`${opts.dialect}: seeding ${annotators} annotators and ${reviewers} reviewers`);
  const server = await startSeededServer({ dialect: opts.dialect, annotators, reviewers, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${MEMORY_PROBE}`.trim() } });
  try {
    return await drive(server, opts, annotators, reviewers, log);
  } finally {
    await server.close();
  }
}

async function drive(server: LoadServer, opts: ScenarioOptions, annotators: number, reviewers: number, log: (line: string) => void): Promise<ScenarioReport> {
  // Enough open tasks that the queue never runs dry between two top-ups.
  const reserve = Math.max(500, annotators * 40);
  const projectId = await createLoadProject(server, { tasks: reserve });
  let created = reserve;
  const stats = new RouteStats();
  const done = { submitted: 0, reviewed: 0 };
  const pool = new Pool(server.origin, { connections: opts.users + 2, pipelining: 1 });
  const rss = sampleRss(server.process().child.pid!);
  const startedAt = Date.now();
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupSeconds * 1000;
  const end = measureFrom + opts.seconds * 1000;
  const running = () => performance.now() < end;
  const random = seededRandom(42);
  const think = () => opts.thinkMs * (0.5 + random());
  let doneAtMeasureStart = { ...done };

  const warmup = setTimeout(() => {
    stats.measuring = true;
    doneAtMeasureStart = { ...done };
    log(`${opts.dialect}: warm-up over, measuring for ${opts.seconds} s`);
  }, opts.warmupSeconds * 1000);
  // The manager: imports more tasks whenever fewer than `reserve` are left open.
  const feeder = (async () => {
    while (running()) {
      await new Promise((r) => setTimeout(r, 1000));
      if (created - done.submitted < reserve && running()) {
        const t = performance.now();
        try {
          await addTasks(server, projectId, created, reserve);
          created += reserve;
          stats.record('POST /api/projects/:id/tasks (import)', performance.now() - t);
        } catch (err) {
          stats.error('POST /api/projects/:id/tasks (import)', (err as Error).message);
        }
      }
    }
  })();
  const progress = setInterval(() => log(`${opts.dialect}: ${done.submitted} submitted, ${done.reviewed} reviewed, ${stats.errors} errors, RSS ${rss.samples.at(-1)?.mb.toFixed(0)} MB`), 10_000);

  const base = { pool, projectId, stats, running, think, random, draftShare: opts.draftShare ?? 0.3, rejectShare: opts.rejectShare ?? 0.2, done };
  const people: Promise<void>[] = [
    ...server.annotators.map((user) => annotator({ ...base, user } satisfies UserContext)),
    ...server.reviewers.map((user) => reviewer({ ...base, user } satisfies UserContext)),
  ];
  await Promise.all([...people, feeder]);
  clearTimeout(warmup);
  clearInterval(progress);
  rss.stop();
  await pool.close();

  const routes = stats.summary(opts.seconds);
  const requests = routes.reduce((n, r) => n + r.count, 0);
  return {
    dialect: opts.dialect,
    users: opts.users,
    annotators,
    reviewers,
    seconds: opts.seconds,
    warmupSeconds: opts.warmupSeconds,
    thinkMs: opts.thinkMs,
    requests,
    requestsPerSecond: requests / opts.seconds,
    submissionsPerSecond: (done.submitted - doneAtMeasureStart.submitted) / opts.seconds,
    reviewsPerSecond: (done.reviewed - doneAtMeasureStart.reviewed) / opts.seconds,
    errors: stats.errors,
    errorExamples: stats.examples(),
    routes,
    rss: rssReport(rss.samples, opts.warmupSeconds, opts.warmupSeconds + opts.seconds),
    heap: rssReport(heapSamples(server.process().output(), startedAt), opts.warmupSeconds, opts.warmupSeconds + opts.seconds),
  };
}
