import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDialect('users and organizations', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('lets an organization admin create users in their organization, who can then log in', async () => {
    const res = await t.call(t.admin, 'POST', '/api/users', { email: 'Lead@Example.com', password: 'correct horse', name: 'Lead', role: 'admin' });
    expect(res.statusCode).toBe(201);
    const user = (await t.call(t.admin, 'GET', `/api/users/${res.json().id}`)).json();
    expect(user).toMatchObject({ email: 'lead@example.com', role: 'admin', organizationId: t.admin.organizationId, isActive: true });
    expect(user.passwordHash).toBeUndefined();
    expect((await t.call(null, 'POST', '/api/auth/login', { email: 'lead@example.com', password: 'correct horse' })).statusCode).toBe(200);
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    await t.call(t.admin, 'POST', '/api/users', { email: 'hash@example.com', password: 'super secret pw', name: 'H' });
    const row = await t.ctx.db.kysely.selectFrom('users').select('password_hash').where('email', '=', 'hash@example.com').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.password_hash).not.toContain('super secret pw');
  });

  it('rejects bad input naming the field', async () => {
    const email = await t.call(t.admin, 'POST', '/api/users', { email: 'not-an-email', password: 'long enough', name: 'X' });
    expect(email.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'email' });
    const short = await t.call(t.admin, 'POST', '/api/users', { email: 'short@example.com', password: 'short', name: 'X' });
    expect(short.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'password' });
    const role = await t.call(t.admin, 'POST', '/api/users', { email: 'r@example.com', password: 'long enough', name: 'X', role: 'god' });
    expect(role.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'role' });
    const dup = await t.call(t.admin, 'POST', '/api/users', { email: t.otherAdmin.email, password: 'long enough', name: 'X' });
    expect(dup.json().error).toMatchObject({ code: 'LAOSHI_EMAIL_TAKEN', field: 'email' });
  });

  it('forbids members from creating users and admins from creating them in another organization', async () => {
    const member = await t.user();
    expect((await t.call(member, 'POST', '/api/users', { email: 'm@example.com', password: 'long enough', name: 'M' })).statusCode).toBe(403);
    const cross = await t.call(t.otherAdmin, 'POST', '/api/users', { email: 'c@example.com', password: 'long enough', name: 'C', organizationId: t.admin.organizationId });
    expect(cross.statusCode).toBe(403);
    const bySuperuser = await t.call(t.admin, 'POST', '/api/users', { email: 's@example.com', password: 'long enough', name: 'S', organizationId: t.otherAdmin.organizationId });
    expect(bySuperuser.statusCode).toBe(201);
  });

  it('lists only the users of your own organization', async () => {
    const emails = (await t.call(t.otherAdmin, 'GET', '/api/users?limit=1000')).json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain(t.otherAdmin.email);
    expect(emails).not.toContain(t.admin.email);
  });

  it('lets users change their own name and password but not their role', async () => {
    const u = await t.user();
    expect((await t.call(u, 'PATCH', `/api/users/${u.id}`, { name: 'Renamed', password: 'a new password' })).json().name).toBe('Renamed');
    expect((await t.call(null, 'POST', '/api/auth/login', { email: u.email, password: 'a new password' })).statusCode).toBe(200);
    expect((await t.call(u, 'PATCH', `/api/users/${u.id}`, { role: 'admin' })).statusCode).toBe(403);
    const peer = await t.user();
    expect((await t.call(u, 'PATCH', `/api/users/${peer.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.call(t.admin, 'PATCH', `/api/users/${t.admin.id}`, { isActive: false })).json().error.field).toBe('isActive');
  });

  it('lets only superusers create organizations', async () => {
    expect((await t.call(t.otherAdmin, 'POST', '/api/organizations', { name: 'Nope' })).statusCode).toBe(403);
    const res = await t.call(t.admin, 'POST', '/api/organizations', { name: 'Training Centre' });
    expect(res.statusCode).toBe(201);
    const names = (await t.call(t.admin, 'GET', '/api/organizations')).json().map((o: { name: string }) => o.name);
    expect(names).toContain('Training Centre');
    expect((await t.call(t.otherAdmin, 'GET', '/api/organizations')).json()).toEqual([expect.objectContaining({ id: t.otherAdmin.organizationId })]);
  });

  it('shows the audit trail to organization admins only', async () => {
    const member = await t.user();
    expect((await t.call(member, 'GET', '/api/audit')).statusCode).toBe(403);
    const events = (await t.call(t.admin, 'GET', '/api/audit?limit=1000')).json().items as { action: string; organizationId?: number }[];
    expect(events.some((e) => e.action === 'user.create')).toBe(true);
    const theirs = (await t.call(t.otherAdmin, 'GET', '/api/audit?limit=1000')).json().items as { objectId: number }[];
    expect(theirs.some((e) => e.objectId === member.id)).toBe(false);
  });
});
