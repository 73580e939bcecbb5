import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, submit } from './quality-fixtures.js';

const box = (id: string, label: string, x: number, y: number) => ({ id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x, y, width: 10, height: 10, rotation: 0, rectanglelabels: [label] } });
const NER_XML = '<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/></Labels></View>';
const span = (id: string, label: string, start: number, end: number) => ({ id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, labels: [label] } });
const ORDERED_XML = '<View><Text name="text" value="$text"/><Choices name="level" toName="text"><Choice value="low"/><Choice value="mid"/><Choice value="high"/></Choices></View>';
const level = (value: string) => [{ id: 'l1', from_name: 'level', to_name: 'text', type: 'choices', value: { choices: [value] } }];

describeEachDialect('agreement reports and consensus', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let p3: { id: number; taskIds: number[] };
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [manager, a, b, c] = [await t.user(), await t.user(), await t.user(), await t.user()];
    // Three annotators, four tasks: T1 all pos; T2 pos, neg, pos; T3 neu, neu, neg; T4 neg, neg and C missing.
    p3 = await makeProject(t, manager, { labelConfig: CHOICES_XML, overlap: 3, tasks: Array.from({ length: 4 }, (_, i) => ({ text: `t${i}` })), members: [[a, 'annotator'], [b, 'annotator'], [c, 'annotator']] });
    const ratings: [TestUser, (string | null)[]][] = [[a, ['pos', 'pos', 'neu', 'neg']], [b, ['pos', 'neg', 'neu', 'neg']], [c, ['pos', 'pos', 'neg', null]]];
    for (const [user, labels] of ratings) for (const [i, label] of labels.entries()) if (label) await submit(t, user, p3.taskIds[i]!, choice(label));
  });
  afterAll(async () => t.close());

  const agreement = async (projectId: number, query: string) => {
    const res = await t.call(manager, 'GET', `/api/projects/${projectId}/agreement?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const pair = (report: { pairs: { annotators: number[]; value: number }[] }, x: TestUser, y: TestUser) => report.pairs.find((p) => p.annotators[0] === Math.min(x.id, y.id) && p.annotators[1] === Math.max(x.id, y.id));

  describe('on a classification control', () => {
    it('computes percent agreement overall, per label and per pair, by hand', async () => {
      const r = await agreement(p3.id, 'metric=percent');
      // Items: 1, ⅓, ⅓, 1 → ⅔.
      expect(r).toMatchObject({ metric: 'percent', fromName: 'sentiment', items: 4, raters: 3, pairable: 11, aggregate: 'all-raters', note: null });
      expect(r.value).toBeCloseTo(2 / 3, 12);
      expect(r.perLabel).toEqual([
        { label: 'neg', value: expect.closeTo(2 / 3, 12), support: 4 },
        { label: 'neu', value: expect.closeTo(5 / 6, 12), support: 2 },
        { label: 'pos', value: expect.closeTo(5 / 6, 12), support: 5 },
      ]);
      expect(pair(r, a, b)).toMatchObject({ value: 0.75, items: 4 });
      expect(pair(r, a, c)!.value).toBeCloseTo(2 / 3, 12);
      expect(pair(r, b, c)!.value).toBeCloseTo(1 / 3, 12);
      expect(r.matrix.annotators.map((x: { id: number }) => x.id)).toEqual([a.id, b.id, c.id].sort((x, y) => x - y));
      const ia = r.matrix.annotators.findIndex((x: { id: number }) => x.id === a.id);
      const ib = r.matrix.annotators.findIndex((x: { id: number }) => x.id === b.id);
      expect(r.matrix.values[ia][ib]).toBe(0.75);
      expect(r.matrix.values[ib][ia]).toBe(0.75);
      expect(r.matrix.values[ia][ia]).toBeNull();
      // T2 and T3 disagree (two of three ordered pairs differ), T1 and T4 not at all.
      expect(r.disagreements).toEqual([
        { taskId: p3.taskIds[1], annotationIds: expect.any(Array), annotators: [a.id, b.id, c.id], disagreement: expect.closeTo(2 / 3, 12) },
        { taskId: p3.taskIds[2], annotationIds: expect.any(Array), annotators: [a.id, b.id, c.id], disagreement: expect.closeTo(2 / 3, 12) },
      ]);
      expect(r.disagreements[0].annotationIds).toHaveLength(3);
    });

    it("computes Fleiss' kappa on the items with the common rating count, by hand", async () => {
      // T1–T3 (three ratings each): P̄ = 5/9, P̄e = (5² + 2² + 2²)/9² = 11/27 → κ = ¼.
      const r = await agreement(p3.id, 'metric=fleiss');
      expect(r.value).toBeCloseTo(0.25, 12);
      expect(r).toMatchObject({ items: 3, pairable: 9 });
    });

    it("computes Krippendorff's alpha with a missing value, by hand", async () => {
      // Coincidences: pos–pos 4, neg–neg 2, neu–neu 1, and 1 each of pos–neg, neg–pos, neu–neg, neg–neu;
      // n = 11, n_pos 5, n_neg 4, n_neu 2: α = 1 − 10·4 / (11² − 5² − 4² − 2²) = 9/19.
      const r = await agreement(p3.id, 'metric=krippendorff');
      expect(r).toMatchObject({ metric: 'krippendorff', level: 'nominal', items: 4, pairable: 11 });
      expect(r.value).toBeCloseTo(9 / 19, 12);
      // pos against the rest: o11 = 4, o00 = 5, o10 = o01 = 1 → α = 1 − 10·2/(2·5·6) = ⅔.
      expect(r.perLabel.find((l: { label: string }) => l.label === 'pos').value).toBeCloseTo(2 / 3, 12);
      // Interval alpha rates choices by their place in the config (neg 0, neu 1, pos 2): Σ o·δ² = 2·4 + 2·1 = 10,
      // Σ n·n·δ² = 2·(4·2·1 + 4·5·4 + 2·5·1) = 196 → α = 1 − 10·10/196 = 24/49.
      const interval = await agreement(p3.id, 'metric=krippendorff&level=interval');
      expect(interval).toMatchObject({ level: 'interval', items: 4 });
      expect(interval.value).toBeCloseTo(24 / 49, 12);
      // Krippendorff is the default metric of a classification control.
      expect((await agreement(p3.id, '')).value).toBeCloseTo(9 / 19, 12);
    });

    it("gives Cohen's kappa per pair and their mean (Light's kappa) for three annotators", async () => {
      // A–B 7/11, A–C 2/5, B–C 0 → mean 19/55.
      const r = await agreement(p3.id, 'metric=cohen');
      expect(r.aggregate).toBe('mean-of-pairs');
      expect(pair(r, a, b)!.value).toBeCloseTo(7 / 11, 12);
      expect(pair(r, a, c)!.value).toBeCloseTo(2 / 5, 12);
      expect(pair(r, b, c)!.value).toBeCloseTo(0, 12);
      expect(r.value).toBeCloseTo(19 / 55, 12);
    });

    it("weights Cohen's kappa by the choices' order in the label config, not their spelling", async () => {
      const p = await makeProject(t, manager, { labelConfig: ORDERED_XML, overlap: 2, tasks: Array.from({ length: 4 }, (_, i) => ({ text: `t${i}` })), members: [[a, 'annotator'], [b, 'annotator']] });
      const ratings: [TestUser, string[]][] = [[a, ['low', 'mid', 'high', 'low']], [b, ['low', 'high', 'high', 'mid']]];
      for (const [user, labels] of ratings) for (const [i, label] of labels.entries()) await submit(t, user, p.taskIds[i]!, level(label));
      // As indices 0,1,2,0 vs 0,2,2,1: linear 1 − 4·2/16 = ½, quadratic 1 − 4·2/26 = 9/13 (alphabetical order would give 1/7).
      const linear = await agreement(p.id, 'metric=cohen&weights=linear');
      expect(linear).toMatchObject({ weights: 'linear', aggregate: 'all-raters', items: 4, raters: 2 });
      expect(linear.value).toBeCloseTo(0.5, 12);
      expect(linear.perLabel.map((l: { label: string }) => l.label)).toEqual(['low', 'mid', 'high']);
      expect((await agreement(p.id, 'metric=cohen&weights=quadratic')).value).toBeCloseTo(9 / 13, 12);
    });

    it('answers 400 naming the field for a metric the control does not take', async () => {
      const wrongMetric = await t.call(manager, 'GET', `/api/projects/${p3.id}/agreement?metric=region-f1`);
      expect(wrongMetric.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'fromName' });
      expect((await t.call(manager, 'GET', `/api/projects/${p3.id}/agreement?metric=cohen&level=ordinal`)).json().error.field).toBe('level');
      expect((await t.call(manager, 'GET', `/api/projects/${p3.id}/agreement?fromName=nope`)).json().error.field).toBe('fromName');
    });
  });

  it('computes region F1 over tasks and pairs, by hand', async () => {
    const p = await makeProject(t, manager, { labelConfig: BOX_CONFIG_XML, overlap: 2, tasks: [{ image: '1.jpg' }, { image: '2.jpg' }], members: [[a, 'annotator'], [b, 'annotator']] });
    const [t1, t2] = p.taskIds as [number, number];
    // T1: A's first car matches B's at IoU 9/11; the others match nothing. T2: identical roads.
    await submit(t, a, t1, [box('a1', 'Car', 0, 0), box('a2', 'Car', 50, 50)]);
    await submit(t, b, t1, [box('b1', 'Car', 1, 0), box('b2', 'Car', 80, 80)]);
    await submit(t, a, t2, [box('a3', 'Road', 10, 10)]);
    await submit(t, b, t2, [box('b3', 'Road', 10, 10)]);
    const r = await agreement(p.id, '');
    expect(r).toMatchObject({ metric: 'region-f1', threshold: 0.5, fromName: 'label', aggregate: 'micro-f1', items: 2, raters: 2, pairable: 4 });
    // Micro: 2·2 / (4 + 2) = ⅔; Car 2·1/4 = ½, Road 1.
    expect(r.value).toBeCloseTo(2 / 3, 12);
    expect(r.perLabel).toEqual([{ label: 'Car', value: 0.5, support: 4 }, { label: 'Road', value: 1, support: 2 }]);
    expect(pair(r, a, b)).toMatchObject({ value: expect.closeTo(2 / 3, 12), items: 2 });
    expect(r.disagreements).toEqual([{ taskId: t1, annotationIds: expect.any(Array), annotators: [a.id, b.id], disagreement: 0.5 }]);
    // A stricter threshold than 9/11 leaves only the roads.
    expect((await agreement(p.id, 'threshold=0.9')).value).toBeCloseTo(2 / 6, 12);
  });

  it('computes span F1, exact or by overlap', async () => {
    const p = await makeProject(t, manager, { labelConfig: NER_XML, overlap: 2, tasks: [{ text: 'Alice in Paris' }], members: [[a, 'annotator'], [b, 'annotator']] });
    await submit(t, a, p.taskIds[0]!, [span('s1', 'PER', 0, 5), span('s2', 'LOC', 9, 14)]);
    await submit(t, b, p.taskIds[0]!, [span('s1', 'PER', 0, 5), span('s2', 'LOC', 10, 14)]);
    expect((await agreement(p.id, '')).value).toBe(0.5);
    expect((await agreement(p.id, 'metric=span-f1&spanMatch=overlap')).value).toBe(1);
  });

  describe('consensus', () => {
    it('stores a majority vote per task as accepted consensus annotations, replacing earlier ones', async () => {
      const res = await t.call(manager, 'POST', `/api/projects/${p3.id}/consensus`, { method: 'majority', storeAs: 'annotation' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ method: 'majority', storeAs: 'annotation', tasks: 4, skipped: [] });
      const winners = async () => {
        const rows = await t.ctx.db.kysely.selectFrom('annotations').select(['task_id', 'result', 'review_state', 'completed_by']).where('project_id', '=', p3.id).where('source', '=', 'consensus').orderBy('task_id').execute();
        expect(rows.every((row) => row.review_state === 'accepted' && row.completed_by === null)).toBe(true);
        return rows.map((row) => JSON.parse(row.result)[0].value.choices[0]);
      };
      expect(await winners()).toEqual(['pos', 'pos', 'neu', 'neg']);
      await t.call(manager, 'POST', `/api/projects/${p3.id}/consensus`, { method: 'majority', storeAs: 'annotation' });
      expect(await winners()).toEqual(['pos', 'pos', 'neu', 'neg']);
      // Consensus takes no slot of the task and stays out of the agreement numbers.
      const counts = await t.ctx.db.kysely.selectFrom('tasks').select('annotation_count').where('project_id', '=', p3.id).orderBy('id').execute();
      expect(counts.map((x) => x.annotation_count)).toEqual([3, 3, 3, 2]);
      expect((await agreement(p3.id, 'metric=percent')).value).toBeCloseTo(2 / 3, 12);
    });

    it('estimates labels with Dawid–Skene, stored as predictions', async () => {
      const res = (await t.call(manager, 'POST', `/api/projects/${p3.id}/consensus`, { method: 'dawid-skene', storeAs: 'prediction', minAnnotations: 3 })).json();
      expect(res.tasks).toBe(3);
      const rows = await t.ctx.db.kysely.selectFrom('predictions').select(['task_id', 'result', 'model_version']).where('project_id', '=', p3.id).orderBy('task_id').execute();
      expect(rows.map((row) => [row.task_id, row.model_version, JSON.parse(row.result)[0].value.choices[0]])).toEqual([
        [p3.taskIds[0], 'consensus:dawid-skene', 'pos'],
        [p3.taskIds[1], 'consensus:dawid-skene', 'pos'],
        [p3.taskIds[2], 'consensus:dawid-skene', 'neu'],
      ]);
    });

    it('clusters boxes by IoU, keeps what a majority drew with the mean box and the voted label', async () => {
      const p = await makeProject(t, manager, { labelConfig: BOX_CONFIG_XML, overlap: 3, tasks: [{ image: 'x.jpg' }], members: [[a, 'annotator'], [b, 'annotator'], [c, 'annotator']] });
      await submit(t, a, p.taskIds[0]!, [box('a', 'Car', 0, 0)]);
      await submit(t, b, p.taskIds[0]!, [box('b', 'Car', 1, 0)]);
      await submit(t, c, p.taskIds[0]!, [box('c', 'Road', 0, 1), box('d', 'Road', 60, 60)]);
      const res = (await t.call(manager, 'POST', `/api/projects/${p.id}/consensus`, { method: 'majority', storeAs: 'prediction' })).json();
      expect(res.stored).toHaveLength(1);
      const task = (await t.call(manager, 'GET', `/api/tasks/${p.taskIds[0]}`)).json();
      expect(task.predictions).toHaveLength(1);
      const [region, ...rest] = task.predictions[0].result;
      expect(rest).toEqual([]);
      expect(region).toMatchObject({ from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { rectanglelabels: ['Car'], width: 10, height: 10, rotation: 0 } });
      expect(region.value.x).toBeCloseTo(1 / 3, 9);
      expect(region.value.y).toBeCloseTo(1 / 3, 9);
    });

    it('is for managers only', async () => {
      expect((await t.call(a, 'POST', `/api/projects/${p3.id}/consensus`, { method: 'majority', storeAs: 'prediction' })).statusCode).toBe(403);
      expect((await t.call(a, 'GET', `/api/projects/${p3.id}/agreement`)).statusCode).toBe(403);
    });
  });
});
