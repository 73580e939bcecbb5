import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { JobRow, JobStatus } from '../db/schema.js';
import { LaoshiError } from '../errors.js';

/** What a job's work function gets: its id, a progress reporter and the signal that cancels it. */
export interface JobHandle {
  id: number;
  /** Reports progress; cheap to call per record (writes are throttled). */
  progress(done: number, total?: number | null, message?: string): void;
  /** Aborted when the job is cancelled or the server shuts down; stop soon after. */
  signal: AbortSignal;
}

export interface JobSpec {
  kind: string;
  organizationId: number;
  projectId: number | null;
  createdBy: number;
  params: unknown;
}

export type JobWork = (job: JobHandle) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  now?: () => number;
  /** Jobs that run at once; the rest wait in order. Default 2. */
  concurrency?: number;
  /** Least time between two progress writes of one job. Default 250 ms. */
  progressIntervalMs?: number;
  /** Where unexpected job failures are logged. */
  logError?: (err: unknown, jobId: number) => void;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
export const INTERRUPTED = 'interrupted by a restart';

/** Text safe to show for a failure: our own errors and format errors as they are, anything else hidden. */
function errorText(err: unknown): string | null {
  if (err instanceof LaoshiError) return err.field && !err.message.includes(err.field) ? `${err.field}: ${err.message}` : err.message;
  if (err instanceof Error && (err.name === 'FormatError' || err.name === 'JobError')) return err.message;
  return null;
}

/**
 * Runs background jobs in this process with a small concurrency limit and records their state
 * and progress in the `jobs` table.
 *
 * WARNING: the work of a job is a closure in this process; a job left queued or running by a
 * crash cannot resume, so `recover()` (called once when the server starts) marks those failed.
 * Several app servers on one database would need a shared queue instead (see DESIGN.md).
 */
