import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

describeEachDialect('queue: prefetching the next task while one is on screen', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;
  let other: TestUser;
  let projectId: number;
  const next = async (u: TestUser, body?: unknown) => {
    const res = await t.call(u, 'POST', `/api/projects/${projectId}/next`, body);
    expect([200, 204], res.body).toContain(res.statusCode);
    return res.statusCode === 204 ? null : (res.json().task.id as number);
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user();
    other = await t.user();
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Prefetch', labelConfig: BOX_CONFIG_XML, overlap: 2 })).json().id;
    for (const u of [annotator, other]) await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: u.id, role: 'annotator' });
    await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, [1, 2, 3].map((i) => ({ image: `${i}.jpg` })));
  });
  afterAll(async () => t.close());

  it('hands out a second task besides the one on screen, keeps both reserved, and resumes them in order', async () => {
    const a = (await next(annotator))!;
    expect(await next(annotator)).toBe(a); // a reload resumes the same task
    const b = (await next(annotator, { excludeTaskId: a }))!;
    expect(b).not.toBe(a);
    expect(await next(annotator, { excludeTaskId: a })).toBe(b); // prefetching twice does not take a third task
    // submit the one on screen: the prefetched one is what comes next, and the following prefetch is new
    expect((await t.call(annotator, 'POST', `/api/tasks/${a}/annotations`, { result: boxResult('Car') })).statusCode).toBe(201);
    expect(await next(annotator)).toBe(b);
    const c = (await next(annotator, { excludeTaskId: b }))!;
    expect([a, b]).not.toContain(c);
    // nothing left besides b for this annotator (overlap 2 still lets others have a and c)
    expect((await t.call(annotator, 'POST', `/api/tasks/${c}/annotations`, { result: boxResult('Car') })).statusCode).toBe(201);
    expect(await next(annotator, { excludeTaskId: b })).toBeNull();
    expect(await next(other)).toBe(a);
  });

  it('names the field of a bad prefetch body', async () => {
    const res = await t.call(annotator, 'POST', `/api/projects/${projectId}/next`, { excludeTaskId: 'x' });
    expect(res.statusCode).toBe(400);
    const extra = await t.call(annotator, 'POST', `/api/projects/${projectId}/next`, { exclude: [1] });
    expect(extra.statusCode).toBe(400);
  });

  it('skips a task with a reason: not handed out again, reservation and draft dropped, reason visible to managers', async () => {
    const pid = (await t.call(manager, 'POST', '/api/projects', { title: 'Skips', labelConfig: BOX_CONFIG_XML, overlap: 1 })).json().id;
    await t.call(manager, 'POST', `/api/projects/${pid}/members`, { userId: annotator.id, role: 'annotator' });
    await t.call(manager, 'POST', `/api/projects/${pid}/members`, { userId: other.id, role: 'annotator' });
    await t.call(manager, 'POST', `/api/projects/${pid}/tasks`, [{ image: 'x.jpg' }, { image: 'y.jpg' }]);
    const first = (await t.call(annotator, 'POST', `/api/projects/${pid}/next`)).json().task.id as number;
    expect((await t.call(annotator, 'POST', `/api/tasks/${first}/annotations`, { result: boxResult('Car'), draft: true })).statusCode).toBe(201);
    // the task is reserved by the annotator: nobody else gets it
    const second = (await t.call(other, 'POST', `/api/projects/${pid}/next`)).json().task.id as number;
    expect(second).not.toBe(first);
    expect((await t.call(annotator, 'POST', `/api/tasks/${first}/skip`, { reason: 'image is blurred' })).statusCode).toBe(204);
    // not handed to the skipper again (the draft is gone, so it is not resumed either) — and freed for others
    const after = await t.call(annotator, 'POST', `/api/projects/${pid}/next`);
    expect(after.statusCode).toBe(204);
    expect((await t.call(other, 'POST', `/api/tasks/${second}/annotations`, { result: boxResult('Car') })).statusCode).toBe(201);
    expect((await t.call(other, 'POST', `/api/projects/${pid}/next`)).json().task.id).toBe(first);
    const skips = await t.call(manager, 'GET', `/api/tasks/${first}/skips`);
    expect(skips.json()).toEqual([expect.objectContaining({ userId: annotator.id, reason: 'image is blurred' })]);
    expect((await t.call(annotator, 'GET', `/api/tasks/${first}/skips`)).statusCode).toBe(403);
    expect((await t.call(annotator, 'POST', `/api/tasks/${first}/skip`, {})).json().error.field).toBe('reason');
  });
});
