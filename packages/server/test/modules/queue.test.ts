import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

describeEachDialect('task queue (next)', (dialect) => {
  let clock = Date.now();
  let t: TestApp;
  let manager: TestUser;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock, config: { taskLockTtlMs: 10 * 60_000 } });
    manager = await t.user();
  });
  afterAll(async () => t.close());

  async function project(overlap: number, tasks: number, annotators: TestUser[]): Promise<number> {
    const id = (await t.call(manager, 'POST', '/api/projects', { title: 'Q', labelConfig: BOX_CONFIG_XML, overlap })).json().id as number;
    await t.call(manager, 'POST', `/api/projects/${id}/tasks`, Array.from({ length: tasks }, (_, i) => ({ data: { image: `${i}.jpg` } })));
    for (const u of annotators) await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: u.id, role: 'annotator' });
    return id;
  }
  const next = (u: TestUser, id: number) => t.call(u, 'POST', `/api/projects/${id}/next`);

  it('hands tasks in order, resumes the same task on a repeated call, and skips tasks already done', async () => {
    const a = await t.user();
    const id = await project(2, 3, [a]);
    const first = (await next(a, id)).json().task;
    expect(first.data.image).toBe('0.jpg');
    expect((await next(a, id)).json().task.id).toBe(first.id);
    await t.call(a, 'POST', `/api/tasks/${first.id}/annotations`, { result: boxResult() });
    expect((await next(a, id)).json().task.data.image).toBe('1.jpg');
  });

  it('never gives a task to more than `overlap` annotators at once', async () => {
    const [a, b, c] = [await t.user(), await t.user(), await t.user()];
    const id = await project(2, 2, [a!, b!, c!]);
    const ta = (await next(a!, id)).json().task.id;
    const tb = (await next(b!, id)).json().task.id;
    const tc = (await next(c!, id)).json().task.id;
    expect(ta).toBe(tb);
    expect(tc).not.toBe(ta);
  });

  it('answers 204 when nothing is left for the caller', async () => {
    const [a, b, c] = [await t.user(), await t.user(), await t.user()];
    const id = await project(2, 1, [a!, b!, c!]);
    for (const u of [a!, b!]) {
      const task = (await next(u, id)).json().task;
      expect((await t.call(u, 'POST', `/api/tasks/${task.id}/annotations`, { result: boxResult() })).statusCode).toBe(201);
    }
    const none = await next(c!, id);
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
    expect((await next(a!, id)).statusCode).toBe(204);
  });

  it('resumes a draft first', async () => {
    const a = await t.user();
    const id = await project(1, 3, [a]);
    const items = (await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[];
    await t.call(a, 'POST', `/api/tasks/${items[2]!.id}/annotations`, { result: [], draft: true });
    expect((await next(a, id)).json().task.id).toBe(items[2]!.id);
  });

  it('releases an abandoned lock after the TTL', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const id = await project(1, 1, [a!, b!]);
    expect((await next(a!, id)).statusCode).toBe(200);
    expect((await next(b!, id)).statusCode).toBe(204);
    clock += 10 * 60_000 + 1;
    expect((await next(b!, id)).statusCode).toBe(200);
    expect((await next(a!, id)).statusCode).toBe(204);
  });

  it('re-marks labeled tasks when the overlap changes', async () => {
    const [a, b] = [await t.user(), await t.user()];
    const id = await project(1, 1, [a!, b!]);
    const task = (await next(a!, id)).json().task;
    await t.call(a!, 'POST', `/api/tasks/${task.id}/annotations`, { result: boxResult() });
    expect((await next(b!, id)).statusCode).toBe(204);
    await t.call(manager, 'PATCH', `/api/projects/${id}`, { overlap: 2 });
    expect((await next(b!, id)).json().task.id).toBe(task.id);
  });

  it('keeps 50 concurrent annotators within overlap 2, with no lost or duplicated annotation', async () => {
    const annotators = await Promise.all(Array.from({ length: 50 }, () => t.user()));
    const TASKS = 40;
    const id = await project(2, TASKS, annotators);
    const handed = new Map<number, Set<number>>();
    const acknowledged: { taskId: number; userId: number; annotationId: number }[] = [];
    let errors = 0;
    await Promise.all(
      annotators.map(async (u) => {
        for (;;) {
          const n = await next(u, id);
          if (n.statusCode === 204) return;
          if (n.statusCode !== 200) {
            console.log("NEXT", n.statusCode, n.body.slice(0, 300));
            errors++;
            return;
          }
          const taskId = n.json().task.id as number;
          if (!handed.has(taskId)) handed.set(taskId, new Set());
          handed.get(taskId)!.add(u.id);
          const s = await t.call(u, 'POST', `/api/tasks/${taskId}/annotations`, { result: boxResult() }, { 'idempotency-key': `${u.id}-${taskId}` });
          if (s.statusCode !== 201) {
            console.log("SUBMIT", s.statusCode, s.body.slice(0, 300));
            errors++;
            return;
          }
          acknowledged.push({ taskId, userId: u.id, annotationId: s.json().id });
        }
      }),
    );
    expect(errors).toBe(0);
    for (const users of handed.values()) expect(users.size).toBeLessThanOrEqual(2);
    const rows = await t.ctx.db.kysely.selectFrom('annotations').select(['id', 'task_id', 'completed_by']).where('project_id', '=', id).execute();
    expect(rows).toHaveLength(TASKS * 2);
    expect(acknowledged).toHaveLength(TASKS * 2);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acknowledged.map((a) => a.annotationId)));
    const perTask = new Map<number, number>();
    for (const r of rows) perTask.set(r.task_id, (perTask.get(r.task_id) ?? 0) + 1);
    expect([...perTask.values()].every((c) => c === 2)).toBe(true);
    const tasks = await t.ctx.db.kysely.selectFrom('tasks').select(['annotation_count', 'is_labeled', 'reserved', 'is_open']).where('project_id', '=', id).execute();
    expect(tasks.every((x) => x.annotation_count === 2 && x.is_labeled === 1 && x.reserved === 0 && x.is_open === 0)).toBe(true);
  });

  it('keeps reserved and is_open equal to the locks and counts after every kind of change', async () => {
    const [a, b, c] = [await t.user(), await t.user(), await t.user()];
    const id = await project(2, 3, [a!, b!, c!]);
    const check = async () => {
      const rows = await t.ctx.db.kysely
        .selectFrom('tasks')
        .select((eb) => ['id', 'annotation_count', 'reserved', 'is_open', 'is_labeled', eb.selectFrom('task_locks').select(eb.fn.countAll<number>().as('n')).whereRef('task_locks.task_id', '=', 'tasks.id').as('locks')])
        .where('project_id', '=', id)
        .execute();
      const overlap = (await t.call(manager, 'GET', `/api/projects/${id}`)).json().overlap as number;
      for (const r of rows) {
        expect(r.reserved).toBe(Number(r.locks));
        expect(r.is_open).toBe(r.annotation_count + r.reserved < overlap ? 1 : 0);
        expect(r.is_labeled).toBe(r.annotation_count >= overlap ? 1 : 0);
      }
    };
    const ta = (await next(a!, id)).json().task.id as number;
    await next(b!, id);
    await check();
    const { id: annotationId } = (await t.call(a!, 'POST', `/api/tasks/${ta}/annotations`, { result: boxResult() })).json();
    await check();
    // Removing b frees b's reservation: c now gets the first task.
    await t.call(manager, 'DELETE', `/api/projects/${id}/members/${b!.id}`);
    await check();
    expect((await next(c!, id)).json().task.id).toBe(ta);
    await check();
    await t.call(manager, 'PATCH', `/api/projects/${id}`, { overlap: 1 });
    await check();
    await t.call(a!, 'DELETE', `/api/annotations/${annotationId}`);
    await check();
    clock += 10 * 60_000 + 1;
    await next(a!, id);
    await check();
  });
});