export class JobRunner {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly concurrency: number;
  private readonly interval: number;
  private readonly logError: (err: unknown, jobId: number) => void;
  private readonly queue: { id: number; work: JobWork }[] = [];
  private readonly running = new Map<number, Running>();
  private readonly listeners = new Map<number, Set<() => void>>();
  private closed = false;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.concurrency = options.concurrency ?? 2;
    this.interval = options.progressIntervalMs ?? 250;
    this.logError = options.logError ?? (() => undefined);
  }

  /** Records a queued job and schedules `work`; what work resolves with becomes the job's result. */
  async start(spec: JobSpec, work: JobWork): Promise<{ id: number }> {
    if (this.closed) throw new Error('the job runner is closed');
    const row = await this.db.kysely
      .insertInto('jobs')
      .values({
        organization_id: spec.organizationId, project_id: spec.projectId, kind: spec.kind, status: 'queued', progress_done: 0, progress_total: null,
        message: null, params: JSON.stringify(spec.params ?? {}), result: null, error: null, created_by: spec.createdBy, created_at: this.now(), started_at: null, finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.queue.push({ id: row.id, work });
    this.pump();
    return { id: row.id };
  }

  /** The job's row, or undefined. */
  get(id: number): Promise<JobRow | undefined> {
    return this.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Resolves with the job's row once it has finished; rejects after `timeoutMs`. */
  async wait(id: number, timeoutMs = 60_000): Promise<JobRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.get(id);
      if (!row) throw new LaoshiError(404, 'LAOSHI_JOB_NOT_FOUND', 'job not found');
      if (FINISHED.includes(row.status)) return row;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`job ${id} did not finish within ${timeoutMs} ms (status ${row.status})`);
      // Woken by this process's updates; the timer covers jobs run by another process.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        const off = this.subscribe(id, done);
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    }
  }

  /** Calls `listener` whenever the job's row changes in this process; returns the unsubscriber. */
  subscribe(id: number, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /**
   * Cancels a job: a queued one at once; a running one is signalled and becomes `cancelled` when
   * its work stops. A job this process does not run (left by a crash) is marked cancelled.
   * Returns false when the job had already finished.
   */
  async cancel(id: number): Promise<boolean> {
    const row = await this.get(id);
    if (!row || FINISHED.includes(row.status)) return false;
    const queued = this.queue.findIndex((q) => q.id === id);
    if (queued !== -1) this.queue.splice(queued, 1);
    const running = this.running.get(id);
    if (running) {
      running.controller.abort(new Error('cancelled'));
      // Most work stops within moments; a slow one is reported as still running, then cancelled.
      await Promise.race([running.done, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return true;
    }
    await this.finish(id, 'cancelled', { error: null });
    return true;
  }

  /** Marks jobs that a previous process left queued or running as failed; returns how many. */
  async recover(): Promise<number> {
    const mine = new Set([...this.running.keys(), ...this.queue.map((q) => q.id)]);
    const stale = await this.db.kysely.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).execute();
    const ids = stale.map((r) => r.id).filter((id) => !mine.has(id));
    if (ids.length === 0) return 0;
    await this.db.kysely.updateTable('jobs').set({ status: 'failed', error: INTERRUPTED, finished_at: this.now() }).where('id', 'in', ids).execute();
    return ids.length;
  }

  /** Stops taking jobs, cancels queued ones and signals running ones, then waits for them to stop. */
  async close(): Promise<void> {
    this.closed = true;
    const queued = this.queue.splice(0);
    for (const q of queued) await this.finish(q.id, 'cancelled', { error: 'the server shut down before the job started' });
    for (const r of this.running.values()) r.controller.abort(new Error('the server is shutting down'));
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private notify(id: number): void {
    for (const listener of [...(this.listeners.get(id) ?? [])]) listener();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      const controller = new AbortController();
      const entry: Running = { controller, done: Promise.resolve() };
      this.running.set(next.id, entry);
      entry.done = this.run(next.id, next.work, controller).finally(() => {
        this.running.delete(next.id);
        this.pump();
      });
    }
  }

  private async run(id: number, work: JobWork, controller: AbortController): Promise<void> {
    let latest = { done: 0, total: null as number | null, message: null as string | null };
    let lastWrite = 0;
    let timer: NodeJS.Timeout | undefined;
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      timer = undefined;
      lastWrite = Date.now();
      const { done, total, message } = latest;
      writing = writing
        .then(() => this.db.kysely.updateTable('jobs').set({ progress_done: done, progress_total: total, message }).where('id', '=', id).where('status', '=', 'running').execute())
        .then(() => this.notify(id), (err: unknown) => this.logError(err, id));
    };
    const handle: JobHandle = {
      id,
      signal: controller.signal,
      progress: (done, total, message) => {
        latest = { done, total: total === undefined ? latest.total : total, message: message ?? latest.message };
        if (timer) return;
        const wait = lastWrite + this.interval - Date.now();
        if (wait <= 0) flush();
        else timer = setTimeout(flush, wait);
      },
    };
    try {
      await this.db.kysely.updateTable('jobs').set({ status: 'running', started_at: this.now() }).where('id', '=', id).execute();
      this.notify(id);
      const result = await work(handle);
      clearTimeout(timer);
      await writing;
      if (controller.signal.aborted) await this.finish(id, 'cancelled', { progress: latest });
      else await this.finish(id, 'succeeded', { result: result === undefined ? null : JSON.stringify(result), progress: latest });
    } catch (err) {
      clearTimeout(timer);
      await writing;
      if (controller.signal.aborted) await this.finish(id, 'cancelled', { progress: latest, error: errorText(err) });
      else {
        const text = errorText(err);
        if (text === null) this.logError(err, id);
        await this.finish(id, 'failed', { progress: latest, error: text ?? `internal error in job ${id}; see the server log` });
      }
    }
  }

  private async finish(id: number, status: JobStatus, facts: { result?: string | null; error?: string | null; progress?: { done: number; total: number | null; message: string | null } }): Promise<void> {
    const p = facts.progress;
    await this.db.kysely
      .updateTable('jobs')
      .set({
        status, finished_at: this.now(), result: facts.result ?? null, error: facts.error ?? null,
        ...(p ? { progress_done: p.done, progress_total: p.total, message: p.message } : {}),
      })
      .where('id', '=', id)
      .execute();
    this.notify(id);
  }
}

/**
 * Starts a background job; `work` runs soon (a few at once) and its resolved value is stored as
 * the job's result. Returns at once with the job's id.
 * @example const { id } = await startJob(ctx, { kind: 'export', organizationId, projectId, createdBy, params }, async (job) => { job.progress(0, n); … return { file }; });
 */
export function startJob(ctx: AppContext, spec: JobSpec, work: JobWork): Promise<{ id: number }> {
  return ctx.jobs.start(spec, work);
}

/** Resolves with the finished job's row (tests and the CLI wait with it). */
export function waitForJob(ctx: AppContext, id: number, timeoutMs?: number): Promise<JobRow> {
  return ctx.jobs.wait(id, timeoutMs);
}
