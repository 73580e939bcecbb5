import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CLASS_XML, acceptAll, choice, evaluate, makeProject, uploadFile, finished, type Project } from './evaluation-fixtures.js';

// Seven tasks worked by hand (labels in config order: neg, pos):
//   truth  pos  pos  pos  neg  neg  neg  neg
//   pred   pos  pos  neg  neg  neg  pos  neg     scores .9 .8 .6 .7 .9 .55 .8
//   region N    N    S    N    S    S    N
// pos: TP 2 of 3 predicted, 3 true → P = R = F1 = 2/3. neg: TP 3 of 4 predicted, 4 true → 3/4.
// accuracy 5/7; macro F1 (2/3 + 3/4)/2 = 17/24; weighted F1 (3·2/3 + 4·3/4)/7 = 5/7.
// Slices: north all right (1), south 1 of 3 (1/3) → accuracy gap 2/3.
// AP of pos (one-vs-rest, two labels: pos score = conf if predicted pos else 1 − conf):
//   .9 P, .8 P, .55 N, .4 P, .3 N, .2 N, .1 N → 1/3·1 + 1/3·1 + 1/3·3/4 = 11/12.
const TRUTH = ['pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'neg'];
const PRED = ['pos', 'pos', 'neg', 'neg', 'neg', 'pos', 'neg'];
const SCORES = [0.9, 0.8, 0.6, 0.7, 0.9, 0.55, 0.8];
const REGION = ['north', 'north', 'south', 'north', 'south', 'south', 'north'];

describeEachDialect('evaluations: classification against accepted and gold annotations', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let annotator: TestUser;
  let project: Project;
  let annotationIds: Map<number, number[]>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.user();
    annotator = await t.user();
    const tasks: Record<string, unknown>[] = TRUTH.map((truth, i) => ({
      data: { text: `text ${i}`, region: REGION[i] },
      meta: { device: i % 2 === 0 ? 'phone' : 'laptop' },
      annotations: [{ result: choice(truth) }],
      // An older, wrong prediction of the same version first: the latest one per task counts.
      predictions: [
        { result: choice(PRED[i] === 'pos' ? 'neg' : 'pos'), score: 0.99, model_version: 'ext-v1' },
        { result: choice(PRED[i]!), score: SCORES[i], model_version: 'ext-v1' },
        { result: choice('neg'), score: 0.5, model_version: 'other' },
      ],
    }));
    // Task 8: accepted, no prediction of ext-v1 (withoutPrediction). Task 9: predicted, never accepted (withoutReference).
    tasks.push({ data: { text: 'unpredicted', region: 'north' }, annotations: [{ result: choice('pos') }] });
    tasks.push({ data: { text: 'unreviewed', region: 'south' }, annotations: [{ result: choice('pos') }], predictions: [{ result: choice('pos'), score: 0.7, model_version: 'ext-v1' }] });
    project = await makeProject(t, owner, CLASS_XML, tasks, [[annotator, 'annotator']]);
    annotationIds = await acceptAll(t, owner, project.taskIds.slice(0, 8));
  });
  afterAll(async () => t.close());

  it('computes the report of stored predictions by hand-worked numbers', async () => {
    const run = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', sliceBy: 'region' });
    expect(run.status).toBe('done');
    expect(run).toMatchObject({ kind: 'classification', reference: 'accepted', fromName: 'sentiment', items: 7, error: null, sliceBy: 'region', source: { kind: 'predictions', label: 'ext-v1', modelVersion: 'ext-v1' } });
    const report = run.report!;
    expect(report).toMatchObject({ items: 7, withoutPrediction: 1, withoutReference: 1 });
    const c = report.metrics.classification!;
    expect(c.report.labels).toEqual(['neg', 'pos']);
    expect(c.report.confusion).toEqual([[3, 1], [1, 2]]);
    expect(c.report.accuracy).toBeCloseTo(5 / 7, 12);
    expect(c.report.perClass.pos).toMatchObject({ support: 3 });
    expect(c.report.perClass.pos!.f1).toBeCloseTo(2 / 3, 12);
    expect(c.report.perClass.neg!.precision).toBeCloseTo(3 / 4, 12);
    expect(report.headline.accuracy).toBeCloseTo(5 / 7, 12);
    expect(report.headline.macroF1).toBeCloseTo(17 / 24, 12);
    expect(report.headline.weightedF1).toBeCloseTo(5 / 7, 12);
    expect(run.headline).toEqual(report.headline);
    expect(c.averagePrecision!.pos).toBeCloseTo(11 / 12, 12);
    const curve = c.prCurves!.pos!;
    expect(curve.recall[0]).toBe(0);
    expect(curve.recall[curve.recall.length - 1]).toBe(1);
    expect([...curve.recall].sort((a, b) => a - b)).toEqual(curve.recall);

    const slices = report.slices!;
    expect(slices.field).toBe('region');
    expect(slices.slices.map((s) => [s.value, s.items, s.headline.accuracy])).toEqual([['north', 4, 1], ['south', 3, 1 / 3]]);
    expect(slices.gaps.accuracy!.best).toBe('north');
    expect(slices.gaps.accuracy!.worst).toBe('south');
    expect(slices.gaps.accuracy!.gap).toBeCloseTo(2 / 3, 12);
  });

  it('leaves slices below minSupport out of the gaps, and slices by meta paths', async () => {
    const run = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', sliceBy: 'region', minSupport: 4 });
    expect(run.report!.slices!.gaps.accuracy).toEqual({ best: 'north', worst: 'north', gap: 0 });
    expect(run.report!.slices!.minSupport).toBe(4);
    const byDevice = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', sliceBy: 'meta.device' });
    // Tasks 0, 2, 4, 6 are phones: right, wrong, right, right; 1, 3, 5 laptops: right, right, wrong.
    expect(byDevice.report!.slices!.slices.map((s) => [s.value, s.items])).toEqual([['laptop', 3], ['phone', 4]]);
    expect(byDevice.report!.slices!.gaps.accuracy!.gap).toBeCloseTo(3 / 4 - 2 / 3, 12);
  });

  it('evaluates against gold answers only', async () => {
    // Gold on tasks 2 (pos, predicted neg) and 3 (neg, predicted neg).
    for (const i of [2, 3]) expect((await t.call(owner, 'POST', `/api/annotations/${annotationIds.get(project.taskIds[i]!)![0]}/gold`)).statusCode).toBeLessThan(300);
    const run = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'gold' });
    expect(run.report).toMatchObject({ reference: 'gold', items: 2, withoutPrediction: 0, withoutReference: 6 });
    expect(run.report!.headline.accuracy).toBe(0.5);
    expect(run.report!.metrics.classification!.report.confusion).toEqual([[1, 0], [1, 0]]);
  });

  it('takes a Label Studio JSON export and JSON Lines as prediction files, with unknown task ids as warnings', async () => {
    const ids = project.taskIds;
    const tasks = TRUTH.map((_, i) => ({ id: ids[i], data: { text: `text ${i}` }, predictions: [{ result: choice(PRED[i]!), score: SCORES[i], model_version: 'file-v1' }] }));
    tasks.push({ id: 987654, data: { text: 'elsewhere' }, predictions: [{ result: choice('pos'), score: 1, model_version: 'file-v1' }] });
    const res = await uploadFile(t, owner, project.id, { name: 'predictions.json', content: JSON.stringify(tasks) }, { reference: 'accepted', sliceBy: 'region', name: 'LS file' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ name: 'LS file', source: { kind: 'file', label: 'predictions.json', fileName: 'predictions.json' } });
    const run = await finished(t, owner, res.json());
    expect(run.status).toBe('done');
    expect(run.report).toMatchObject({ items: 7, withoutPrediction: 1, withoutReference: 1 });
    expect(run.report!.headline.macroF1).toBeCloseTo(17 / 24, 12);
    expect(run.warnings.join('\n')).toContain('987654');

    const lines = TRUTH.map((_, i) => JSON.stringify({ task: ids[i], result: choice(PRED[i]!), score: SCORES[i] })).join('\n');
    const jsonl = await finished(t, owner, (await uploadFile(t, owner, project.id, { name: 'p.jsonl', content: `${lines}\n` }, { reference: 'accepted' })).json());
    expect(jsonl.report!.headline).toEqual(run.report!.headline);
    expect(jsonl.report!.metrics.classification!.averagePrecision!.pos).toBeCloseTo(11 / 12, 12);
  });

  it('refuses bad inputs with 400 naming the field', async () => {
    const post = (body: unknown) => t.call(owner, 'POST', `/api/projects/${project.id}/evaluations`, body);
    const cases: [unknown, string][] = [
      [{ source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', fromName: 'nope' }, 'fromName'],
      [{ source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', kind: 'detection' }, 'kind'],
      [{ source: { kind: 'predictions', modelVersion: 'never-ran' }, reference: 'accepted' }, 'source.modelVersion'],
      [{ source: { kind: 'model-version', modelVersionId: 424242 }, reference: 'accepted' }, 'source.modelVersionId'],
      [{ source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'sometimes' }, 'reference'],
      [{ source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', sliceBy: 'a..b' }, 'sliceBy'],
      [{ source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', minSupport: 0 }, 'minSupport'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field, res.body).toBe(field);
      expect(res.json().error.code).toMatch(/^LAOSHI_/);
    }
    const upload = (name: string, content: string, fields: Record<string, string> = { reference: 'accepted' }) => uploadFile(t, owner, project.id, { name, content }, fields);
    const bad: [Awaited<ReturnType<typeof upload>>, string][] = [
      [await upload('p.json', '[{"id": 1, "predictions": [{"result": ['), 'file'],
      [await upload('p.json', JSON.stringify([{ id: project.taskIds[0], predictions: [{ result: choice('maybe') }] }])), 'file'],
      [await upload('p.json', JSON.stringify([{ id: 'x', predictions: [] }])), 'file'],
      [await upload('p.json', JSON.stringify([{ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], score: 1 }])), 'file'],
      [await upload('p.json', '[]', { reference: 'accepted', kind: 'sideways' }), 'kind'],
      [await upload('p.json', '[]', { reference: 'accepted', minSupport: 'many' }), 'minSupport'],
      [await upload('p.json', '[]', {}), 'reference'],
      [await upload('p.json', '', { reference: 'accepted' }), 'file'],
    ];
    for (const [res, field] of bad) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field, res.body).toBe(field);
    }
    expect(bad[1]![0].json().error.message).toContain('result');
  });

  it('lets only managers of the project in: annotators get 403, other organizations 404', async () => {
    const run = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted' });
    const body = { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted' };
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/projects/${project.id}/evaluations`],
      ['GET', `/api/projects/${project.id}/evaluations/options`],
      ['POST', `/api/projects/${project.id}/evaluations`, body],
      ['GET', `/api/evaluations/${run.id}`],
      ['GET', `/api/evaluations/${run.id}/report.json`],
      ['GET', `/api/evaluations/${run.id}/report.html`],
      ['GET', `/api/projects/${project.id}/evaluations/compare.html?ids=${run.id},${run.id + 1}`],
      ['DELETE', `/api/evaluations/${run.id}`],
    ];
    for (const [method, url, payload] of routes) {
      const asAnnotator = await t.call(annotator, method, url, payload);
      expect(asAnnotator.statusCode, `${method} ${url}`).toBe(403);
      const outsider = await t.call(t.otherAdmin, method, url, payload);
      expect(outsider.statusCode, `${method} ${url}`).toBe(404);
      expect(outsider.body).not.toContain('ext-v1');
    }
    const upload = await uploadFile(t, annotator, project.id, { name: 'p.json', content: '[]' }, { reference: 'accepted' });
    expect(upload.statusCode).toBe(403);
    expect((await uploadFile(t, t.otherAdmin, project.id, { name: 'p.json', content: '[]' }, { reference: 'accepted' })).statusCode).toBe(404);
    expect((await t.call(owner, 'GET', `/api/evaluations/${run.id}`)).statusCode).toBe(200);
  });

  it('lists runs newest first, offers the options, exports JSON and HTML as attachments, and deletes', async () => {
    const first = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'ext-v1' }, reference: 'accepted', name: '<script>alert(1)</script>' });
    const second = await evaluate(t, owner, project.id, { source: { kind: 'predictions', modelVersion: 'other' }, reference: 'accepted' });
    const list = (await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations`)).json().items as { id: number }[];
    expect(list[0]!.id).toBe(second.id);
    expect(list.map((r) => r.id)).toContain(first.id);

    const options = (await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations/options`)).json();
    expect(options.controls).toEqual([{ fromName: 'sentiment', type: 'choices', kinds: ['classification'] }]);
    expect(options.modelVersions).toEqual(expect.arrayContaining([{ modelVersion: 'ext-v1', predictions: 15 }, { modelVersion: 'other', predictions: 7 }]));
    expect(options.sliceFields).toEqual(['region', 'meta.device']);

    const json = await t.call(owner, 'GET', `/api/evaluations/${first.id}/report.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="evaluation-\d+\.json"/);
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(json.body).headline).toEqual(first.report!.headline);

    for (const lang of ['en', 'zh-CN']) {
      const html = await t.call(owner, 'GET', `/api/evaluations/${first.id}/report.html?lang=${lang}`);
      expect(html.statusCode, html.body).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.headers['content-disposition']).toMatch(/^attachment; filename="evaluation-\d+\.html"/);
      expect(html.headers['x-content-type-options']).toBe('nosniff');
      expect(html.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect(html.body).not.toContain('<script>alert(1)</script>');
      expect(html.body).toContain('&lt;script&gt;');
    }
    expect((await t.call(owner, 'GET', `/api/evaluations/${first.id}/report.html?lang=fr`)).statusCode).toBe(400);
    const compare = await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations/compare.html?ids=${first.id},${second.id}&lang=zh-CN`);
    expect(compare.statusCode, compare.body).toBe(200);
    expect(compare.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(compare.body).toContain('other');
    expect((await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations/compare.html?ids=${first.id}`)).statusCode).toBe(400);

    expect((await t.call(owner, 'DELETE', `/api/evaluations/${first.id}`)).statusCode).toBe(204);
    expect((await t.call(owner, 'GET', `/api/evaluations/${first.id}`)).statusCode).toBe(404);
    expect((await t.call(owner, 'GET', `/api/projects/${project.id}/evaluations/compare.html?ids=${first.id},${second.id}`)).statusCode).toBe(404);
  });

  it('fails a run with a reason when nothing can be evaluated, and a run that is not done has no report file', async () => {
    const empty = await makeProject(t, owner, CLASS_XML, [{ data: { text: 'a' }, predictions: [{ result: choice('pos'), model_version: 'lonely' }] }]);
    const run = await evaluate(t, owner, empty.id, { source: { kind: 'predictions', modelVersion: 'lonely' }, reference: 'accepted' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/nothing to evaluate/);
    expect(run.report).toBeNull();
    const file = await t.call(owner, 'GET', `/api/evaluations/${run.id}/report.json`);
    expect(file.statusCode).toBe(409);
    expect(file.json().error.code).toBe('LAOSHI_EVALUATION_NOT_READY');
  });

  it('appears in the OpenAPI document', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/projects/{id}/evaluations', '/api/projects/{id}/evaluations/options', '/api/projects/{id}/evaluations/file', '/api/evaluations/{id}', '/api/evaluations/{id}/report.json', '/api/evaluations/{id}/report.html', '/api/projects/{id}/evaluations/compare.html']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
