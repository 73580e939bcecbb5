import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';
import { multipart } from '../modules/media-fixtures.js';
import { buildHostileWorld, rowCounts, type HostileWorld } from './hostile-fixtures.js';
import { concretePath, label, operations } from './route-table.js';

/** Bodies that would pollute Object.prototype through a naive merge or a lax parser, sent as raw JSON text. */
const POISONED_BODIES = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"title":"ok","name":"ok","result":[],"version":1,"nested":{"deeper":{"__proto__":{"polluted":"yes"}}}}',
  '[{"data":{"text":"a","__proto__":{"polluted":"yes"}}}]',
  '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":"yes"}}',
];

function assertPrototypeClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}

describeEachDialect('prototype pollution: poisoned JSON is refused on every route and pollutes nothing', (dialect) => {
  let t: TestApp;
  let world: HostileWorld;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    world = await buildHostileWorld(t);
  });
  afterAll(async () => t.close());
  afterEach(() => {
    assertPrototypeClean();
  });

  it('answers 400 naming the body to __proto__ and constructor.prototype keys on every write route, and writes nothing', async () => {
    const writes = operations(t.app).filter((op) => op.method !== 'get');
    expect(writes.length).toBeGreaterThan(40);
    const before = await rowCounts(t);
    const failures: string[] = [];
    for (const op of writes) {
      for (const payload of POISONED_BODIES) {
        const res = await t.app.inject({
          method: op.method.toUpperCase() as 'POST',
          url: concretePath(op.path, world.ids),
          payload,
          headers: { authorization: `Bearer ${world.owner.token}`, 'content-type': 'application/json' },
        });
        const error = res.statusCode === 400 ? (res.json() as { error: { code: string; field?: string } }).error : undefined;
        if (error?.code !== 'LAOSHI_VALIDATION' || error.field !== 'body') failures.push(`${label(op)} ${payload} → ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('ignores __proto__ and constructor in query strings of every GET route', async () => {
    const query = '__proto__[polluted]=yes&__proto__.polluted=yes&constructor[prototype][polluted]=yes&constructor.prototype.polluted=yes';
    const failures: string[] = [];
    for (const op of operations(t.app).filter((o) => o.method === 'get')) {
      const res = await t.app.inject({ method: 'GET', url: `${concretePath(op.path, world.ids)}?${query}`, headers: { authorization: `Bearer ${world.owner.token}` } });
      if (res.statusCode >= 500) failures.push(`${label(op)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps __proto__ and constructor keys of imported JSONL as plain data, touching no prototype', async () => {
    const lines = [
      '{"text":"first","__proto__":{"polluted":"yes"}}',
      '{"data":{"text":"second","constructor":{"prototype":{"polluted":"yes"}}}}',
      '{"data":{"text":"third"},"meta":{"__proto__":{"isAdmin":true}}}',
    ].join('\n');
    const projectId = (await t.call(world.owner, 'POST', '/api/projects', { title: 'Imported', labelConfig: '<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="a"/></Choices></View>' })).json().id as number;
    const { payload, headers } = multipart([{ filename: 'tasks.jsonl', content: lines }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${world.owner.token}` } });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.ctx, res.json().id as number, 20_000);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const tasks = (await t.call(world.owner, 'GET', `/api/projects/${projectId}/tasks`)).json().items as { data: Record<string, unknown>; meta: Record<string, unknown> }[];
    expect(tasks.map((task) => task.data.text)).toEqual(['first', 'second', 'third']);
    // Stored and served as the data it was: an own key, never a prototype.
    const stored = await t.ctx.db.kysely.selectFrom('tasks').select(['data', 'meta']).where('project_id', '=', projectId).orderBy('id').execute();
    expect(stored[1]!.data).toContain('"constructor":{"prototype":{"polluted":"yes"}}');
    expect(tasks[2]!.meta.isAdmin).toBeUndefined();
  });

  it('refuses multipart form fields named __proto__ or constructor', async () => {
    // JSON.parse makes them own keys; an object literal would set the prototype instead.
    for (const fields of [JSON.parse('{"__proto__":"{\\"polluted\\":\\"yes\\"}"}'), JSON.parse('{"constructor":"x"}')] as Record<string, string>[]) {
      const { payload, headers } = multipart([{ filename: 'tasks.jsonl', content: '{"text":"a"}' }], fields);
      const res = await t.app.inject({ method: 'POST', url: `/api/projects/${world.ids.projects}/imports`, payload, headers: { ...headers, authorization: `Bearer ${world.owner.token}` } });
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('refuses a poisoned body on a cookie-authenticated write before anything else', async () => {
    const login = await t.call(null, 'POST', '/api/auth/login', { email: world.owner.email, password: world.owner.password });
    const cookie = `laoshi_session=${login.cookies.find((c) => c.name === 'laoshi_session')!.value}`;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${world.owner.id}`, payload: '{"name":"x","__proto__":{"isSuperuser":true}}', headers: { cookie, 'x-csrf-token': login.json().csrfToken, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.isSuperuser).toBe(false);
  });
});
