import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDialect('projects and members', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('creates a project from Label Studio XML, converts it and makes the creator its manager', async () => {
    const u = await t.user();
    const res = await t.call(u, 'POST', '/api/projects', { title: 'Roads', labelConfig: BOX_CONFIG_XML, overlap: 2 });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    const got = await t.call(u, 'GET', `/api/projects/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id, title: 'Roads', overlap: 2, role: 'manager', labelConfigXml: BOX_CONFIG_XML, counts: { tasks: 0, labeled: 0 } });
    expect(JSON.stringify(got.json().labelConfig)).toContain('Car');
    const members = await t.call(u, 'GET', `/api/projects/${id}/members`);
    expect(members.json()).toEqual([expect.objectContaining({ userId: u.id, role: 'manager' })]);
  });

  it('accepts the typed JSON config as returned by the API', async () => {
    const u = await t.user();
    const { id } = (await t.call(u, 'POST', '/api/projects', { title: 'A', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    const config = (await t.call(u, 'GET', `/api/projects/${id}`)).json().labelConfig;
    const again = await t.call(u, 'POST', '/api/projects', { title: 'B', labelConfig: config });
    expect(again.statusCode).toBe(201);
    expect((await t.call(u, 'GET', `/api/projects/${again.json().id}`)).json().labelConfig).toEqual(config);
  });

  it('rejects an unknown XML tag with its name and line', async () => {
    const xml = '<View>\n  <Image name="image" value="$image"/>\n  <Rectangle name="x" toName="image"/>\n</View>';
    const res = await t.call(t.admin, 'POST', '/api/projects', { title: 'Bad', labelConfig: xml });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LAOSHI_INVALID_LABEL_CONFIG');
    expect(res.json().error.message).toContain('Rectangle');
    expect(res.json().error.line).toBe(3);
  });

  it('names the field for bad input: empty title, overlap out of range, unknown field', async () => {
    const title = await t.call(t.admin, 'POST', '/api/projects', { title: '', labelConfig: BOX_CONFIG_XML });
    expect(title.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'title' });
    const overlap = await t.call(t.admin, 'POST', '/api/projects', { title: 'x', labelConfig: BOX_CONFIG_XML, overlap: 0 });
    expect(overlap.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'overlap' });
    const extra = await t.call(t.admin, 'POST', '/api/projects', { title: 'x', labelConfig: BOX_CONFIG_XML, colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.field).toBe('colour');
    const config = await t.call(t.admin, 'POST', '/api/projects', { title: 'x', labelConfig: { objects: [] } });
    expect(config.statusCode).toBe(400);
    expect(config.json().error.code).toBe('LAOSHI_INVALID_LABEL_CONFIG');
  });

  it('lists only the projects a member belongs to; org admins see all of their organization', async () => {
    const owner = await t.user();
    const outsider = await t.user();
    const { id } = (await t.call(owner, 'POST', '/api/projects', { title: 'Mine', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    const ids = (u: typeof owner) => t.call(u, 'GET', '/api/projects?limit=1000').then((r) => (r.json().items as { id: number }[]).map((p) => p.id));
    expect(await ids(owner)).toContain(id);
    expect(await ids(outsider)).not.toContain(id);
    expect(await ids(t.admin)).toContain(id);
    expect(await ids(t.otherAdmin)).not.toContain(id);
  });

  it('pages the project list by cursor', async () => {
    const u = await t.user();
    for (let i = 0; i < 5; i++) await t.call(u, 'POST', '/api/projects', { title: `P${i}`, labelConfig: BOX_CONFIG_XML });
    const first = (await t.call(u, 'GET', '/api/projects?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await t.call(u, 'GET', `/api/projects?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await t.call(u, 'GET', `/api/projects?limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((p: { title: string }) => p.title)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    expect(third.nextCursor).toBeNull();
    const bad = await t.call(u, 'GET', '/api/projects?cursor=garbage');
    expect(bad.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'cursor' });
  });

  it('lets managers change settings and members; annotators get 403, strangers 404', async () => {
    const manager = await t.user();
    const annotator = await t.user();
    const stranger = await t.user();
    const { id } = (await t.call(manager, 'POST', '/api/projects', { title: 'Team', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    expect((await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: annotator.id, role: 'annotator' })).statusCode).toBe(200);
    const patch = await t.call(annotator, 'PATCH', `/api/projects/${id}`, { title: 'Hijacked' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('LAOSHI_FORBIDDEN');
    expect((await t.call(stranger, 'PATCH', `/api/projects/${id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await t.call(stranger, 'GET', `/api/projects/${id}`)).statusCode).toBe(404);
    const ok = await t.call(manager, 'PATCH', `/api/projects/${id}`, { title: 'Team 2', overlap: 3 });
    expect(ok.json()).toMatchObject({ title: 'Team 2', overlap: 3 });
    expect((await t.call(annotator, 'GET', `/api/projects/${id}`)).json().role).toBe('annotator');
    // Promote, then remove.
    await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: annotator.id, role: 'reviewer' });
    expect((await t.call(annotator, 'GET', `/api/projects/${id}`)).json().role).toBe('reviewer');
    expect((await t.call(manager, 'DELETE', `/api/projects/${id}/members/${annotator.id}`)).statusCode).toBe(204);
    expect((await t.call(annotator, 'GET', `/api/projects/${id}`)).statusCode).toBe(404);
    expect((await t.call(manager, 'DELETE', `/api/projects/${id}/members/${annotator.id}`)).statusCode).toBe(404);
  });

  it('refuses to add a user of another organization as a member', async () => {
    const manager = await t.user();
    const { id } = (await t.call(manager, 'POST', '/api/projects', { title: 'T', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    const res = await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: t.otherAdmin.id, role: 'annotator' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_USER_NOT_FOUND', field: 'userId' });
  });

  it('deletes a project with its tasks and records it in the audit trail', async () => {
    const manager = await t.user();
    const { id } = (await t.call(manager, 'POST', '/api/projects', { title: 'Gone', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    await t.call(manager, 'POST', `/api/projects/${id}/tasks`, [{ data: { image: 'a.jpg' } }]);
    expect((await t.call(manager, 'DELETE', `/api/projects/${id}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/projects/${id}`)).statusCode).toBe(404);
    const tasks = await t.ctx.db.kysely.selectFrom('tasks').select('id').where('project_id', '=', id).execute();
    expect(tasks).toHaveLength(0);
    const audit = (await t.call(t.admin, 'GET', '/api/audit?limit=1000')).json().items as { action: string; objectId: number; actorId: number }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: 'project.create', objectId: id, actorId: manager.id }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'project.delete', objectId: id, actorId: manager.id }));
  });

  it("shows a project's audit trail to its managers only", async () => {
    const manager = await t.user();
    const annotator = await t.user();
    const { id } = (await t.call(manager, 'POST', '/api/projects', { title: 'Audited', labelConfig: BOX_CONFIG_XML })).json() as { id: number };
    await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: annotator.id, role: 'annotator' });
    await t.call(manager, 'POST', `/api/projects/${id}/tasks`, [{ data: { image: 'a.jpg' } }, { data: { image: 'b.jpg' } }]);
    const res = await t.call(manager, 'GET', `/api/projects/${id}/audit`);
    expect(res.statusCode).toBe(200);
    const events = res.json().items as { action: string; actorId: number; objectId: number; data: Record<string, unknown>; createdAt: string }[];
    expect(events.map((e) => e.action)).toEqual(['project.create', 'member.set', 'tasks.import']);
    expect(events[1]).toMatchObject({ actorId: manager.id, objectId: annotator.id, data: { role: 'annotator' } });
    expect(events[2]!.data).toMatchObject({ tasks: 2 });
    expect(Date.parse(events[0]!.createdAt)).not.toBeNaN();
    expect((await t.call(annotator, 'GET', `/api/projects/${id}/audit`)).statusCode).toBe(403);
  });
});
