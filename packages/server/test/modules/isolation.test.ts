import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { storeMedia } from '../../src/modules/media/media-service.js';
import { insertModelVersion } from '../../src/modules/models/model-version-repository.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { storedEvaluationRun } from './evaluation-fixtures.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A valid body per route, so that a 404 cannot hide behind a 400. */
const BODIES: Record<string, unknown> = {
  'post /api/projects/{id}/tasks': [{ data: { image: 'x.jpg' } }],
  'post /api/projects/{id}/members': { userId: 1, role: 'annotator' },
  'patch /api/projects/{id}': { title: 'stolen' },
  'post /api/tasks/{id}/annotations': { result: boxResult() },
  'patch /api/annotations/{id}': { result: boxResult('Road'), version: 1 },
  'patch /api/users/{id}': { name: 'stolen' },
  'post /api/projects/{id}/imports': { urls: ['https://example.com/tasks.jsonl'] },
  'post /api/tasks/{id}/skip': { reason: 'stolen' },
};

describeEachDialect('isolation: every route that takes an id answers 404 across organizations', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.user();
    const projectId = (await t.call(owner, 'POST', '/api/projects', { title: 'Secret', labelConfig: BOX_CONFIG_XML })).json().id as number;
    await t.call(owner, 'POST', `/api/projects/${projectId}/tasks`, [{ data: { image: 'secret.jpg' } }]);
    const taskId = (await t.call(owner, 'GET', `/api/projects/${projectId}/tasks`)).json().items[0].id as number;
    const annotationId = (await t.call(owner, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json().id as number;
    const tokenId = (await t.call(owner, 'POST', '/api/auth/tokens', { name: 'x' })).json().id as number;
    // Jobs and media have no creating route of their own that takes JSON: make them directly.
    const jobId = (await t.ctx.jobs.start({ kind: 'isolation', organizationId: owner.organizationId, projectId, createdBy: owner.id, params: {} }, async () => null)).id;
    const mediaId = (await storeMedia(t.ctx, { organizationId: owner.organizationId, projectId, createdBy: owner.id, fileName: 'secret.txt', body: Readable.from([Buffer.from('Secret')]) })).id;
    const exported = (await t.call(owner, 'POST', `/api/projects/${projectId}/exports`, { format: 'jsonl' })).json() as { jobId: number; datasetVersionId: number };
    await waitForJob(t.ctx, exported.jobId);
    const backendId = (await t.call(owner, 'POST', `/api/projects/${projectId}/model-backends`, { title: 'Secret model', url: 'https://example.com/ml' })).json().id as number;
    // The fixture project's box config cannot be trained: a version row is made directly.
    const modelVersionId = (
      await insertModelVersion(t.ctx, {
        organization_id: owner.organizationId, project_id: projectId, kind: 'text-classifier', from_name: 'label', to_name: 'image',
        labels: '["Car"]', params: '{}', feature_file_id: null, created_by: owner.id, created_at: Date.now(),
      })
    ).id;
    ids = {
      projects: projectId, tasks: taskId, annotations: annotationId, users: owner.id, tokens: tokenId, jobs: jobId, media: mediaId,
      'dataset-versions': exported.datasetVersionId, 'model-backends': backendId, 'model-versions': modelVersionId,
      evaluations: await storedEvaluationRun(t, owner, projectId, 'Secret'),
    };
    const webhook = await t.call(owner, 'POST', `/api/projects/${projectId}/webhooks`, { url: 'https://example.com/hook', events: ['annotation.created'] });
    if (webhook.statusCode === 201) ids.webhooks = webhook.json().id as number;
  });
  afterAll(async () => t.close());

  function idRoutes(): { method: Method; path: string }[] {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m): m is Method => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((method) => ({ method, path })));
  }

  function concrete(path: string): string {
    const kind = /^\/api\/(?:auth\/)?([\w-]+)\/\{id\}/.exec(path)?.[1];
    const id = kind ? ids[kind] : undefined;
    if (id === undefined) throw new Error(`isolation test: no fixture id for ${path}; add one`);
    // A second id of the same kind (compare/{otherId}) is the same object; {userId} is the owner.
    return path.replace('{id}', String(id)).replace('{otherId}', String(id)).replace('{userId}', String(owner.id));
  }

  it('covers the routes of the route table', () => {
    const routes = idRoutes().map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toContain('post /api/tasks/{id}/annotations');
    expect(routes).toContain('delete /api/projects/{id}/members/{userId}');
  });

  it('answers 404 to an admin of another organization, and changes nothing', async () => {
    const failures: string[] = [];
    for (const { method, path } of idRoutes()) {
      const res = await t.call(t.otherAdmin, method.toUpperCase(), concrete(path), BODIES[`${method} ${path}`]);
      if (res.statusCode !== 404) failures.push(`${method.toUpperCase()} ${path} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      else expect(res.body).not.toContain('Secret');
    }
    expect(failures).toEqual([]);
    const project = await t.call(owner, 'GET', `/api/projects/${ids.projects}`);
    expect(project.json().title).toBe('Secret');
    expect((await t.call(owner, 'GET', `/api/annotations/${ids.annotations}`)).json().version).toBe(1);
    expect((await t.call(owner, 'GET', '/api/auth/tokens')).json().some((x: { id: number }) => x.id === ids.tokens)).toBe(true);
  });

  it('answers 404 to a member of the same organization who is not in the project', async () => {
    const outsider = await t.user();
    const failures: string[] = [];
    for (const { method, path } of idRoutes()) {
      if (path.startsWith('/api/users/')) continue; // colleagues may see each other; only admins change them (403)
      const res = await t.call(outsider, method.toUpperCase(), concrete(path), BODIES[`${method} ${path}`]);
      if (res.statusCode !== 404) failures.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
