import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { multipart } from '../modules/media-fixtures.js';
import { buildHostileWorld, rowCounts, type HostileWorld } from './hostile-fixtures.js';
import { concretePath, label, operations, type Operation } from './route-table.js';

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(t: TestApp, user: TestUser): Promise<Session> {
  const res = await t.call(null, 'POST', '/api/auth/login', { email: user.email, password: user.password });
  expect(res.statusCode).toBe(200);
  return { cookie: `laoshi_session=${res.cookies.find((c) => c.name === 'laoshi_session')!.value}`, csrfToken: res.json().csrfToken as string };
}

/** What a page on another site can make a browser send with the victim's cookie and no preflight. */
const CROSS_SITE_BODIES = [
  { 'content-type': 'application/x-www-form-urlencoded', payload: 'title=pwned&name=pwned' },
  { 'content-type': 'text/plain', payload: '{"title":"pwned","name":"pwned"}' },
  { 'content-type': 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\npwned\r\n--x--\r\n' },
];

describeEachDialect('CSRF: every cookie-authenticated write route needs the session’s X-CSRF-Token', (dialect) => {
  let t: TestApp;
  let world: HostileWorld;
  let writes: Operation[];
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    world = await buildHostileWorld(t);
    writes = operations(t.app).filter((op) => op.method !== 'get');
  });
  afterAll(async () => t.close());

  /** A write with a valid JSON body for most routes: if CSRF were not checked, many would succeed. */
  const send = (op: Operation, headers: Record<string, string>, body: { 'content-type': string; payload: string } = { 'content-type': 'application/json', payload: '{}' }) =>
    t.app.inject({ method: op.method.toUpperCase() as 'POST', url: concretePath(op.path, world.ids), payload: body.payload, headers: { ...headers, 'content-type': body['content-type'] } });

  it('covers every write route of the route table', () => {
    expect(writes.length).toBeGreaterThan(40);
    expect(writes.map(label)).toEqual(expect.arrayContaining(['POST /api/tasks/{id}/annotations', 'DELETE /api/projects/{id}', 'POST /api/projects/{id}/media', 'POST /api/auth/tokens', 'PATCH /api/users/{id}']));
  });

  it('answers 403 LAOSHI_CSRF to a write without the header, with a wrong one, or with another session’s, and changes nothing', async () => {
    const session = await signIn(t, world.owner);
    const other = await signIn(t, world.reviewer);
    const before = await rowCounts(t);
    const failures: string[] = [];
    for (const op of writes) {
      for (const [why, headers] of [
        ['no header', { cookie: session.cookie }],
        ['wrong header', { cookie: session.cookie, 'x-csrf-token': session.csrfToken.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) }],
        ['another session’s token', { cookie: session.cookie, 'x-csrf-token': other.csrfToken }],
        ['empty header', { cookie: session.cookie, 'x-csrf-token': '' }],
      ] as const) {
        const res = await send(op, headers);
        if (res.statusCode !== 403 || res.json().error.code !== 'LAOSHI_CSRF') failures.push(`${label(op)} (${why}) → ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t)).toEqual(before);
    // The session itself still works for reads: the refusals were about CSRF, not the cookie.
    expect((await t.app.inject({ method: 'GET', url: `/api/projects/${world.ids.projects}`, headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('refuses the bodies a cross-site form can send (urlencoded, text/plain, multipart) on every write route', async () => {
    const session = await signIn(t, world.owner);
    const before = await rowCounts(t);
    const failures: string[] = [];
    for (const op of writes) {
      for (const body of CROSS_SITE_BODIES) {
        const res = await send(op, { cookie: session.cookie, origin: 'https://evil.example' }, body);
        if (res.statusCode !== 403) failures.push(`${label(op)} (${body['content-type']}) → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses a cookie-authenticated upload without the header (a cross-site multipart form)', async () => {
    const session = await signIn(t, world.owner);
    const { payload, headers } = multipart([{ filename: 'tasks.jsonl', content: '{"text":"planted"}' }]);
    for (const url of [`/api/projects/${world.ids.projects}/media`, `/api/projects/${world.ids.projects}/imports`]) {
      const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: session.cookie } });
      expect(res.statusCode, url).toBe(403);
    }
    const ok = await t.app.inject({ method: 'POST', url: `/api/projects/${world.ids.projects}/imports`, payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(ok.statusCode).toBe(202);
  });

  it('lets the same writes through with the right header, so the refusals above were CSRF and nothing else', async () => {
    const session = await signIn(t, world.owner);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/projects/${world.ids.projects}`, payload: { title: 'renamed by the owner' }, headers });
    expect(patch.statusCode, patch.body).toBe(200);
    const token = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'from the browser' }, headers });
    expect(token.statusCode).toBe(201);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and never sends the CSRF token as a cookie', async () => {
    const res = await t.call(null, 'POST', '/api/auth/login', { email: world.owner.email, password: world.owner.password });
    const cookies = res.cookies;
    expect(cookies.map((c) => c.name)).toEqual(['laoshi_session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies[0]!.value).not.toContain(res.json().csrfToken);
  });
});
