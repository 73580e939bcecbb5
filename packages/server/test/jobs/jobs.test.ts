import { afterAll, beforeAll, expect, it } from 'vitest';
import { LaoshiError } from '../../src/errors.js';
import { JobRunner, startJob, waitForJob, type JobHandle } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Work that runs until its signal aborts. */
const untilAborted = (job: JobHandle) =>
  new Promise((_resolve, reject) => job.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true }));

describeEachDialect('background jobs', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;
  let projectId: number;
  const spec = () => ({ kind: 'test', organizationId: t.admin.organizationId, projectId, createdBy: manager.id, params: { n: 3 } });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user();
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Jobs', labelConfig: BOX_CONFIG_XML })).json().id as number;
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
  });
  afterAll(async () => t.close());

  it('runs the work, keeps its result and the last progress, and answers on GET /api/jobs/:id', async () => {
    const { id } = await startJob(t.ctx, spec(), async (job) => {
      for (let i = 1; i <= 3; i++) job.progress(i, 3, `item ${i}`);
      return { imported: 3 };
    });
    const row = await waitForJob(t.ctx, id, 10_000);
    expect(row).toMatchObject({ status: 'succeeded', progress_done: 3, progress_total: 3, message: 'item 3', kind: 'test' });
    const res = await t.call(annotator, 'GET', `/api/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, projectId, status: 'succeeded', progress: { done: 3, total: 3 }, params: { n: 3 }, result: { imported: 3 }, error: null });
    expect(res.json().startedAt).not.toBeNull();
  });

  it('throttles progress writes but shows progress while the job runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { id } = await startJob(t.ctx, spec(), async (job) => {
      for (let i = 1; i <= 10_000; i++) job.progress(i, 10_000);
      await gate;
      return null;
    });
    await expect.poll(async () => (await t.call(manager, 'GET', `/api/jobs/${id}`)).json().progress.done, { timeout: 5000 }).toBe(10_000);
    expect((await t.call(manager, 'GET', `/api/jobs/${id}`)).json().status).toBe('running');
    release();
    expect((await waitForJob(t.ctx, id)).status).toBe('succeeded');
  });

  it('fails with the message of a LaoshiError, and hides the message of an unexpected error', async () => {
    const known = await startJob(t.ctx, spec(), async () => {
      throw new LaoshiError(400, 'LAOSHI_BAD_FILE', 'photos.zip: entry ../evil.sh escapes the archive');
    });
    expect(await waitForJob(t.ctx, known.id)).toMatchObject({ status: 'failed', error: 'photos.zip: entry ../evil.sh escapes the archive' });
    const unknown = await startJob(t.ctx, spec(), async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    });
    const row = await waitForJob(t.ctx, unknown.id);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/internal error/);
    expect(row.error).not.toContain('hunter2');
  });

  it('cancels a running job through its signal (managers only: annotators get 403, outsiders 404)', async () => {
    const { id } = await startJob(t.ctx, spec(), untilAborted);
    await expect.poll(async () => (await t.ctx.jobs.get(id))?.status).toBe('running');
    expect((await t.call(annotator, 'POST', `/api/jobs/${id}/cancel`)).statusCode).toBe(403);
    const outsider = await t.user();
    expect((await t.call(outsider, 'POST', `/api/jobs/${id}/cancel`)).statusCode).toBe(404);
    expect((await t.call(t.otherAdmin, 'GET', `/api/jobs/${id}`)).statusCode).toBe(404);
    const res = await t.call(manager, 'POST', `/api/jobs/${id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const again = await t.call(manager, 'POST', `/api/jobs/${id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LAOSHI_JOB_FINISHED');
  });

  it('runs at most two jobs at once; a queued job cancelled never runs', async () => {
    let running = 0;
    let most = 0;
    const ran: number[] = [];
    const work = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      ran.push(n);
      await sleep(50);
      running--;
      return n;
    };
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push((await startJob(t.ctx, spec(), work(n))).id);
    const cancelled = ids[4]!;
    await t.ctx.jobs.cancel(cancelled);
    const rows = await Promise.all(ids.map((id) => waitForJob(t.ctx, id)));
    expect(most).toBeLessThanOrEqual(2);
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'cancelled']);
    expect(ran).not.toContain(4);
  });

  it('lists a project\'s jobs newest first with cursor pagination (members only)', async () => {
    const first = await t.call(manager, 'GET', `/api/projects/${projectId}/jobs?limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json() as { items: { id: number }[]; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    const next = (await t.call(manager, 'GET', `/api/projects/${projectId}/jobs?limit=2&cursor=${page.nextCursor}`)).json() as { items: { id: number }[] };
    expect(next.items[0]!.id).toBeLessThan(page.items[1]!.id);
    expect((await t.call(t.otherAdmin, 'GET', `/api/projects/${projectId}/jobs`)).statusCode).toBe(404);
  });

  it('streams progress as Server-Sent Events until the job ends', async () => {
    const { id } = await startJob(t.ctx, spec(), async (job) => {
      for (let i = 1; i <= 3; i++) {
        job.progress(i, 3);
        await sleep(300);
      }
      return { ok: true };
    });
    const res = await t.call(annotator, 'GET', `/api/jobs/${id}/events`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body.split('\n\n').filter(Boolean).map((block) => {
      const event = /^event: (\w+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, job: data ? (JSON.parse(data) as { status: string; progress: { done: number } }) : null };
    });
    expect(events.at(-1)).toMatchObject({ event: 'end', job: { status: 'succeeded' } });
    const dones = events.filter((e) => e.event === 'progress').map((e) => e.job!.progress.done);
    expect(dones.length).toBeGreaterThanOrEqual(3);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect((await t.call(t.otherAdmin, 'GET', `/api/jobs/${id}/events`)).statusCode).toBe(404);
  });

  it('marks jobs a crash left running as failed "interrupted by a restart" on start-up', async () => {
    const { id } = await t.ctx.db.kysely
      .insertInto('jobs')
      .values({ organization_id: t.admin.organizationId, project_id: projectId, kind: 'import', status: 'running', progress_done: 5, progress_total: 10, message: null, params: '{}', result: null, error: null, created_by: manager.id, created_at: 1, started_at: 1, finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const restarted = new JobRunner({ db: t.ctx.db });
    expect(await restarted.recover()).toBe(1);
    expect(await t.ctx.jobs.get(id)).toMatchObject({ status: 'failed', error: 'interrupted by a restart', progress_done: 5 });
    await restarted.close();
  });

  it('a job outside any project is visible to its creator and org admins only', async () => {
    const { id } = await startJob(t.ctx, { ...spec(), projectId: null }, async () => 1);
    await waitForJob(t.ctx, id);
    expect((await t.call(manager, 'GET', `/api/jobs/${id}`)).statusCode).toBe(200);
    expect((await t.call(t.admin, 'GET', `/api/jobs/${id}`)).statusCode).toBe(200);
    expect((await t.call(annotator, 'GET', `/api/jobs/${id}`)).statusCode).toBe(404);
  });
});
