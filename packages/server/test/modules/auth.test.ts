import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'laoshi_session');
  if (!c) throw new Error('no session cookie');
  return `laoshi_session=${c.value}`;
}

describeEachDialect('auth', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { config: { loginRateLimitPerMinute: 5 } });
  });
  afterAll(async () => t.close());

  it('logs in with e-mail and password and sets an HttpOnly SameSite session cookie', async () => {
    const u = await t.user();
    const res = await t.call(null, 'POST', '/api/auth/login', { email: u.email.toUpperCase(), password: u.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: u.id, email: u.email });
    expect(res.json().user.passwordHash).toBeUndefined();
    const cookie = res.cookies.find((c) => c.name === 'laoshi_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(u.id);
    // The web app re-reads its CSRF token after a reload from /me; it is the session's own.
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await makeTestApp(dialect, { config: { trustProxy: true } });
    try {
      const u = await proxied.user();
      const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: u.password }, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'laoshi_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('rejects a wrong password and an unknown e-mail with the same 401', async () => {
    const u = await t.user();
    const wrong = await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: 'nope-nope' });
    const unknown = await t.call(null, 'POST', '/api/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('LAOSHI_BAD_CREDENTIALS');
  });

  it('names the missing field when login has no password', async () => {
    const res = await t.call(null, 'POST', '/api/auth/login', { email: 'a@example.com' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'password' });
  });

  it('rate-limits login attempts per address and e-mail', async () => {
    const u = await t.user();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: 'wrong-password' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('LAOSHI_RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('requires X-CSRF-Token on cookie-authenticated writes, but not on reads or bearer writes', async () => {
    const u = await t.user();
    const login = await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    const cookie = sessionCookie(login);
    const { csrfToken } = login.json() as { csrfToken: string };
    const body = { name: 'from browser' };
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', payload: body, headers: { cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('LAOSHI_CSRF');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', payload: body, headers: { cookie, 'x-csrf-token': 'x'.repeat(csrfToken.length) } });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', payload: body, headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(right.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.call(u, 'POST', '/api/auth/tokens', body)).statusCode).toBe(201);
  });

  it('logs out: the session cookie stops working', async () => {
    const u = await t.user();
    const login = await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    const cookie = sessionCookie(login);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires sessions after their TTL', async () => {
    let clock = Date.now();
    const timed = await makeTestApp(dialect, { now: () => clock, config: { sessionTtlMs: 60_000 } });
    try {
      const u = await timed.user();
      const login = await timed.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
      const cookie = sessionCookie(login);
      expect((await timed.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
      clock += 61_000;
      expect((await timed.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      await timed.close();
    }
  });

  it('creates API tokens shown once, stores only a keyed hash, lists and revokes them', async () => {
    const u = await t.user();
    const created = await t.call(u, 'POST', '/api/auth/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: number };
    expect(token).toMatch(/^lsh_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ctx.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = await t.call(u, 'GET', '/api/auth/tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().map((x: { id: number }) => x.id)).toContain(id);
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.json().user.id).toBe(u.id);
    expect(viaToken.json().csrfToken).toBeUndefined();
    const labelStudioStyle = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Token ${token}` } });
    expect(labelStudioStyle.statusCode).toBe(200);
    expect((await t.call(u, 'DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('LAOSHI_UNAUTHENTICATED');
  });

  it("answers 404 for another user's token id", async () => {
    const a = await t.user();
    const b = await t.user();
    const { id } = (await t.call(a, 'POST', '/api/auth/tokens', { name: 'mine' })).json() as { id: number };
    expect((await t.call(b, 'DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(404);
    expect((await t.call(a, 'GET', '/api/auth/tokens')).json().some((x: { id: number }) => x.id === id)).toBe(true);
  });

  it('refuses requests without credentials and with a bad token', async () => {
    expect((await t.call(null, 'GET', '/api/projects')).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { authorization: 'Bearer lsh_not-a-token' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('LAOSHI_UNAUTHENTICATED');
  });

  it('keeps signup closed unless enabled', async () => {
    const res = await t.call(null, 'POST', '/api/auth/signup', { email: 'new@example.com', password: 'long-enough', name: 'New' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('LAOSHI_SIGNUP_CLOSED');
    const open = await makeTestApp(dialect, { config: { signupOpen: true } });
    try {
      const ok = await open.call(null, 'POST', '/api/auth/signup', { email: 'new@example.com', password: 'long-enough', name: 'New' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().user).toMatchObject({ email: 'new@example.com', role: 'member', isSuperuser: false });
      const again = await open.call(null, 'POST', '/api/auth/signup', { email: 'NEW@example.com', password: 'long-enough', name: 'New' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'LAOSHI_EMAIL_TAKEN', field: 'email' });
    } finally {
      await open.close();
    }
  });

  it('stops a deactivated user at once, sessions and tokens alike', async () => {
    const u = await t.user();
    const login = await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect((await t.call(t.admin, 'PATCH', `/api/users/${u.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await t.call(u, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(login) } })).statusCode).toBe(401);
    expect((await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(401);
  });
});
