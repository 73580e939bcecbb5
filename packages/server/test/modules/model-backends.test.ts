import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { notifyModelBackends } from '../../src/modules/models/model-webhooks.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { TEXT_XML, finishedJob, makeTextProject, sentiment, startFakeBackend, type FakeBackend, type TextProject } from './model-fixtures.js';

const SECRET = 'Bearer sk-backend-0123456789';

describeEachDialect('model backends (Label Studio ML-backend protocol)', (dialect) => {
  let t: TestApp;
  let fake: FakeBackend;
  let manager: TestUser;
  let annotator: TestUser;
  let project: TextProject;
  let backendId: number;

  beforeAll(async () => {
    t = await makeTestApp(dialect, { config: { outboundAllow: ['127.0.0.1'], modelTimeoutMs: 2000, modelInteractiveTimeoutMs: 400 } });
    fake = await startFakeBackend();
    manager = await t.user();
    annotator = await t.user();
    const texts = Array.from({ length: 25 }, (_, i) => ({ text: i % 2 ? `a good day ${i}` : `a dull day ${i}` }));
    project = await makeTextProject(t, manager, texts, [[annotator, 'annotator']]);
    const created = await t.call(manager, 'POST', `/api/projects/${project.id}/model-backends`, { title: 'Fake', url: `${fake.url}/`, authHeader: SECRET, accessToken: 'laoshi-token-for-media', extraParams: { threshold: 0.5 }, interactive: true });
    expect(created.statusCode, created.body).toBe(201);
    backendId = created.json().id;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.behave = () => undefined;
  });

  it('keeps the credentials sealed: shown only as a hint, absent from the audit log and the database row', async () => {
    const view = (await t.call(manager, 'GET', `/api/model-backends/${backendId}`)).json();
    expect(view).toMatchObject({ title: 'Fake', url: fake.url, authHeader: '••••6789', accessToken: '••••edia', interactive: true, extraParams: { threshold: 0.5 } });
    const list = await t.call(manager, 'GET', `/api/projects/${project.id}/model-backends`);
    expect(list.body).not.toContain('sk-backend');
    const audit = await t.ctx.db.kysely.selectFrom('audit_events').select('data').where('object_type', '=', 'model_backend').execute();
    expect(JSON.stringify(audit)).not.toContain('sk-backend');
    const row = await t.ctx.db.kysely.selectFrom('model_backends').select(['auth_header', 'access_token']).where('id', '=', backendId).executeTakeFirstOrThrow();
    expect(row.auth_header).not.toContain('sk-backend');
    expect(row.access_token).not.toContain('laoshi-token');
  });

  it('tests the connection with GET /health and POST /setup carrying exactly the Label Studio fields', async () => {
    const res = await t.call(manager, 'POST', `/api/model-backends/${backendId}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, health: 'UP', modelVersion: 'fake-v1', error: null, backend: { lastStatus: 'ok', modelVersion: 'fake-v1' } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health', 'POST /setup']);
    const setup = fake.requests[1]!;
    const created = await t.ctx.db.kysely.selectFrom('projects').select('created_at').where('id', '=', project.id).executeTakeFirstOrThrow();
    expect(setup.body).toEqual({
      project: `${project.id}.${Math.floor(created.created_at / 1000)}`,
      schema: TEXT_XML,
      hostname: expect.stringMatching(/^http:\/\//),
      access_token: 'laoshi-token-for-media',
      extra_params: { threshold: 0.5 },
    });
    expect(fake.requests.every((r) => r.headers.authorization === SECRET)).toBe(true);
    expect(setup.headers['content-type']).toBe('application/json');
  });

  it('pre-labels the project as a job: batched /predict calls, predictions with scores and model version', async () => {
    const started = await t.call(manager, 'POST', `/api/model-backends/${backendId}/prelabel`, { batchSize: 10 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 25, total: 25 }, result: { tasks: 25, predicted: 25, skipped: 0, failed: 0, modelVersion: 'fake-v1' } });
    const predicts = fake.requests.filter((r) => r.path === '/predict');
    expect(predicts.map((r) => (r.body as { tasks: unknown[] }).tasks.length)).toEqual([10, 10, 5]);
    const first = predicts[0]!.body as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['label_config', 'params', 'project', 'tasks']);
    expect(first.label_config).toBe(TEXT_XML);
    expect(first.params).toEqual({ context: null });
    expect((first.tasks as unknown[])[0]).toEqual({ id: project.taskIds[0], data: { text: 'a dull day 0' }, meta: {}, project: project.id });
    const rows = await t.ctx.db.kysely.selectFrom('predictions').selectAll().where('project_id', '=', project.id).orderBy('task_id').execute();
    expect(rows).toHaveLength(25);
    expect(rows[1]).toMatchObject({ task_id: project.taskIds[1], model_version: 'fake-v1' });
    expect(rows[1]!.score).toBeCloseTo(0.9, 5);
    expect(JSON.parse(rows[1]!.result)).toEqual(sentiment('pos'));
    expect(rows[0]!.score).toBeCloseTo(0.6, 5);
    // The active-learning order reads the scores: least confidence 1 − score.
    const u = await t.ctx.db.kysely.selectFrom('task_uncertainty').selectAll().where('task_id', '=', project.taskIds[0]!).executeTakeFirstOrThrow();
    expect(u.least_confidence).toBeCloseTo(0.4, 5);
  });

  it('runs again without duplicating predictions of the same model version, and pre-labels only a filtered subset', async () => {
    const ids = project.taskIds.slice(0, 3).join(',');
    const started = await t.call(manager, 'POST', `/api/model-backends/${backendId}/prelabel`, { filter: { ids } });
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.result).toMatchObject({ tasks: 3, predicted: 3 });
    const sent = fake.requests.filter((r) => r.path === '/predict').flatMap((r) => (r.body as { tasks: { id: number }[] }).tasks.map((x) => x.id));
    expect(sent).toEqual(project.taskIds.slice(0, 3));
    const count = await t.ctx.db.kysely.selectFrom('predictions').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', project.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(25);
  });

  it('skips answers that do not fit the label config and says why', async () => {
    fake.behave = (req) => (req.path === '/predict' ? { json: { results: (req.body as { tasks: unknown[] }).tasks.map((_, i) => ({ result: sentiment(i === 0 ? 'maybe' : 'neg'), score: 0.5 })) } } : undefined);
    const started = await t.call(manager, 'POST', `/api/model-backends/${backendId}/prelabel`, { filter: { ids: project.taskIds.slice(0, 2).join(',') } });
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.result).toMatchObject({ predicted: 1, skipped: 1 });
    expect((job.result as { errors: string[] }).errors[0]).toMatch(new RegExp(`task ${project.taskIds[0]}: .*maybe`));
  });

  it('fails a pre-label job with a clear message when the backend breaks, and notes it on the backend', async () => {
    fake.behave = (req) => (req.path === '/predict' ? { status: 500, raw: 'Traceback…' } : undefined);
    const started = await t.call(manager, 'POST', `/api/model-backends/${backendId}/prelabel`, { batchSize: 5 });
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toBe('model backend "Fake" failed on /predict: the server answered HTTP 500');
    // Three batches in a row, each tried twice.
    expect(fake.requests.filter((r) => r.path === '/predict')).toHaveLength(6);
    expect((await t.call(manager, 'GET', `/api/model-backends/${backendId}`)).json()).toMatchObject({ lastStatus: 'error', lastError: expect.stringContaining('HTTP 500') });
  });

  it('answers 502 when /predict returns the wrong number of results', async () => {
    fake.behave = (req) => (req.path === '/predict' ? { json: { results: [] } } : undefined);
    const res = await t.call(annotator, 'POST', `/api/tasks/${project.taskIds[0]}/predict`, { context: null });
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_MODEL_BACKEND_FAILED', message: 'model backend "Fake" answered /predict with 0 results for 1 tasks' });
  });

  it("gives the editor a backend's regions for the annotator's context (interactive mode)", async () => {
    const context = { result: [{ type: 'keypointlabels', value: { x: 10, y: 20 } }] };
    const res = await t.call(annotator, 'POST', `/api/tasks/${project.taskIds[1]}/predict`, { context });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ backendId, modelVersion: 'fake-v1', score: 0.9, result: sentiment('pos') });
    const body = fake.requests.find((r) => r.path === '/predict')!.body as { tasks: { id: number }[]; params: unknown };
    expect(body.params).toEqual({ context });
    expect(body.tasks.map((x) => x.id)).toEqual([project.taskIds[1]]);
    // Nothing is stored: the editor decides.
    const stored = await t.ctx.db.kysely.selectFrom('predictions').select('id').where('task_id', '=', project.taskIds[1]!).execute();
    expect(stored).toHaveLength(1);
  });

  it('answers 504 within the interactive time limit when the backend is slow', async () => {
    fake.behave = (req) => (req.path === '/predict' ? { delayMs: 5000 } : undefined);
    const start = Date.now();
    const res = await t.call(annotator, 'POST', `/api/tasks/${project.taskIds[1]}/predict`, {});
    expect(res.statusCode).toBe(504);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_MODEL_BACKEND_TIMEOUT', message: 'model backend "Fake" did not answer /predict within 0.4 s (or the call was cancelled)' });
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('reports a backend that is down in the connection test instead of failing the request', async () => {
    fake.behave = (req) => (req.path === '/health' ? { status: 503, json: { status: 'DOWN' } } : undefined);
    const res = await t.call(manager, 'POST', `/api/model-backends/${backendId}/test`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, health: null, error: { code: 'LAOSHI_MODEL_BACKEND_FAILED', message: 'model backend "Fake" failed on /health: the server answered HTTP 503' }, backend: { lastStatus: 'error' } });
  });

  it('sends annotation events to POST /webhook as Label Studio does, on every submit', async () => {
    // The submit itself notifies the backend (after its commit, without waiting for it).
    const annotationId = (await t.call(annotator, 'POST', `/api/tasks/${project.taskIds[2]}/annotations`, { result: sentiment('neg') })).json().id as number;
    await expect.poll(() => fake.requests.filter((r) => r.path === '/webhook').length).toBe(1);
    const hooks = fake.requests.filter((r) => r.path === '/webhook');
    expect(hooks[0]!.headers.authorization).toBe(SECRET);
    expect(hooks[0]!.body).toMatchObject({
      action: 'ANNOTATION_CREATED',
      project: { id: project.id, title: 'Models', label_config: TEXT_XML },
      annotation: { id: annotationId, task: project.taskIds[2], project: project.id, result: sentiment('neg'), completed_by: annotator.id },
      task: { id: project.taskIds[2], data: { text: 'a dull day 2' }, meta: {}, project: project.id },
    });
  });

  it('retries a failed webhook delivery and never throws', async () => {
    let calls = 0;
    fake.behave = (req) => (req.path === '/webhook' && ++calls === 1 ? { status: 500 } : undefined);
    await expect(notifyModelBackends(t.ctx, project.id, 'START_TRAINING', {}, { retryDelaysMs: [10, 10] })).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.path === '/webhook')).toHaveLength(2);
    fake.behave = (req) => (req.path === '/webhook' ? { status: 500 } : undefined);
    await expect(notifyModelBackends(t.ctx, project.id, 'START_TRAINING', {}, { retryDelaysMs: [10, 10] })).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.path === '/webhook')).toHaveLength(5);
  });

  it('keeps credentials when a patch leaves them out and clears them with null', async () => {
    const kept = await t.call(manager, 'PATCH', `/api/model-backends/${backendId}`, { title: 'Fake' });
    expect(kept.json().authHeader).toBe('••••6789');
    const cleared = await t.call(manager, 'PATCH', `/api/model-backends/${backendId}`, { accessToken: null });
    expect(cleared.json()).toMatchObject({ accessToken: null, authHeader: '••••6789' });
  });

  it('refuses backend URLs that are not plain http(s)', async () => {
    for (const url of ['ftp://127.0.0.1/', 'http://user:pw@127.0.0.1/', 'not a url']) {
      const res = await t.call(manager, 'POST', `/api/projects/${project.id}/model-backends`, { title: 'Bad', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.field).toBe('url');
    }
  });
});

describeEachDialect('model backends without an allow-list', (dialect) => {
  let t: TestApp;
  let fake: FakeBackend;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    fake = await startFakeBackend();
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('refuses to call a backend on a loopback address (SSRF) and never reaches it', async () => {
    const p = await makeTextProject(t, t.admin, [{ text: 'hello' }]);
    const backendId = (await t.call(t.admin, 'POST', `/api/projects/${p.id}/model-backends`, { title: 'Local', url: fake.url })).json().id as number;
    const test = await t.call(t.admin, 'POST', `/api/model-backends/${backendId}/test`);
    expect(test.json()).toMatchObject({ ok: false, error: { code: 'LAOSHI_OUTBOUND_REFUSED', message: expect.stringContaining('a loopback address') } });
    const predict = await t.call(t.admin, 'POST', `/api/tasks/${p.taskIds[0]}/predict`, {});
    expect(predict.statusCode).toBe(400);
    expect(predict.json().error.code).toBe('LAOSHI_OUTBOUND_REFUSED');
    const job = await finishedJob(t, t.admin, (await t.call(t.admin, 'POST', `/api/model-backends/${backendId}/prelabel`, {})).json().jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/loopback/);
    expect(fake.requests).toEqual([]);
  });
});
