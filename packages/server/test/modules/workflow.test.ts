import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, review, submit } from './quality-fixtures.js';

describeEachDialect('workflow: task states, rework, assignments, blind mode', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let ann: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [manager, reviewer, ann, other] = [await t.user(), await t.user(), await t.user(), await t.user()];
  });
  afterAll(async () => t.close());

  const members = (): [TestUser, 'reviewer' | 'annotator'][] => [[reviewer, 'reviewer'], [ann, 'annotator'], [other, 'annotator']];
  const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `t${i}` }));
  const state = async (taskId: number) => (await t.call(reviewer, 'GET', `/api/tasks/${taskId}/workflow`)).json().state as string;
  const next = (u: TestUser, projectId: number) => t.call(u, 'POST', `/api/projects/${projectId}/next`);

  it('walks a task through to do → in progress → submitted → in review → rejected → resubmitted → accepted → done', async () => {
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(1), members: members() });
    const [taskId] = p.taskIds as [number];
    expect(await state(taskId)).toBe('to_do');
    expect((await next(ann, p.id)).json().task.id).toBe(taskId);
    expect(await state(taskId)).toBe('in_progress');
    const id = await submit(t, ann, taskId, choice('pos'));
    expect(await state(taskId)).toBe('submitted');
    const handed = await t.call(reviewer, 'POST', `/api/projects/${p.id}/review/next`);
    expect(handed.json().annotation).toMatchObject({ id, reviewState: 'in_review' });
    expect(await state(taskId)).toBe('in_review');
    expect((await review(t, reviewer, id, 'reject', { reason: 'it is neutral' })).json()).toMatchObject({ reviewState: 'rejected', version: 1 });
    expect(await state(taskId)).toBe('rejected');
    // The data manager lists tasks by review state.
    expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/tasks?reviewState=rejected`)).json().items.map((x: { id: number }) => x.id)).toEqual([taskId]);
    expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/tasks?reviewState=accepted`)).json().items).toEqual([]);
    // Rework: saved while working (draft: true) keeps it with the annotator; a plain save resubmits.
    expect((await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: choice('neu'), version: 1, draft: true })).statusCode).toBe(200);
    expect(await state(taskId)).toBe('rejected');
    expect((await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: choice('neu'), version: 2 })).statusCode).toBe(200);
    expect((await t.call(ann, 'GET', `/api/annotations/${id}`)).json()).toMatchObject({ reviewState: 'pending', draft: false, version: 3 });
    expect(await state(taskId)).toBe('submitted');
    expect((await review(t, reviewer, id, 'accept')).json()).toMatchObject({ reviewState: 'accepted', version: 3 });
    expect(await state(taskId)).toBe('done');
    const summary = (await t.call(reviewer, 'GET', `/api/projects/${p.id}/workflow`)).json();
    expect(summary.tasks).toMatchObject({ done: 1, to_do: 0 });
    expect(summary.annotations).toMatchObject({ accepted: 1, pending: 0, rejected: 0 });
    const audit = (await t.call(manager, 'GET', `/api/projects/${p.id}/audit?limit=1000`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['annotation.submit', 'annotation.rejected', 'annotation.resubmit', 'annotation.accepted']));
  });

  it('counts tasks per state for a project with overlap 2, and honours reviewRequired: false', async () => {
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, overlap: 2, tasks: texts(3), members: members() });
    const [t1, t2] = p.taskIds as [number, number];
    const a1 = await submit(t, ann, t1, choice('pos'));
    await submit(t, other, t1, choice('pos'));
    await submit(t, ann, t2, choice('neg'));
    await review(t, reviewer, a1, 'accept');
    const summary = async () => (await t.call(reviewer, 'GET', `/api/projects/${p.id}/workflow`)).json();
    // t1 has both submissions, one still pending review; t2 has one of two; t3 is untouched.
    expect((await summary()).tasks).toEqual({ to_do: 1, in_progress: 1, submitted: 1, in_review: 0, accepted: 0, rejected: 0, done: 0 });
    await t.call(manager, 'PATCH', `/api/projects/${p.id}/quality-settings`, { reviewRequired: false });
    expect((await summary()).tasks).toMatchObject({ done: 1, submitted: 0 });
    expect((await summary()).reviewRequired).toBe(false);
  });

  it('answers 409 with a message for transitions the state does not allow', async () => {
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(2), members: members() });
    const [t1, t2] = p.taskIds as [number, number];
    const draft = await submit(t, ann, t1, choice('pos'), { draft: true });
    const draftReview = await review(t, reviewer, draft, 'accept');
    expect(draftReview.statusCode).toBe(409);
    expect(draftReview.json().error).toMatchObject({ code: 'LAOSHI_INVALID_TRANSITION', message: expect.stringMatching(/is a draft/) });

    const id = await submit(t, other, t2, choice('pos'));
    expect((await review(t, reviewer, id, 'accept')).statusCode).toBe(200);
    const again = await review(t, reviewer, id, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already accepted/);
    const rejectAccepted = await review(t, reviewer, id, 'reject');
    expect(rejectAccepted.json().error.code).toBe('LAOSHI_INVALID_TRANSITION');
    // Its annotator can no longer change or delete it; a manager still can.
    const edit = await t.call(other, 'PATCH', `/api/annotations/${id}`, { result: choice('neg'), version: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'LAOSHI_INVALID_TRANSITION', reviewState: 'accepted' });
    expect((await t.call(other, 'DELETE', `/api/annotations/${id}`)).statusCode).toBe(409);
    expect((await t.call(manager, 'PATCH', `/api/annotations/${id}`, { result: choice('neg'), version: 1 })).statusCode).toBe(200);

    const rejected = await submit(t, ann, (await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(1), members: members() })).taskIds[0]!, choice('neu'));
    expect((await review(t, reviewer, rejected, 'reject')).statusCode).toBe(200);
    const twice = await review(t, reviewer, rejected, 'reject');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/rework/);
  });

  it("puts a rejected annotation back at the front of its annotator's queue, without taking another slot", async () => {
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(3), members: members() });
    const [t1, t2] = p.taskIds as [number, number];
    expect((await next(ann, p.id)).json().task.id).toBe(t1);
    const id = await submit(t, ann, t1, choice('pos'));
    expect((await next(ann, p.id)).json().task.id).toBe(t2);
    await review(t, reviewer, id, 'reject', { reason: 'look again' });
    // The task on screen (t2, locked) stays first; once it is submitted, the rework comes before t3.
    expect((await next(ann, p.id)).json().task.id).toBe(t2);
    await submit(t, ann, t2, choice('neg'));
    const rework = (await next(ann, p.id)).json().task;
    expect(rework).toMatchObject({ id: t1, annotationCount: 1, isLabeled: true });
    const row = await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved']).where('id', '=', t1).executeTakeFirstOrThrow();
    expect(row).toEqual({ annotation_count: 1, reserved: 0 });
    await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: choice('neu'), version: 1 });
    expect((await next(ann, p.id)).json().task.id).toBe(p.taskIds[2]);
  });

  describe('assignments', () => {
    it('hands assigned tasks to their assignee first and keeps them from others while the overlap is taken', async () => {
      const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(4), members: members() });
      const [t1, t2, t3, t4] = p.taskIds as [number, number, number, number];
      const res = await t.call(manager, 'POST', `/api/projects/${p.id}/assignments`, { userId: ann.id, taskIds: [t4, t3] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ assigned: [t3, t4], skipped: [] });
      expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/assignments?userId=${ann.id}`)).json().items).toEqual([
        { taskId: t3, userId: ann.id, opened: false },
        { taskId: t4, userId: ann.id, opened: false },
      ]);
      expect((await next(ann, p.id)).json().task.id).toBe(t3);
      // Overlap 1: the other annotator never gets t3 or t4.
      const seen: number[] = [];
      for (;;) {
        const n = await next(other, p.id);
        if (n.statusCode === 204) break;
        seen.push(n.json().task.id);
        await submit(t, other, n.json().task.id, choice('pos'));
      }
      expect(seen).toEqual([t1, t2]);
      await submit(t, ann, t3, choice('pos'));
      expect((await next(ann, p.id)).json().task.id).toBe(t4);
      // Unassigning frees the slot: the other annotator may now take t4... once ann's lock is gone too.
      expect((await t.call(manager, 'DELETE', `/api/projects/${p.id}/assignments/${ann.id}?taskIds=${t4}`)).json()).toEqual({ removed: 1 });
      expect((await next(other, p.id)).json().task.id).toBe(t4);
    });

    it('skips tasks the user already submitted and keeps slot counts exact', async () => {
      const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, overlap: 2, tasks: texts(2), members: members() });
      const [t1, t2] = p.taskIds as [number, number];
      await submit(t, ann, t1, choice('pos'));
      expect((await t.call(manager, 'POST', `/api/projects/${p.id}/assignments`, { userId: ann.id, taskIds: [t1, t2] })).json()).toEqual({ assigned: [t2], skipped: [t1] });
      const rows = await t.ctx.db.kysely.selectFrom('tasks').select(['id', 'annotation_count', 'reserved', 'is_open']).where('project_id', '=', p.id).orderBy('id').execute();
      expect(rows).toEqual([
        { id: t1, annotation_count: 1, reserved: 0, is_open: 1 },
        { id: t2, annotation_count: 0, reserved: 1, is_open: 1 },
      ]);
      await submit(t, ann, t2, choice('pos'));
      expect(await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'reserved']).where('id', '=', t2).executeTakeFirstOrThrow()).toEqual({ annotation_count: 1, reserved: 0 });
      expect((await t.call(manager, 'GET', `/api/projects/${p.id}/assignments`)).json().items).toEqual([]);
    });

    it('needs a member and tasks of the project, and the manager role', async () => {
      const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(1), members: members() });
      const elsewhere = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(1) });
      const stranger = await t.user();
      expect((await t.call(manager, 'POST', `/api/projects/${p.id}/assignments`, { userId: stranger.id, taskIds: p.taskIds })).json().error).toMatchObject({ code: 'LAOSHI_MEMBER_NOT_FOUND', field: 'userId' });
      const foreign = await t.call(manager, 'POST', `/api/projects/${p.id}/assignments`, { userId: ann.id, taskIds: elsewhere.taskIds });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('LAOSHI_TASK_NOT_FOUND');
      expect((await t.call(reviewer, 'POST', `/api/projects/${p.id}/assignments`, { userId: ann.id, taskIds: p.taskIds })).statusCode).toBe(403);
      expect((await t.call(ann, 'GET', `/api/projects/${p.id}/assignments`)).statusCode).toBe(403);
    });
  });

  describe('blind mode', () => {
    it("never shows an annotator another annotator's work, its count, or a consensus of it", async () => {
      const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, overlap: 3, tasks: texts(1), members: members() });
      const [taskId] = p.taskIds as [number];
      const theirs = await submit(t, other, taskId, choice('neg'));
      await t.call(manager, 'POST', `/api/projects/${p.id}/members`, { userId: reviewer.id, role: 'annotator' });
      await submit(t, reviewer, taskId, choice('neg'));
      await t.call(manager, 'POST', `/api/projects/${p.id}/members`, { userId: reviewer.id, role: 'reviewer' });
      expect((await t.call(manager, 'POST', `/api/projects/${p.id}/consensus`, { method: 'majority', storeAs: 'prediction' })).json().stored).toHaveLength(1);
      const handed = (await next(ann, p.id)).json().task;
      expect(handed).toMatchObject({ id: taskId, annotationCount: 0, isLabeled: false });
      const seen = (await t.call(ann, 'GET', `/api/tasks/${taskId}`)).json();
      expect(seen).toMatchObject({ annotationCount: 0, annotations: [], predictions: [] });
      expect((await t.call(ann, 'GET', `/api/annotations/${theirs}`)).statusCode).toBe(404);
      expect((await t.call(ann, 'GET', `/api/annotations/${theirs}/reviews`)).statusCode).toBe(404);
      expect((await t.call(ann, 'GET', `/api/tasks/${taskId}/workflow`)).statusCode).toBe(403);
      // Reviewers and managers see everything.
      const full = (await t.call(reviewer, 'GET', `/api/tasks/${taskId}`)).json();
      expect(full.annotationCount).toBe(2);
      expect(full.annotations).toHaveLength(2);
      expect(full.predictions[0]).toMatchObject({ modelVersion: 'consensus:majority' });
    });
  });
});
