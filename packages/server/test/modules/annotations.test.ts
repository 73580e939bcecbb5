import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

describeEachDialect('annotations: submit, version, idempotency', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let ann: TestUser;
  let other: TestUser;
  let projectId: number;
  const newTask = async () => {
    await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, [{ data: { image: 'x.jpg' } }]);
    const items = (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks?limit=1000`)).json().items as { id: number }[];
    return items[items.length - 1]!.id;
  };
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    ann = await t.user();
    other = await t.user();
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'A', labelConfig: BOX_CONFIG_XML, overlap: 2 })).json().id;
    for (const u of [ann, other]) await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: u.id, role: 'annotator' });
  });
  afterAll(async () => t.close());

  it('submits an annotation at version 1 and counts it on the task', async () => {
    const taskId = await newTask();
    const res = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult(), leadTime: 3.2 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(Number), version: 1 });
    const task = (await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json();
    expect(task.annotationCount).toBe(1);
    expect(task.annotations[0]).toMatchObject({ id: res.json().id, completedBy: ann.id, draft: false, version: 1, leadTime: 3.2 });
    expect(task.annotations[0].result).toEqual(boxResult());
  });

  it('allows one annotation per annotator per task: a second POST is 409 naming the existing one', async () => {
    const taskId = await newTask();
    const first = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json();
    const second = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult('Road') });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'LAOSHI_ANNOTATION_EXISTS', annotationId: first.id, currentVersion: 1 });
  });

  it('increments the version on every update and answers 409 with the current version when stale', async () => {
    const taskId = await newTask();
    const { id } = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json();
    const v2 = await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: boxResult('Road'), version: 1 });
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toEqual({ version: 2 });
    expect((await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: boxResult('Car'), version: 2 })).json()).toEqual({ version: 3 });
    const stale = await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: boxResult('Road'), version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'LAOSHI_VERSION_CONFLICT', currentVersion: 3, field: 'version' });
    const saved = (await t.call(ann, 'GET', `/api/annotations/${id}`)).json();
    expect(saved.version).toBe(3);
    expect(saved.result[0].value.rectanglelabels).toEqual(['Car']);
  });

  it('returns the first response for a repeated Idempotency-Key and writes nothing twice', async () => {
    const taskId = await newTask();
    const headers = { 'idempotency-key': `submit-${taskId}` };
    const a = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() }, headers);
    const b = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() }, headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    const rows = await t.ctx.db.kysely.selectFrom('annotations').select('id').where('task_id', '=', taskId).execute();
    expect(rows).toHaveLength(1);
    expect((await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json().annotationCount).toBe(1);
    const reused = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult('Road') }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('LAOSHI_IDEMPOTENCY_KEY_REUSED');
  });

  it('writes everything a submit implies: annotation times, freed lock and slot, audit event, stored response', async () => {
    const taskId = await newTask();
    const before = Date.now();
    // Take the task through the queue so the caller holds its lock (the queue hands out the oldest open task first).
    let handed: number | undefined;
    while (handed !== taskId) {
      const next = await t.call(other, 'POST', `/api/projects/${projectId}/next`);
      expect(next.statusCode).toBe(200);
      handed = next.json().task.id;
      if (handed !== taskId) expect((await t.call(other, 'POST', `/api/tasks/${handed}/skip`, { reason: 'not this one' })).statusCode).toBe(204);
    }
    const lock = await t.ctx.db.kysely.selectFrom('task_locks').select('locked_at').where('task_id', '=', taskId).where('user_id', '=', other.id).executeTakeFirstOrThrow();
    expect((await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved', 'is_open']).where('id', '=', taskId).executeTakeFirstOrThrow())).toEqual({ annotation_count: 0, reserved: 1, is_open: 1 });
    const res = await t.call(other, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult(), leadTime: 4.5 }, { 'idempotency-key': `all-${taskId}` });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    const row = await t.ctx.db.kysely.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ task_id: taskId, project_id: projectId, completed_by: other.id, is_draft: 0, version: 1, lead_time: 4.5, source: 'user', started_at: lock.locked_at, review_state: 'pending' });
    expect(JSON.parse(row.result)).toEqual(boxResult());
    expect(row.submitted_at).toBeGreaterThanOrEqual(before);
    expect(row.created_at).toBe(row.submitted_at);
    expect(await t.ctx.db.kysely.selectFrom('task_locks').select('user_id').where('task_id', '=', taskId).execute()).toEqual([]);
    expect(await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved', 'is_open', 'is_labeled']).where('id', '=', taskId).executeTakeFirstOrThrow()).toEqual({ annotation_count: 1, reserved: 0, is_open: 1, is_labeled: 0 });
    const audit = await t.ctx.db.kysely.selectFrom('audit_events').selectAll().where('object_type', '=', 'annotation').where('object_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organization_id: t.admin.organizationId, project_id: projectId, actor_id: other.id, action: 'annotation.submit', created_at: row.created_at });
    expect(JSON.parse(audit[0]!.data)).toEqual({ taskId });
    const stored = await t.ctx.db.kysely.selectFrom('idempotency_keys').selectAll().where('user_id', '=', other.id).where('key', '=', `all-${taskId}`).executeTakeFirstOrThrow();
    expect(stored.status_code).toBe(201);
    expect(JSON.parse(stored.response)).toEqual({ id, version: 1 });
    // Without a key nothing is stored, and a submit without a lock leaves the reservations alone.
    const unlocked = await newTask();
    const plain = await t.call(ann, 'POST', `/api/tasks/${unlocked}/annotations`, { result: boxResult() });
    expect(plain.statusCode).toBe(201);
    expect((await t.ctx.db.kysely.selectFrom('annotations').select('started_at').where('id', '=', plain.json().id).executeTakeFirstOrThrow()).started_at).toBeNull();
    expect(await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved']).where('id', '=', unlocked).executeTakeFirstOrThrow()).toEqual({ annotation_count: 1, reserved: 0 });
  });

  it('refuses an Idempotency-Key reused on another task and leaves that task as it was (lock, counts, annotations)', async () => {
    const first = await newTask();
    const second = await newTask();
    const headers = { 'idempotency-key': `reuse-${first}` };
    expect((await t.call(ann, 'POST', `/api/tasks/${first}/annotations`, { result: boxResult() }, headers)).statusCode).toBe(201);
    // The caller holds a lock on the second task (the queue handed it out) when the reused key arrives.
    await t.ctx.db.kysely.insertInto('task_locks').values({ task_id: second, user_id: ann.id, project_id: projectId, expires_at: Date.now() + 600_000, locked_at: Date.now() }).execute();
    await t.ctx.db.kysely.updateTable('tasks').set({ reserved: 1 }).where('id', '=', second).execute();
    const reused = await t.call(ann, 'POST', `/api/tasks/${second}/annotations`, { result: boxResult() }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'LAOSHI_IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
    expect(await t.ctx.db.kysely.selectFrom('annotations').select('id').where('task_id', '=', second).execute()).toEqual([]);
    expect(await t.ctx.db.kysely.selectFrom('task_locks').select('user_id').where('task_id', '=', second).execute()).toEqual([{ user_id: ann.id }]);
    expect(await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved']).where('id', '=', second).executeTakeFirst()).toEqual({ annotation_count: 0, reserved: 1 });
    // A fresh key on the same task goes through.
    expect((await t.call(ann, 'POST', `/api/tasks/${second}/annotations`, { result: boxResult() }, { 'idempotency-key': `fresh-${second}` })).statusCode).toBe(201);
  });

  it('answers a repeat with the first response even after that annotation was deleted, and creates nothing', async () => {
    const taskId = await newTask();
    const headers = { 'idempotency-key': `deleted-${taskId}` };
    const first = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() }, headers);
    expect((await t.call(ann, 'DELETE', `/api/annotations/${first.json().id}`)).statusCode).toBe(204);
    const repeat = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() }, headers);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.json()).toEqual(first.json());
    expect(await t.ctx.db.kysely.selectFrom('annotations').select('id').where('task_id', '=', taskId).execute()).toEqual([]);
    expect((await t.ctx.db.kysely.selectFrom('tasks').select('annotation_count').where('id', '=', taskId).executeTakeFirstOrThrow()).annotation_count).toBe(0);
  });

  it('replays a PATCH with the same Idempotency-Key instead of reporting a conflict', async () => {
    const taskId = await newTask();
    const { id } = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json();
    const headers = { 'idempotency-key': `patch-${id}` };
    const body = { result: boxResult('Road'), version: 1 };
    expect((await t.call(ann, 'PATCH', `/api/annotations/${id}`, body, headers)).json()).toEqual({ version: 2 });
    const retry = await t.call(ann, 'PATCH', `/api/annotations/${id}`, body, headers);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ version: 2 });
  });

  it('saves drafts without counting them, then counts the submit', async () => {
    const taskId = await newTask();
    const draft = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: [], draft: true })).json();
    expect((await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json().annotationCount).toBe(0);
    const upd = await t.call(ann, 'PATCH', `/api/annotations/${draft.id}`, { result: boxResult(), version: 1, draft: true });
    expect(upd.json()).toEqual({ version: 2 });
    expect((await t.call(ann, 'PATCH', `/api/annotations/${draft.id}`, { result: boxResult(), version: 2, draft: false })).statusCode).toBe(200);
    expect((await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json().annotationCount).toBe(1);
    const back = await t.call(ann, 'PATCH', `/api/annotations/${draft.id}`, { result: boxResult(), version: 3, draft: true });
    expect(back.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'draft' });
  });

  it('validates the result against the label config, naming the field', async () => {
    const taskId = await newTask();
    const badLabel = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult('Bicycle') });
    expect(badLabel.statusCode).toBe(400);
    expect(badLabel.json().error.code).toBe('LAOSHI_INVALID_RESULT');
    expect(badLabel.json().error.field).toMatch(/^result\[0\]\.value\.rectanglelabels/);
    const badName = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: [{ ...boxResult()[0], from_name: 'nope' }] });
    expect(badName.json().error.field).toMatch(/^result\[0\]\.from_name/);
    const notArray = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: 'x' });
    expect(notArray.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'result' });
    expect((await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json().annotations).toEqual([]);
  });

  it("hides other annotators' work: 404 for reading or editing it; reviewers may read and edit", async () => {
    const taskId = await newTask();
    const { id } = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json();
    expect((await t.call(other, 'GET', `/api/annotations/${id}`)).statusCode).toBe(404);
    expect((await t.call(other, 'PATCH', `/api/annotations/${id}`, { result: boxResult(), version: 1 })).statusCode).toBe(404);
    expect((await t.call(other, 'DELETE', `/api/annotations/${id}`)).statusCode).toBe(404);
    const reviewer = await t.user();
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: reviewer.id, role: 'reviewer' });
    expect((await t.call(reviewer, 'GET', `/api/annotations/${id}`)).statusCode).toBe(200);
    expect((await t.call(reviewer, 'PATCH', `/api/annotations/${id}`, { result: boxResult('Road'), version: 1 })).json()).toEqual({ version: 2 });
    expect((await t.call(reviewer, 'DELETE', `/api/annotations/${id}`)).statusCode).toBe(403);
  });

  it('deletes an annotation and uncounts it', async () => {
    const taskId = await newTask();
    const { id } = (await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() })).json();
    await t.call(other, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() });
    expect((await t.call(manager, 'GET', `/api/tasks/${taskId}`)).json()).toMatchObject({ annotationCount: 2, isLabeled: true });
    expect((await t.call(ann, 'DELETE', `/api/annotations/${id}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/tasks/${taskId}`)).json()).toMatchObject({ annotationCount: 1, isLabeled: false });
    expect((await t.call(ann, 'GET', `/api/annotations/${id}`)).statusCode).toBe(404);
  });

  it('rejects a malformed Idempotency-Key', async () => {
    const taskId = await newTask();
    const res = await t.call(ann, 'POST', `/api/tasks/${taskId}/annotations`, { result: [] }, { 'idempotency-key': 'has space' });
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'idempotency-key' });
  });
});
