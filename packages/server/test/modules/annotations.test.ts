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
