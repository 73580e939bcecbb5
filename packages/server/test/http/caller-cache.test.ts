import { afterAll, beforeAll, expect, it } from 'vitest';
import { CALLER_CACHE_TTL_MS } from '../../src/http/authenticate.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

// Bearer-token callers are remembered for a few seconds; every change to who a caller is must
// still count at once.
describeEachDialect('bearer token caller cache', (dialect) => {
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock });
  });
  afterAll(async () => t?.close());

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('refuses a revoked token at once, though it was just used', async () => {
    const u = await t.user();
    const { token, id } = (await t.call(u, 'POST', '/api/auth/tokens', { name: 'loop' })).json() as { token: string; id: number };
    for (let i = 0; i < 3; i++) expect((await me(token)).statusCode).toBe(200);
    expect((await t.call(u, 'DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('a failed revoke (another user) leaves the token working', async () => {
    const a = await t.user();
    const b = await t.user();
    const { token, id } = (await t.call(a, 'POST', '/api/auth/tokens', { name: 'mine' })).json() as { token: string; id: number };
    expect((await me(token)).statusCode).toBe(200);
    expect((await t.call(b, 'DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(404);
    expect((await me(token)).statusCode).toBe(200);
  });

  it('stops a deactivated user whose token was just used', async () => {
    const u = await t.user();
    expect((await t.call(u, 'GET', '/api/projects')).statusCode).toBe(200);
    expect((await t.call(t.admin, 'PATCH', `/api/users/${u.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await t.call(u, 'GET', '/api/projects')).statusCode).toBe(401);
  });

  it('applies a role change to the next request', async () => {
    const u = await t.user();
    expect((await t.call(u, 'GET', '/api/auth/me')).json().user.role).toBe('member');
    expect((await t.call(u, 'POST', '/api/users', { email: `x-${u.id}@example.com`, password: 'long enough pw', name: 'X' })).statusCode).toBe(403);
    expect((await t.call(t.admin, 'PATCH', `/api/users/${u.id}`, { role: 'admin' })).statusCode).toBe(200);
    expect((await t.call(u, 'GET', '/api/auth/me')).json().user.role).toBe('admin');
    expect((await t.call(u, 'POST', '/api/users', { email: `x-${u.id}@example.com`, password: 'long enough pw', name: 'X' })).statusCode).toBe(201);
  });

  it('asks the database again once the entry is older than the TTL (a token deleted behind its back)', async () => {
    const u = await t.user();
    expect((await t.call(u, 'GET', '/api/auth/me')).statusCode).toBe(200);
    // Not through the API: the cache cannot know, so it serves the caller until the TTL runs out.
    await t.ctx.db.kysely.deleteFrom('api_tokens').where('user_id', '=', u.id).execute();
    expect((await t.call(u, 'GET', '/api/auth/me')).statusCode).toBe(200);
    clock += CALLER_CACHE_TTL_MS + 1;
    expect((await t.call(u, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('never remembers an unknown token', async () => {
    const u = await t.user();
    const fake = `${u.token.slice(0, -2)}xx`;
    expect((await me(fake)).statusCode).toBe(401);
    expect((await me(fake)).statusCode).toBe(401);
  });
});

