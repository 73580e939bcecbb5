import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, review, submit } from './quality-fixtures.js';

describeEachDialect('reviews: the reviewer queue, accept, reject, edit-and-accept', (dialect) => {
  let clock = Date.now();
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let reviewer2: TestUser;
  let ann: TestUser;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock, config: { taskLockTtlMs: 10 * 60_000 } });
    [manager, reviewer, reviewer2, ann] = [await t.user(), await t.user(), await t.user(), await t.user()];
  });
  afterAll(async () => t.close());

  const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `t${i}` }));
  const reviewNext = (u: TestUser, projectId: number) => t.call(u, 'POST', `/api/projects/${projectId}/review/next`);
  async function project(tasks: number) {
    return makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(tasks), members: [[reviewer, 'reviewer'], [reviewer2, 'reviewer'], [ann, 'annotator']] });
  }

  it('hands each reviewer a different annotation, resumes the same one, and answers 204 when none waits', async () => {
    const p = await project(3);
    const ids = [];
    for (const taskId of p.taskIds) ids.push(await submit(t, ann, taskId, choice('pos')));
    const first = await reviewNext(reviewer, p.id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ annotation: { id: ids[0], reviewState: 'in_review' }, task: { id: p.taskIds[0] }, reviews: [] });
    expect((await reviewNext(reviewer, p.id)).json().annotation.id).toBe(ids[0]);
    expect((await reviewNext(reviewer2, p.id)).json().annotation.id).toBe(ids[1]);
    await review(t, reviewer, ids[0]!, 'accept');
    expect((await reviewNext(reviewer, p.id)).json().annotation.id).toBe(ids[2]);
    await review(t, reviewer, ids[2]!, 'accept');
    const none = await reviewNext(reviewer, p.id);
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
  });

  it("never hands reviewers their own annotations and lets nobody review their own", async () => {
    const p = await project(1);
    await t.call(manager, 'POST', `/api/projects/${p.id}/members`, { userId: reviewer.id, role: 'reviewer' });
    const own = await submit(t, reviewer, p.taskIds[0]!, choice('neu'));
    expect((await reviewNext(reviewer, p.id)).statusCode).toBe(204);
    const self = await review(t, reviewer, own, 'accept');
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/your own/);
    expect((await reviewNext(reviewer2, p.id)).json().annotation.id).toBe(own);
  });

  it('gives an abandoned review back to the queue after the lock TTL, and on skip', async () => {
    const p = await project(1);
    const id = await submit(t, ann, p.taskIds[0]!, choice('pos'));
    expect((await reviewNext(reviewer, p.id)).json().annotation.id).toBe(id);
    expect((await reviewNext(reviewer2, p.id)).statusCode).toBe(204);
    const locked = await review(t, reviewer2, id, 'accept');
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatchObject({ code: 'LAOSHI_REVIEW_LOCKED', reviewerId: reviewer.id });
    clock += 10 * 60_000 + 1;
    expect((await reviewNext(reviewer2, p.id)).json().annotation.id).toBe(id);
    expect((await t.call(reviewer2, 'DELETE', `/api/annotations/${id}/review-lock`)).statusCode).toBe(204);
    expect((await t.call(reviewer2, 'GET', `/api/annotations/${id}`)).json().reviewState).toBe('pending');
    expect((await t.call(reviewer2, 'DELETE', `/api/annotations/${id}/review-lock`)).statusCode).toBe(409);
    expect((await reviewNext(reviewer, p.id)).json().annotation.id).toBe(id);
  });

  it('never gives one annotation to two of 10 concurrent reviewers', async () => {
    const reviewers = await Promise.all(Array.from({ length: 10 }, () => t.user()));
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: texts(30), members: [[ann, 'annotator'], ...reviewers.map((r): [TestUser, 'reviewer'] => [r, 'reviewer'])] });
    const ids = new Set<number>();
    for (const taskId of p.taskIds) ids.add(await submit(t, ann, taskId, choice('pos')));
    const handed = new Map<number, number[]>();
    let errors = 0;
    await Promise.all(
      reviewers.map(async (r) => {
        for (;;) {
          const n = await reviewNext(r, p.id);
          if (n.statusCode === 204) return;
          if (n.statusCode !== 200) return void errors++;
          const { id, version } = n.json().annotation as { id: number; version: number };
          handed.set(id, [...(handed.get(id) ?? []), r.id]);
          const res = await t.call(r, 'POST', `/api/annotations/${id}/review`, { action: 'accept', version });
          if (res.statusCode !== 200) return void errors++;
        }
      }),
    );
    expect(errors).toBe(0);
    expect(new Set(handed.keys())).toEqual(ids);
    expect([...handed.values()].every((rs) => rs.length === 1)).toBe(true);
    const rows = await t.ctx.db.kysely.selectFrom('reviews').select('annotation_id').where('project_id', '=', p.id).execute();
    expect(rows).toHaveLength(30);
    expect(await t.ctx.db.kysely.selectFrom('review_locks').select('annotation_id').where('project_id', '=', p.id).execute()).toEqual([]);
  });

  it('rejects with a reason and comments pinned to regions, which its annotator can read', async () => {
    const p = await makeProject(t, manager, { labelConfig: BOX_CONFIG_XML, tasks: [{ image: 'a.jpg' }], members: [[reviewer, 'reviewer'], [ann, 'annotator']] });
    const id = await submit(t, ann, p.taskIds[0]!, boxResult('Car', 'r1'));
    const noReason = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'reject', version: 1 });
    expect(noReason.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'reason' });
    const badRegion = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'reject', version: 1, reason: 'x', comments: [{ regionId: 'nope', text: 'here' }] });
    expect(badRegion.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'comments[0].regionId' });
    const stale = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'reject', version: 2, reason: 'x' });
    expect(stale.json().error).toMatchObject({ code: 'LAOSHI_VERSION_CONFLICT', currentVersion: 1 });
    const ok = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, {
      action: 'reject',
      version: 1,
      reason: 'the box misses the mirror',
      comments: [{ regionId: 'r1', text: 'extend to the left' }, { text: 'check the road too' }],
    });
    expect(ok.json()).toMatchObject({ reviewState: 'rejected', version: 1 });
    const reviews = (await t.call(ann, 'GET', `/api/annotations/${id}/reviews`)).json();
    expect(reviews).toEqual([
      expect.objectContaining({
        annotationId: id,
        reviewerId: reviewer.id,
        action: 'reject',
        reason: 'the box misses the mirror',
        comments: [{ regionId: 'r1', text: 'extend to the left' }, { regionId: null, text: 'check the road too' }],
        annotationVersion: 1,
        edited: false,
        resultBefore: null,
      }),
    ]);
    expect((await t.call(ann, 'GET', `/api/annotations/${id}`)).json().reviewState).toBe('rejected');
  });

  it('edit-and-accept saves the corrected result as a new version, keeps the original on the review, and audits it', async () => {
    const p = await makeProject(t, manager, { labelConfig: BOX_CONFIG_XML, tasks: [{ image: 'a.jpg' }], members: [[reviewer, 'reviewer'], [ann, 'annotator']] });
    const id = await submit(t, ann, p.taskIds[0]!, boxResult('Car', 'r1'));
    const withResultOnReject = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'reject', version: 1, reason: 'x', result: boxResult('Road', 'r1') });
    expect(withResultOnReject.json().error.field).toBe('result');
    const invalid = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'accept', version: 1, result: boxResult('Bicycle', 'r1') });
    expect(invalid.json().error.code).toBe('LAOSHI_INVALID_RESULT');
    const res = await t.call(reviewer, 'POST', `/api/annotations/${id}/review`, { action: 'accept', version: 1, result: boxResult('Road', 'r1'), comments: [{ regionId: 'r1', text: 'it is road' }] });
    expect(res.json()).toMatchObject({ reviewState: 'accepted', version: 2 });
    const saved = (await t.call(manager, 'GET', `/api/annotations/${id}`)).json();
    expect(saved).toMatchObject({ version: 2, reviewState: 'accepted', completedBy: ann.id });
    expect(saved.result).toEqual(boxResult('Road', 'r1'));
    const [rv] = (await t.call(manager, 'GET', `/api/annotations/${id}/reviews`)).json();
    expect(rv).toMatchObject({ action: 'accept', edited: true, annotationVersion: 1, resultBefore: boxResult('Car', 'r1') });
    const audit = (await t.call(manager, 'GET', `/api/projects/${p.id}/audit?limit=1000`)).json().items as { action: string; objectId: number; data: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'annotation.review_edit')).toMatchObject({ objectId: id, data: { fromVersion: 1, toVersion: 2 } });
  });

  it('keeps annotators out of the review routes (403) and outsiders out entirely (404)', async () => {
    const p = await project(1);
    const id = await submit(t, ann, p.taskIds[0]!, choice('pos'));
    expect((await reviewNext(ann, p.id)).statusCode).toBe(403);
    expect((await t.call(ann, 'POST', `/api/annotations/${id}/review`, { action: 'accept', version: 1 })).statusCode).toBe(403);
    const outsider = await t.user();
    expect((await reviewNext(outsider, p.id)).statusCode).toBe(404);
    // Scoped before the body is validated: a malformed body still gets 404, not a 400 that confirms the annotation.
    expect((await t.call(outsider, 'POST', `/api/annotations/${id}/review`, { nonsense: true })).statusCode).toBe(404);
    expect((await t.call(t.otherAdmin, 'GET', `/api/annotations/${id}/reviews`)).statusCode).toBe(404);
  });
});
