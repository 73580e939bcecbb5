import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { TEST_PASSWORD_COST, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CLASS_XML, acceptAll, choice, evaluate, makeProject, type Project, type RunDetail } from './evaluation-fixtures.js';

const POSITIVE = ['great', 'wonderful', 'excellent', 'happy', 'love'];
const NEGATIVE = ['terrible', 'awful', 'horrible', 'sad', 'hate'];
// Every fifth text says the opposite of its label, so the model is not perfect and the numbers mean something.
const labelOf = (i: number) => (i % 2 === 0 ? 'pos' : 'neg');
const textOf = (i: number) => {
  const words = (labelOf(i) === 'pos') !== (i % 5 === 4) ? POSITIVE : NEGATIVE;
  return `the film was ${words[i % words.length]} and ${words[(i + 2) % words.length]}`;
};

describeEachDialect('evaluations: built-in model versions', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let project: Project;
  let version: { id: number; name: string };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.user();
    const tasks = Array.from({ length: 40 }, (_, i) => ({ data: { text: textOf(i), region: i % 4 === 0 ? 'north' : 'south' }, annotations: [{ result: choice(labelOf(i)) }] }));
    project = await makeProject(t, owner, CLASS_XML, tasks);
    await acceptAll(t, owner, project.taskIds);
    const started = await t.call(owner, 'POST', `/api/projects/${project.id}/model-versions`, { kind: 'text-classifier', epochs: 4, validationSplit: 0, seed: 3, writePredictions: false });
    expect(started.statusCode, started.body).toBe(202);
    await t.ctx.jobs.wait(started.json().jobId, 60_000);
    version = started.json().modelVersion;
  }, 120_000);
  afterAll(async () => t.close());

  let inProcess: RunDetail;

  it('runs the predictor in-process when the version wrote no predictions, as a job with progress', async () => {
    inProcess = await evaluate(t, owner, project.id, { source: { kind: 'model-version', modelVersionId: version.id }, reference: 'accepted', sliceBy: 'region' });
    expect(inProcess.status, inProcess.error ?? '').toBe('done');
    expect(inProcess).toMatchObject({ kind: 'classification', fromName: 'sentiment', items: 40, source: { kind: 'model-version', label: version.name, modelVersionId: version.id } });
    expect(inProcess.report).toMatchObject({ withoutPrediction: 0, withoutReference: 0 });
    const c = inProcess.report!.metrics.classification!;
    expect(c.averagePrecision!.pos).not.toBeNull();
    // The contradicting texts keep the model from being perfect, so the comparisons below mean something.
    expect(c.report.accuracy).toBeGreaterThan(0.5);
    expect(c.report.accuracy).toBeLessThan(1);
    // Cross-check with the model module's own evaluation of the version on the same (accepted) labels.
    const own = (await t.call(owner, 'GET', `/api/model-versions/${version.id}/evaluation`)).json();
    expect(c.report.accuracy).toBeCloseTo(own.annotations.report.accuracy, 12);
    expect(c.report.confusion).toEqual(own.annotations.report.confusion);
    const job = (await t.call(owner, 'GET', `/api/jobs/${inProcess.jobId}`)).json();
    expect(job).toMatchObject({ kind: 'evaluation', status: 'succeeded', result: { evaluationId: inProcess.id, items: 40 } });
  });

  it('uses the predictions the version wrote (and their probabilities) once there are some, with the same numbers', async () => {
    const predict = await t.call(owner, 'POST', `/api/model-versions/${version.id}/predict`, {});
    expect(predict.statusCode, predict.body).toBe(202);
    await t.ctx.jobs.wait(predict.json().jobId, 60_000);
    const stored = await evaluate(t, owner, project.id, { source: { kind: 'model-version', modelVersionId: version.id }, reference: 'accepted', sliceBy: 'region' });
    const byName = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: version.name }, reference: 'accepted' });
    for (const run of [stored, byName]) {
      expect(run.status, run.error ?? '').toBe('done');
      expect(run.headline).toEqual(inProcess.headline);
      expect(run.report!.metrics.classification!.averagePrecision!.pos).toBeCloseTo(inProcess.report!.metrics.classification!.averagePrecision!.pos!, 12);
    }
    expect(stored.report!.slices!.gaps).toEqual(inProcess.report!.slices!.gaps);
    const options = (await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations/options`)).json();
    expect(options.builtinVersions).toEqual([{ id: version.id, name: version.name, fromName: 'sentiment' }]);
    expect(options.modelVersions).toEqual([{ modelVersion: version.name, predictions: 40 }]);
  });

  it('refuses a control or kind the version does not predict', async () => {
    for (const [extra, field] of [[{ fromName: 'other' }, 'fromName'], [{ kind: 'ner' }, 'kind']] as const) {
      const res = await t.call(owner, 'POST', `/api/projects/${project.id}/evaluations`, { source: { kind: 'model-version', modelVersionId: version.id }, reference: 'accepted', ...extra });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    // A version of another project is unknown here.
    const elsewhere = await makeProject(t, owner, CLASS_XML, [{ data: { text: 'x' } }]);
    const res = await t.call(owner, 'POST', `/api/projects/${elsewhere.id}/evaluations`, { source: { kind: 'model-version', modelVersionId: version.id }, reference: 'accepted' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('source.modelVersionId');
  });

  it('keeps runs and reports across a restart', async () => {
    // A new app on the same database and data folder: a new job runner and blob store, nothing kept in memory.
    const again = await buildApp({ db: t.ctx.db, env: {}, config: { dataDir: t.dataDir }, passwordCost: TEST_PASSWORD_COST, logger: false });
    try {
      const res = await again.inject({ method: 'GET', url: `/api/evaluations/${inProcess.id}`, headers: { authorization: `Bearer ${owner.token}` } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'done', headline: inProcess.headline });
      expect(res.json().report).toEqual(inProcess.report);
    } finally {
      await again.close();
    }
  });
});
