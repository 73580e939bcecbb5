import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { finishedJob, makeTextProject, sentiment, startFakeBackend, type FakeBackend } from './model-fixtures.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The model routes of the OpenAPI document that take an id. */
function modelRoutes(t: TestApp): { method: Method; path: string }[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m, op]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m) && op.tags?.includes('models') && path.includes('{id}')).map(([m]) => ({ method: m as Method, path })),
  );
}

describeEachDialect('model routes: scoping and roles', (dialect) => {
  let t: TestApp;
  let fake: FakeBackend;
  let owner: TestUser;
  let annotator: TestUser;
  let reviewer: TestUser;
  let ids: Record<string, number>;

  beforeAll(async () => {
    t = await makeTestApp(dialect, { config: { outboundAllow: ['127.0.0.1'] } });
    fake = await startFakeBackend();
    owner = await t.user();
    annotator = await t.user();
    reviewer = await t.user();
    const p = await makeTextProject(t, owner, [{ text: 'Secret good' }, { text: 'Secret bad' }], [[annotator, 'annotator'], [reviewer, 'reviewer']]);
    await t.call(owner, 'POST', `/api/tasks/${p.taskIds[0]}/annotations`, { result: sentiment('pos') });
    await t.call(owner, 'POST', `/api/tasks/${p.taskIds[1]}/annotations`, { result: sentiment('neg') });
    const backend = (await t.call(owner, 'POST', `/api/projects/${p.id}/model-backends`, { title: 'Secret', url: fake.url })).json().id as number;
    const trained = (await t.call(owner, 'POST', `/api/projects/${p.id}/model-versions`, { kind: 'text-classifier', epochs: 1, validationSplit: 0 })).json();
    await finishedJob(t, owner, trained.jobId);
    ids = { projects: p.id, tasks: p.taskIds[0]!, 'model-backends': backend, 'model-versions': trained.modelVersion.id };
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const concrete = (path: string) => {
    const kind = /^\/api\/([\w-]+)\/\{id\}/.exec(path)?.[1];
    const id = kind ? ids[kind] : undefined;
    if (id === undefined) throw new Error(`no fixture id for ${path}`);
    return path.replace('{id}', String(id));
  };

  it('covers every model route that takes an id', () => {
    const routes = modelRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining([
      'post /api/projects/{id}/model-backends', 'patch /api/model-backends/{id}', 'post /api/model-backends/{id}/prelabel', 'post /api/tasks/{id}/predict',
      'post /api/projects/{id}/model-versions', 'get /api/model-versions/{id}/evaluation', 'post /api/projects/{id}/model-files', 'get /api/projects/{id}/active-learning/preview',
    ]));
  });

  it('answers 404 to an admin of another organization and to a colleague outside the project, without calling the backend', async () => {
    const outsider = await t.user();
    for (const caller of [t.otherAdmin, outsider]) {
      const failures: string[] = [];
      for (const { method, path } of modelRoutes(t)) {
        const res = await t.call(caller, method.toUpperCase(), concrete(path), method === 'get' || method === 'delete' ? undefined : {});
        if (res.statusCode !== 404) failures.push(`${method.toUpperCase()} ${path} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        else expect(res.body).not.toContain('Secret');
      }
      expect(failures).toEqual([]);
    }
    expect(fake.requests).toEqual([]);
    expect((await t.call(owner, 'GET', `/api/model-backends/${ids['model-backends']}`)).statusCode).toBe(200);
  });

  it('answers 403 to an annotator on every manager route; annotators may only ask for interactive predictions', async () => {
    const failures: string[] = [];
    for (const { method, path } of modelRoutes(t)) {
      if (path === '/api/tasks/{id}/predict') continue;
      const res = await t.call(annotator, method.toUpperCase(), concrete(path), method === 'get' || method === 'delete' ? undefined : {});
      if (res.statusCode !== 403) failures.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    const predict = await t.call(annotator, 'POST', `/api/tasks/${ids.tasks}/predict`, {});
    expect(predict.statusCode).toBe(200);
  });

  it('lets a reviewer read the queue order but not change it', async () => {
    expect((await t.call(reviewer, 'GET', `/api/projects/${ids.projects}/active-learning`)).statusCode).toBe(200);
    expect((await t.call(reviewer, 'PUT', `/api/projects/${ids.projects}/active-learning`, { order: 'entropy' })).statusCode).toBe(403);
  });
});
