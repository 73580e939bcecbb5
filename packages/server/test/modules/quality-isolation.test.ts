import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, submit } from './quality-fixtures.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
const TAGS = new Set(['workflow', 'reviews', 'gold', 'quality']);

// The quality routes, called by people who may not see the project, answer 404 before anything
// else — even without the body or query the route wants (scoped before validation).
describeEachDialect('quality routes: 404 across organizations and for outsiders', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.user();
    const p = await makeProject(t, owner, { labelConfig: CHOICES_XML, tasks: [{ text: 'secret' }] });
    const annotationId = await submit(t, owner, p.taskIds[0]!, choice('pos'));
    ids = { projects: p.id, tasks: p.taskIds[0]!, annotations: annotationId };
  });
  afterAll(async () => t.close());

  function routes(): { method: Method; path: string }[] {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method) && op.tags?.some((tag) => TAGS.has(tag)))
        .map(([method]) => ({ method: method as Method, path })),
    );
  }
  const concrete = (path: string) => {
    const kind = /^\/api\/(\w+)\/\{id\}/.exec(path)![1]!;
    return path.replace('{id}', String(ids[kind])).replace('{userId}', String(owner.id));
  };

  it('covers every quality route', () => {
    const all = routes().map((r) => `${r.method} ${r.path}`);
    expect(all).toEqual(expect.arrayContaining([
      'post /api/projects/{id}/review/next', 'post /api/annotations/{id}/review', 'post /api/projects/{id}/assignments',
      'post /api/annotations/{id}/gold', 'get /api/projects/{id}/agreement', 'post /api/projects/{id}/consensus',
      'get /api/projects/{id}/annotator-stats.csv', 'patch /api/projects/{id}/quality-settings', 'get /api/tasks/{id}/workflow',
      'post /api/tasks/{id}/adjudication', 'get /api/projects/{id}/rework', 'get /api/projects/{id}/annotator-activity', 'get /api/projects/{id}/annotator-activity.csv',
    ]));
    expect(all).toHaveLength(23);
  });

  it('answers 404 to an admin of another organization and to a colleague outside the project', async () => {
    const outsider = await t.user();
    const failures: string[] = [];
    for (const caller of [t.otherAdmin, outsider]) {
      for (const { method, path } of routes()) {
        const res = await t.call(caller, method.toUpperCase(), concrete(path));
        if (res.statusCode !== 404) failures.push(`${method.toUpperCase()} ${path} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        else expect(res.body).not.toContain('secret');
      }
    }
    expect(failures).toEqual([]);
    expect((await t.call(owner, 'GET', `/api/annotations/${ids.annotations}`)).json()).toMatchObject({ version: 1, reviewState: 'pending' });
  });
});
