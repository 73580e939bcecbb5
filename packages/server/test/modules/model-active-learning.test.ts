import { afterAll, beforeAll, expect, it } from 'vitest';
import { writePredictions } from '../../src/modules/models/prediction-writer.js';
import { rankedOpenTaskIds, rankedOpenTasks } from '../../src/modules/models/ranked-tasks.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { makeTextProject, sentiment, type TextProject } from './model-fixtures.js';

describeEachDialect('active learning: the queue order', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let p: TextProject;
  let ids: number[];

  /** Stores a model's class probabilities for a task, as a prediction would. */
  const scoreTask = (taskId: number, values: number[]) =>
    writePredictions(t.ctx, p.id, [{ taskId, result: sentiment('pos'), score: Math.max(...values), modelVersion: 'test-model', probabilities: { labels: values.map((_, i) => `L${i}`), values } }], { sameVersion: true });

  const preview = async (order?: string) => {
    const res = await t.call(manager, 'GET', `/api/projects/${p.id}/active-learning/preview?limit=50${order ? `&order=${order}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { order: string; items: { taskId: number; score: number | null; label: string | null; probability: number | null }[] };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    p = await makeTextProject(t, manager, Array.from({ length: 6 }, (_, i) => ({ text: `task ${i}` })));
    ids = p.taskIds;
    await scoreTask(ids[0]!, [0.9, 0.1]); // lc .10, margin .20, entropy .325
    await scoreTask(ids[1]!, [0.52, 0.48]); // lc .48, margin .96, entropy .692
    await scoreTask(ids[2]!, [0.5, 0.5]); // most uncertain, but labelled below: no longer open
    await scoreTask(ids[3]!, [0.4, 0.35, 0.25]); // lc .60, margin .95, entropy 1.08
    // Task 4 and 5 have no model score yet.
    expect((await t.call(manager, 'POST', `/api/tasks/${ids[2]}/annotations`, { result: sentiment('neg') })).statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it('is sequential by default', async () => {
    expect((await t.call(manager, 'GET', `/api/projects/${p.id}/active-learning`)).json()).toEqual({ order: 'sequential', seed: 0 });
    expect((await preview()).items.map((i) => i.taskId)).toEqual([ids[0], ids[1], ids[3], ids[4], ids[5]]);
  });

  it('orders open tasks by least confidence, margin or entropy; unscored tasks come last in id order', async () => {
    const order = async (o: string) => (await preview(o)).items.map((i) => i.taskId);
    expect(await order('least-confidence')).toEqual([ids[3], ids[1], ids[0], ids[4], ids[5]]);
    expect(await order('margin')).toEqual([ids[1], ids[3], ids[0], ids[4], ids[5]]);
    expect(await order('entropy')).toEqual([ids[3], ids[1], ids[0], ids[4], ids[5]]);
    const lc = (await preview('least-confidence')).items;
    expect(lc[0]).toMatchObject({ label: 'L0', probability: 0.4 });
    expect(lc[0]!.score).toBeCloseTo(0.6, 12);
    expect(lc[4]).toMatchObject({ score: null, label: null });
    const ent = (await preview('entropy')).items;
    expect(ent[1]!.score).toBeCloseTo(-(0.52 * Math.log(0.52) + 0.48 * Math.log(0.48)), 12);
  });

  it('saves the order per project (managers) and the preview follows it', async () => {
    const set = await t.call(manager, 'PUT', `/api/projects/${p.id}/active-learning`, { order: 'margin' });
    expect(set.json()).toEqual({ order: 'margin', seed: 0 });
    expect((await t.call(manager, 'GET', `/api/projects/${p.id}/active-learning`)).json()).toEqual({ order: 'margin', seed: 0 });
    const now = await preview();
    expect(now.order).toBe('margin');
    expect(now.items[0]!.taskId).toBe(ids[1]);
    const bad = await t.call(manager, 'PUT', `/api/projects/${p.id}/active-learning`, { order: 'smallest-first' });
    expect(bad.statusCode).toBe(400);
  });

  it('shuffles at random by task id and seed, an order that stays put as tasks are added', async () => {
    const q = await makeTextProject(t, manager, Array.from({ length: 20 }, (_, i) => ({ text: `r${i}` })));
    const rank = (seed: number) => rankedOpenTaskIds(t.ctx.db.kysely, t.ctx.db.dialect, q.id, { order: 'random', seed, limit: 100 });
    const first = await rank(3);
    expect([...first].sort((a, b) => a - b)).toEqual(q.taskIds);
    expect(first).not.toEqual(q.taskIds);
    expect(await rank(3)).toEqual(first);
    expect(await rank(4)).not.toEqual(first);
    await t.call(manager, 'POST', `/api/projects/${q.id}/tasks`, Array.from({ length: 10 }, (_, i) => ({ data: { text: `late ${i}` } })));
    const later = await rank(3);
    expect(later).toHaveLength(30);
    expect(later.filter((id) => first.includes(id))).toEqual(first);
    // The route's random draws are in [0, 1).
    await t.call(manager, 'PUT', `/api/projects/${q.id}/active-learning`, { order: 'random', seed: 3 });
    const items = (await t.call(manager, 'GET', `/api/projects/${q.id}/active-learning/preview?limit=30`)).json().items as { taskId: number; score: number }[];
    expect(items.map((i) => i.taskId)).toEqual(later);
    expect(items.every((i) => i.score >= 0 && i.score < 1)).toBe(true);
  });

  it("leaves out, for the queue, the tasks a user has already annotated", async () => {
    const created = await t.call(manager, 'POST', '/api/projects', { title: 'Overlap', labelConfig: (await t.ctx.db.kysely.selectFrom('projects').select('label_config_xml').where('id', '=', p.id).executeTakeFirstOrThrow()).label_config_xml, overlap: 2 });
    const id = created.json().id as number;
    await t.call(manager, 'POST', `/api/projects/${id}/tasks`, [{ data: { text: 'a' } }, { data: { text: 'b' } }]);
    const tasks = (await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[];
    await t.call(manager, 'POST', `/api/tasks/${tasks[0]!.id}/annotations`, { result: sentiment('pos') });
    const other = await t.user();
    const forManager = await rankedOpenTaskIds(t.ctx.db.kysely, t.ctx.db.dialect, id, { order: 'least-confidence', seed: 0, limit: 10, userId: manager.id });
    const forOther = await rankedOpenTaskIds(t.ctx.db.kysely, t.ctx.db.dialect, id, { order: 'least-confidence', seed: 0, limit: 10, userId: other.id });
    expect(forManager).toEqual([tasks[1]!.id]);
    expect(forOther).toEqual([tasks[0]!.id, tasks[1]!.id]);
  });

  it('picks the next task with row locks inside the queue\'s transaction, in every order', async () => {
    for (const order of ['sequential', 'random', 'least-confidence', 'margin', 'entropy'] as const) {
      const [first] = await t.ctx.db.transaction((trx) => rankedOpenTasks(trx, t.ctx.db.dialect, p.id, { order, seed: 0, limit: 1, userId: manager.id, lock: true }));
      const expected = (await rankedOpenTaskIds(t.ctx.db.kysely, t.ctx.db.dialect, p.id, { order, seed: 0, limit: 1, userId: manager.id }))[0];
      expect(first!.task.id, order).toBe(expected);
      // The queue gets a plain task row, as its own query gives.
      expect(first!.task).toEqual(await t.ctx.db.kysely.selectFrom('tasks').selectAll().where('id', '=', first!.task.id).executeTakeFirst());
    }
  });

  it('hands out the queue in the chosen order: the most uncertain open task first, then prefetch the next', async () => {
    const annotator = await t.user();
    await t.call(manager, 'POST', `/api/projects/${p.id}/members`, { userId: annotator.id, role: 'annotator' });
    expect((await t.call(manager, 'PUT', `/api/projects/${p.id}/active-learning`, { order: 'least-confidence' })).statusCode).toBe(200);
    const first = (await t.call(annotator, 'POST', `/api/projects/${p.id}/next`)).json().task.id;
    expect(first).toBe(ids[3]);
    const second = (await t.call(annotator, 'POST', `/api/projects/${p.id}/next`, { excludeTaskId: first })).json().task.id;
    expect(second).toBe(ids[1]);
    expect((await t.call(manager, 'PUT', `/api/projects/${p.id}/active-learning`, { order: 'sequential' })).statusCode).toBe(200);
  });
});
