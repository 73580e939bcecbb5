import { classificationReport } from '@laoshi/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { finishedJob, makeTextProject, sentiment, type TextProject } from './model-fixtures.js';

// A synthetic sentiment project: each text mixes neutral filler with words of its class, so a
// hashed n-gram classifier can learn it well from 100 labelled tasks.
const POSITIVE = ['great', 'wonderful', 'excellent', 'happy', 'love', 'superb', 'delight', 'enjoy'];
const NEGATIVE = ['terrible', 'awful', 'horrible', 'sad', 'hate', 'dreadful', 'annoying', 'boring'];
const FILLER = ['the', 'movie', 'was', 'and', 'plot', 'actors', 'really', 'quite', 'film', 'story'];

function sentence(i: number, label: 'pos' | 'neg'): string {
  const words = label === 'pos' ? POSITIVE : NEGATIVE;
  const pick = (list: string[], k: number) => list[(i * 7 + k * 3) % list.length]!;
  return [pick(FILLER, 0), pick(words, 1), pick(FILLER, 2), pick(FILLER, 3), pick(words, 4), pick(FILLER, 5)].join(' ');
}

const LABELLED = 100;
const TOTAL = 120;
const labelOf = (i: number): 'pos' | 'neg' => (i % 3 === 0 ? 'neg' : i % 3 === 1 ? 'pos' : i % 2 ? 'pos' : 'neg');
const regionOf = (i: number) => (i % 4 === 0 ? 'north' : 'south');

interface VersionView { id: number; name: string; number: number; status: string; labels: string[]; curve: { epoch: number; validationAccuracy: number | null }[]; validationTasks: number; metrics: Record<string, unknown> }

