import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { makeProject, review, submit } from './quality-fixtures.js';

const ALL_CONTROLS_XML = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Lake"/></PolygonLabels>
  <KeyPointLabels name="kp" toName="image"><Label value="Eye"/></KeyPointLabels>
  <Choices name="weather" toName="image"><Choice value="sunny"/><Choice value="rainy"/></Choices>
  <TextArea name="caption" toName="image"/>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/></Labels>
</View>`;

const box = (id: string, x: number, y: number) => ({ id, from_name: 'box', to_name: 'image', type: 'rectanglelabels', value: { x, y, width: 10, height: 10, rotation: 0, rectanglelabels: ['Car'] } });
const poly = (points: number[][]) => ({ id: 'p1', from_name: 'poly', to_name: 'image', type: 'polygonlabels', value: { points, polygonlabels: ['Lake'] } });
const kp = (x: number, y: number) => ({ id: 'k1', from_name: 'kp', to_name: 'image', type: 'keypointlabels', value: { x, y, width: 1, keypointlabels: ['Eye'] } });
const weather = (w: string) => ({ id: 'w1', from_name: 'weather', to_name: 'image', type: 'choices', value: { choices: [w] } });
const caption = (text: string) => ({ id: 'cap', from_name: 'caption', to_name: 'image', type: 'textarea', value: { text: [text] } });
const ner = (id: string, label: string, start: number, end: number) => ({ id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, labels: [label] } });

const GOLD = [box('b1', 0, 0), box('b2', 50, 50), poly([[20, 20], [40, 20], [40, 40], [20, 40]]), kp(10, 10), weather('sunny'), caption('a red car'), ner('n1', 'PER', 0, 5), ner('n2', 'LOC', 10, 15)];
// Box: one of two matches (IoU 9/11) → F1 ½. Polygon: IoU 200/400 = ½ → matches at 0.5. Keypoint 2 away at σ 2 → e^−½.
// Weather wrong → 0. Caption: one substitution in 9 characters → 1 − 1/9. NER: PER exact, LOC off by one → F1 ½.
const GIVEN = [box('b1', 1, 0), box('b2', 80, 80), poly([[20, 20], [40, 20], [40, 30], [20, 30]]), kp(12, 10), weather('rainy'), caption('a red cat'), ner('n1', 'PER', 0, 5), ner('n2', 'LOC', 11, 15)];
const EXPECTED: Record<string, [string, number]> = {
  box: ['region-f1', 0.5],
  caption: ['cer', 8 / 9],
  kp: ['keypoint-oks', Math.exp(-0.5)],
  ner: ['span-f1', 0.5],
  poly: ['region-f1', 1],
  weather: ['exact', 0],
};

describeEachDialect('gold: marking, hidden gold in the queue, scoring per control type', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let author: TestUser;
  let ann: TestUser;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [manager, reviewer, author, ann] = [await t.user(), await t.user(), await t.user(), await t.user()];
  });
  afterAll(async () => t.close());

  async function goldProject(overlap = 1) {
    const p = await makeProject(t, manager, {
      labelConfig: ALL_CONTROLS_XML,
      overlap,
      tasks: [{ image: 'g.jpg', text: 'Alice in Paris' }, { image: 'n.jpg', text: 'plain' }],
      members: [[reviewer, 'reviewer'], [author, 'annotator'], [ann, 'annotator']],
    });
    const goldId = await submit(t, author, p.taskIds[0]!, GOLD);
    return { ...p, goldId };
  }
  const scores = async (projectId: number, query = '') => (await t.call(manager, 'GET', `/api/projects/${projectId}/gold/scores${query}`)).json().items as { annotationId: number; userId: number; score: number; controls: { fromName: string; metric: string; score: number }[] }[];

  it('marks only accepted annotations as gold, once per task, managers only', async () => {
    const p = await goldProject();
    const pending = await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error).toMatchObject({ code: 'LAOSHI_INVALID_TRANSITION', message: expect.stringMatching(/only an accepted annotation/) });
    await review(t, reviewer, p.goldId, 'accept');
    expect((await t.call(reviewer, 'POST', `/api/annotations/${p.goldId}/gold`)).statusCode).toBe(403);
    const marked = await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`);
    expect(marked.statusCode).toBe(201);
    expect(marked.json()).toEqual({ taskId: p.taskIds[0], annotationId: p.goldId, scored: 0 });
    expect((await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`)).json().error).toMatchObject({ code: 'LAOSHI_GOLD_EXISTS', goldAnnotationId: p.goldId });
    expect((await t.call(manager, 'GET', `/api/projects/${p.id}/gold`)).json()).toEqual([{ taskId: p.taskIds[0], annotationId: p.goldId, createdAt: expect.any(String), scored: 0, meanScore: null }]);
    expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/gold`)).statusCode).toBe(403);
  });

  it('mixes the hidden gold task into the queue at the gold rate and scores the submission at once, per control type', async () => {
    const p = await goldProject();
    await review(t, reviewer, p.goldId, 'accept');
    await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`);
    expect((await t.call(manager, 'PATCH', `/api/projects/${p.id}/quality-settings`, { goldRate: 1 })).json()).toMatchObject({ goldRate: 1, goldIoUThreshold: 0.5 });
    // The gold task is full (overlap 1) yet comes first, looking like any new task.
    const handed = await t.call(ann, 'POST', `/api/projects/${p.id}/next`);
    expect(handed.json().task).toMatchObject({ id: p.taskIds[0], annotationCount: 0, isLabeled: false });
    const res = await t.call(ann, 'POST', `/api/tasks/${p.taskIds[0]}/annotations`, { result: GIVEN });
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['id', 'version']);
    const [score] = await scores(p.id);
    expect(score).toMatchObject({ annotationId: res.json().id, userId: ann.id, goldAnnotationId: p.goldId });
    for (const c of score!.controls) {
      const [metric, value] = EXPECTED[c.fromName]!;
      expect(c.metric, c.fromName).toBe(metric);
      expect(c.score, c.fromName).toBeCloseTo(value, 9);
    }
    expect(score!.controls.map((c) => c.fromName)).toEqual(Object.keys(EXPECTED));
    const mean = Object.values(EXPECTED).reduce((s, [, v]) => s + v, 0) / 6;
    expect(score!.score).toBeCloseTo(mean, 9);
    // The annotator never sees scores or gold.
    expect((await t.call(ann, 'GET', `/api/projects/${p.id}/gold/scores`)).statusCode).toBe(403);
    expect((await t.call(ann, 'GET', `/api/tasks/${p.taskIds[0]}`)).json().annotations).toHaveLength(1);
    // Gold done: the ordinary queue goes on.
    expect((await t.call(ann, 'POST', `/api/projects/${p.id}/next`)).json().task.id).toBe(p.taskIds[1]);
  });

  it('re-scores when the submission changes, with the configured IoU threshold', async () => {
    const p = await goldProject();
    await review(t, reviewer, p.goldId, 'accept');
    await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`);
    const id = await submit(t, ann, p.taskIds[0]!, GIVEN);
    const polyScore = async () => (await scores(p.id))[0]!.controls.find((c) => c.fromName === 'poly')!.score;
    expect(await polyScore()).toBe(1);
    await t.call(manager, 'PATCH', `/api/projects/${p.id}/quality-settings`, { goldIoUThreshold: 0.6 });
    expect((await t.call(ann, 'PATCH', `/api/annotations/${id}`, { result: GIVEN, version: 1 })).statusCode).toBe(200);
    expect(await polyScore()).toBe(0);
    expect((await scores(p.id)).length).toBe(1);
  });

  it("scores a task's existing submissions when it becomes gold, and drops the scores when unmarked", async () => {
    const p = await goldProject(2);
    const theirs = await submit(t, ann, p.taskIds[0]!, GOLD);
    await review(t, reviewer, p.goldId, 'accept');
    expect((await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`)).json().scored).toBe(1);
    expect(await scores(p.id, `?userId=${ann.id}`)).toEqual([expect.objectContaining({ annotationId: theirs, score: 1 })]);
    expect((await t.call(manager, 'GET', `/api/projects/${p.id}/gold`)).json()[0]).toMatchObject({ scored: 1, meanScore: 1 });
    expect((await t.call(manager, 'DELETE', `/api/annotations/${p.goldId}/gold`)).statusCode).toBe(204);
    expect(await scores(p.id)).toEqual([]);
    expect((await t.call(manager, 'DELETE', `/api/annotations/${p.goldId}/gold`)).json().error.code).toBe('LAOSHI_GOLD_NOT_FOUND');
    const row = await t.ctx.db.kysely.selectFrom('projects').select('gold_count').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.gold_count).toBe(0);
  });

  it('never hands out gold at rate 0, and forgets gold whose annotation is deleted', async () => {
    const p = await goldProject();
    await review(t, reviewer, p.goldId, 'accept');
    await t.call(manager, 'POST', `/api/annotations/${p.goldId}/gold`);
    expect((await t.call(ann, 'POST', `/api/projects/${p.id}/next`)).json().task.id).toBe(p.taskIds[1]);
    expect((await t.call(manager, 'DELETE', `/api/annotations/${p.goldId}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/projects/${p.id}/gold`)).json()).toEqual([]);
    expect((await t.ctx.db.kysely.selectFrom('projects').select('gold_count').where('id', '=', p.id).executeTakeFirstOrThrow()).gold_count).toBe(0);
  });
});