describeEachDialect('built-in text classifier', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let project: TextProject;
  let v1: VersionView;
  let jobResult: { curve: unknown[]; predictions: number; final: { validationAccuracy: number } };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    const tasks = Array.from({ length: TOTAL }, (_, i) => ({ text: sentence(i, labelOf(i)), region: regionOf(i) }));
    project = await makeTextProject(t, manager, tasks);
    for (let i = 0; i < LABELLED; i++) {
      const res = await t.call(manager, 'POST', `/api/tasks/${project.taskIds[i]}/annotations`, { result: sentiment(labelOf(i)) });
      expect(res.statusCode).toBe(201);
    }
    const started = await t.call(manager, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'text-classifier', epochs: 8, learningRate: 1, validationSplit: 0.2, seed: 7 });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().modelVersion).toMatchObject({ status: 'training', number: 1, name: 'laoshi-text-classifier:v1' });
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.status, job.error ?? '').toBe('succeeded');
    jobResult = job.result as typeof jobResult;
    v1 = (await t.call(manager, 'GET', `/api/model-versions/${started.json().modelVersion.id}`)).json();
  }, 120_000);
  afterAll(async () => t.close());

  it('trains as a job with a learning-curve point per epoch and reaches high validation accuracy', () => {
    expect(jobResult.curve).toHaveLength(8);
    expect(jobResult.final.validationAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(v1).toMatchObject({ status: 'ready', labels: ['neg', 'pos'], validationTasks: 20, metrics: { trainExamples: 80, validationExamples: 20 } });
    expect(v1.curve.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('writes its predictions back as pre-labels with scores, for labelled and unlabelled tasks', async () => {
    expect(jobResult.predictions).toBe(TOTAL);
    const rows = await t.ctx.db.kysely.selectFrom('predictions').selectAll().where('project_id', '=', project.id).orderBy('task_id').execute();
    expect(rows).toHaveLength(TOTAL);
    let right = 0;
    rows.forEach((row, i) => {
      expect(row.model_version).toBe('laoshi-text-classifier:v1');
      expect(row.score).toBeGreaterThan(0.5);
      expect(row.score).toBeLessThanOrEqual(1);
      const [item] = JSON.parse(row.result) as { from_name: string; to_name: string; type: string; value: { choices: string[] } }[];
      expect(item).toMatchObject({ from_name: 'sentiment', to_name: 'text', type: 'choices' });
      if (item!.value.choices[0] === labelOf(i)) right++;
    });
    // The 20 unlabelled tasks are new sentences of the same kind.
    expect(right / TOTAL).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps every version and replaces the older built-in predictions on each task', async () => {
    const started = await t.call(manager, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'text-classifier', epochs: 3, seed: 1 });
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.status).toBe('succeeded');
    const list = (await t.call(manager, 'GET', `/api/projects/${project.id}/model-versions`)).json() as VersionView[];
    expect(list.map((v) => [v.number, v.status])).toEqual([[2, 'ready'], [1, 'ready']]);
    const versions = await t.ctx.db.kysely.selectFrom('predictions').select('model_version').distinct().where('project_id', '=', project.id).execute();
    expect(versions.map((v) => v.model_version)).toEqual(['laoshi-text-classifier:v2']);
    // Version 1 stays usable: its weights are kept.
    const again = await t.call(manager, 'POST', `/api/model-versions/${v1.id}/predict`, { filter: { ids: String(project.taskIds[0]) } });
    expect(again.statusCode).toBe(202);
    expect((await finishedJob(t, manager, again.json().jobId)).result).toMatchObject({ predictions: 1 });
    const first = await t.ctx.db.kysely.selectFrom('predictions').select('model_version').where('task_id', '=', project.taskIds[0]!).execute();
    expect(first.map((p) => p.model_version)).toEqual(['laoshi-text-classifier:v1']);
  });

  it('evaluates a version on its validation split and on the labels, with numbers that match its predictions', async () => {
    // Version 1's predictions of the labelled tasks, as written by the predict job.
    const predicted = await t.call(manager, 'POST', `/api/model-versions/${v1.id}/predict`, {});
    await finishedJob(t, manager, predicted.json().jobId);
    const rows = await t.ctx.db.kysely.selectFrom('predictions').select(['task_id', 'result', 'score']).where('project_id', '=', project.id).orderBy('task_id').execute();
    const yPred = rows.slice(0, LABELLED).map((r) => (JSON.parse(r.result) as { value: { choices: string[] } }[])[0]!.value.choices[0]!);
    const yTrue = Array.from({ length: LABELLED }, (_, i) => labelOf(i));
    const expected = classificationReport(yTrue, yPred, { labels: ['neg', 'pos'] });

    const res = await t.call(manager, 'GET', `/api/model-versions/${v1.id}/evaluation?sliceBy=region&bins=5`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.annotations.items).toBe(LABELLED);
    expect(e.annotations.report.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(e.annotations.report.confusion).toEqual(expected.confusion);
    expect(e.annotations.report.perClass.pos.f1).toBeCloseTo(expected.perClass.pos!.f1, 12);
    expect(e.validation.items).toBe(20);
    expect(e.validation.report.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(20);
    // Two labels: ROC and PR curves on the probability of the second label.
    expect(e.annotations.binary.positiveLabel).toBe('pos');
    expect(e.annotations.binary.rocAuc).toBeGreaterThan(0.9);
    expect(e.annotations.binary.roc.thresholds[0]).toBeNull();
    expect(e.annotations.calibration.bins).toHaveLength(5);
    expect(e.annotations.calibration.bins.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(LABELLED);
    // Slices by a task data field: 25 northern tasks (every 4th), 75 southern.
    const slices = e.annotations.slices.slices as { slice: string; support: number; report: { accuracy: number } }[];
    expect(slices.map((s) => [s.slice, s.support]).sort()).toEqual([['north', 25], ['south', 75]]);
    const north = yTrue.flatMap((y, i) => (regionOf(i) === 'north' ? [y === yPred[i]] : []));
    expect(slices.find((s) => s.slice === 'north')!.report.accuracy).toBeCloseTo(north.filter(Boolean).length / north.length, 12);
    expect(e.annotations.slices.gaps.accuracy).toHaveProperty('gap');
  });

  it('slices by the task meta with a meta. path, and rejects an unknown positive label', async () => {
    const bySource = await t.call(manager, 'GET', `/api/model-versions/${v1.id}/evaluation?sliceBy=meta.source`);
    expect(bySource.json().annotations.slices.slices).toEqual([expect.objectContaining({ slice: null, support: LABELLED })]);
    const bad = await t.call(manager, 'GET', `/api/model-versions/${v1.id}/evaluation?positiveLabel=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('positiveLabel');
  });

  it('refuses to train without labels of two classes, and names a bad hyperparameter', async () => {
    const lonely = await makeTextProject(t, manager, [{ text: 'a' }, { text: 'b' }]);
    for (const id of lonely.taskIds) await t.call(manager, 'POST', `/api/tasks/${id}/annotations`, { result: sentiment('pos') });
    const none = await t.call(manager, 'POST', `/api/projects/${lonely.id}/model-versions`, { kind: 'text-classifier' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('LAOSHI_TRAINING_DATA_INSUFFICIENT');
    const bad = await t.call(manager, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'text-classifier', learningRate: 10, l2: 0.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'learningRate' });
    const wrongControl = await t.call(manager, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'text-classifier', fromName: 'nope' });
    expect(wrongControl.json().error.field).toBe('fromName');
    // An image classifier needs an image object.
    const image = await t.call(manager, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'image-classifier', featureFileId: 1 });
    expect(image.statusCode).toBe(400);
  });
});
