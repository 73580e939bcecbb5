import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { BOX_XML, NER_XML, acceptAll, box, evaluate, finished, makeProject, multipart, span, uploadFile } from './evaluation-fixtures.js';

const POLY_XML = `<View>
  <Image name="image" value="$image"/>
  <PolygonLabels name="shape" toName="image"><Label value="Lake"/></PolygonLabels>
</View>`;

const SIZE = { original_width: 200, original_height: 100 };
// On a 200×100 image, the truth (0, 0, 50%, 50%) is 100×50 px = 5,000 px² (medium); the
// detection (0, 0, 50%, 100%) is 100×100 px. Their IoU is 5,000 / 10,000 = exactly 0.5.
const TRUTH = box('g1', 'Car', 0, 0, 50, 50, SIZE);
const HALF = box('d1', 'Car', 0, 0, 50, 100, { ...SIZE, score: 0.9 });

describeEachDialect('evaluations: detection (COCO) and NER', (dialect) => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.user();
  });
  afterAll(async () => t.close());

  it('scores a detection at IoU exactly 0.5: AP50 = 1, AP75 = 0, AP = 0.1 (one threshold of ten)', async () => {
    const p = await makeProject(t, owner, BOX_XML, [{ data: { image: 'a.jpg' }, annotations: [{ result: [TRUTH] }], predictions: [{ result: [HALF], model_version: 'det-v1' }] }]);
    await acceptAll(t, owner, p.taskIds);
    const run = await evaluate(t, owner, p.id, { source: { kind: 'predictions', modelVersion: 'det-v1' }, reference: 'accepted' });
    expect(run.status, run.error ?? '').toBe('done');
    expect(run.kind).toBe('detection');
    const d = run.report!.metrics.detection!;
    expect(d.iouType).toBe('bbox');
    // pycocotools divides by tp + fp + ε, so "1" is 1 − 2⁻⁵² here as there.
    expect(d.summary).toMatchObject({ AP75: 0, APs: -1, APl: -1, AR1: 0.1, AR100: 0.1 });
    expect(d.summary.AP50).toBeCloseTo(1, 12);
    expect(d.summary.AP).toBeCloseTo(0.1, 12);
    expect(d.summary.APm).toBeCloseTo(0.1, 12);
    expect(Object.keys(d.perCategory)).toEqual(['Car']);
    expect(d.precisionAt50.Car!.every((p) => Math.abs(p - 1) < 1e-12)).toBe(true);
    expect(d.precisionAt50.Car).toHaveLength(101);
    expect(run.headline).toEqual({ AP: d.summary.AP, AP50: d.summary.AP50, AR100: d.summary.AR100 });
  });

  it('reads a COCO results file by file name, counts an image without detections as missed, and lists unknown images', async () => {
    const tasks = ['a.jpg', 'b.jpg', 'c.jpg'].map((name, i) => ({
      data: { image: `https://example.com/${name}`, site: i === 0 ? 'x' : 'y' },
      meta: { file_name: name, original_width: 200, original_height: 100 },
      annotations: [{ result: [box(`g${i}`, 'Car', 0, 0, 50, 50, SIZE)] }],
    }));
    const p = await makeProject(t, owner, BOX_XML, tasks);
    await acceptAll(t, owner, p.taskIds);
    const coco = {
      categories: [{ id: 1, name: 'Car' }, { id: 2, name: 'Bus' }],
      images: [{ id: 10, file_name: 'a.jpg' }, { id: 11, file_name: 'photos/b.jpg' }, { id: 12, file_name: 'zzz.jpg' }],
      results: [
        { image_id: 10, category_id: 1, bbox: [0, 0, 100, 100], score: 0.9 },
        { image_id: 12, category_id: 1, bbox: [0, 0, 10, 10], score: 0.8 },
        { image_id: 10, category_id: 2, bbox: [0, 0, 10, 10], score: 0.7 },
      ],
    };
    const res = await uploadFile(t, owner, p.id, { name: 'results.json', content: JSON.stringify(coco) }, { reference: 'accepted', sliceBy: 'site' });
    expect(res.statusCode, res.body).toBe(202);
    const run = await finished(t, owner, res.json());
    expect(run.status, run.error ?? '').toBe('done');
    // a.jpg: the 0.5-IoU hit; b.jpg (by base name): listed, no detection; c.jpg: not in the file.
    expect(run.report).toMatchObject({ items: 2, withoutPrediction: 1, withoutReference: 1 });
    const s = run.report!.metrics.detection!.summary;
    // One of three truths found at IoU 0.5 with precision 1: recall points 0…0.33 → 34 of 101.
    expect(s.AP50).toBeCloseTo(34 / 101, 12);
    expect(s.AP75).toBe(0);
    expect(s.AP).toBeCloseTo(34 / 101 / 10, 12);
    expect(run.warnings.join('\n')).toContain('(by file_name): 12');
    expect(run.warnings.join('\n')).toContain('Bus');
    const slices = run.report!.slices!;
    expect(slices.slices.map((x) => [x.value, x.items, Number(x.headline.AP50!.toFixed(12))])).toEqual([['x', 1, 1], ['y', 2, 0]]);
    expect(slices.gaps.AP50).toMatchObject({ best: 'x', worst: 'y' });
    expect(slices.gaps.AP50!.gap).toBeCloseTo(1, 12);

    // A bare results list cannot be mapped; RLE masks are refused; a detection of an unknown category is named.
    const bad = async (content: unknown) => {
      const r = await uploadFile(t, owner, p.id, { name: 'r.json', content: JSON.stringify(content) }, { reference: 'accepted' });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.field).toBe('file');
      return r.json().error.message as string;
    };
    expect(await bad(coco.results)).toMatch(/categories/);
    expect(await bad({ ...coco, results: [{ image_id: 10, category_id: 9, bbox: [0, 0, 1, 1], score: 1 }] })).toContain('results[0].category_id');
    expect(await bad({ ...coco, results: [{ image_id: 10, category_id: 1, segmentation: { size: [1, 1], counts: 'a' }, score: 1 }] })).toContain('segmentation');
  });

  it('treats image ids as task ids when a COCO file lists no images, and evaluates polygons as segmentation', async () => {
    const square = (id: string, x: number, extra: Record<string, unknown> = {}) => ({
      id, from_name: 'shape', to_name: 'image', type: 'polygonlabels', value: { points: [[x, 0], [x + 50, 0], [x + 50, 100], [x, 100]], polygonlabels: ['Lake'] }, ...SIZE, ...extra,
    });
    const p = await makeProject(t, owner, POLY_XML, [{ data: { image: 'p.jpg' }, meta: SIZE, annotations: [{ result: [square('g', 0)] }] }]);
    await acceptAll(t, owner, p.taskIds);
    // The detected polygon covers the right half of the truth and as much again: IoU 1/3.
    const coco = { categories: [{ id: 3, name: 'Lake' }], results: [{ image_id: p.taskIds[0], category_id: 3, segmentation: [[50, 0, 150, 0, 150, 100, 50, 100]], score: 0.5 }] };
    const run = await finished(t, owner, (await uploadFile(t, owner, p.id, { name: 'seg.json', content: JSON.stringify(coco) }, { reference: 'accepted' })).json());
    expect(run.kind).toBe('segmentation');
    expect(run.report!.metrics.detection!.iouType).toBe('segm');
    expect(run.report!.metrics.detection!.summary.AP50).toBe(0);
    expect(run.report).toMatchObject({ items: 1, withoutPrediction: 0 });
    const options = (await t.call(owner, 'GET', `/api/projects/${p.id}/evaluations/options`)).json();
    expect(options.controls).toEqual([{ fromName: 'shape', type: 'polygonlabels', kinds: ['segmentation', 'detection'] }]);
  });

  it('matches a COCO results file to tasks by the image ids a COCO import recorded', async () => {
    const project = (await t.call(owner, 'POST', '/api/projects', { title: 'COCO eval', labelConfig: BOX_XML })).json().id as number;
    // Image ids far from any task id, as in a real COCO file.
    const gt = {
      images: [{ id: 9001, file_name: 'a.jpg', width: 200, height: 100 }, { id: 9002, file_name: 'b.jpg', width: 200, height: 100 }],
      categories: [{ id: 3, name: 'Car' }],
      annotations: [
        { id: 1, image_id: 9001, category_id: 3, bbox: [0, 0, 100, 50], area: 5000, iscrowd: 0 },
        { id: 2, image_id: 9002, category_id: 3, bbox: [100, 50, 100, 50], area: 5000, iscrowd: 0 },
      ],
    };
    const { payload, headers } = multipart({ name: 'instances.json', content: JSON.stringify(gt) });
    const imported = await t.app.inject({ method: 'POST', url: `/api/projects/${project}/imports`, payload, headers: { ...headers, authorization: `Bearer ${owner.token}` } });
    expect(imported.statusCode, imported.body).toBe(202);
    await t.ctx.jobs.wait(imported.json().id as number, 20_000);
    const page = (await t.call(owner, 'GET', `/api/projects/${project}/tasks?limit=10`)).json() as { items: { id: number }[] };
    const taskIds = page.items.map((x) => x.id);
    expect(taskIds).toHaveLength(2);
    await acceptAll(t, owner, taskIds);
    // The detector found image 9001's car exactly and missed image 9002's (a box elsewhere).
    const results = {
      categories: gt.categories,
      results: [
        { image_id: 9001, category_id: 3, bbox: [0, 0, 100, 50], score: 0.9 },
        { image_id: 9002, category_id: 3, bbox: [0, 0, 20, 20], score: 0.8 },
      ],
    };
    const run = await finished(t, owner, (await uploadFile(t, owner, project, { name: 'detections.json', content: JSON.stringify(results) }, { reference: 'accepted' })).json());
    expect(run.status, run.error ?? '').toBe('done');
    expect(run.warnings).toEqual([]);
    expect(run.report).toMatchObject({ items: 2, withoutPrediction: 0, withoutReference: 0 });
    // One of two cars found, at IoU 1, ranked first: precision 1 at the 51 recall points 0…0.5 of 101
    // and 0 beyond, so AP50 = 51/101; AR100 = 0.5.
    const d = run.report!.metrics.detection!;
    expect(d.summary.AP50).toBeCloseTo(51 / 101, 12);
    expect(d.summary.AR100).toBeCloseTo(0.5, 12);
  });

  it('counts NER spans exactly and by overlap, with a task without prediction as all missed', async () => {
    const text = 'Alice met Bob in Paris';
    const reference = [span('a', 'PER', 0, 5), span('b', 'PER', 10, 13), span('c', 'LOC', 17, 22)];
    // PER 0–5 exact; PER 10–12 and LOC 16–22 only overlap; LOC 6–9 overlaps nothing.
    const predicted = [span('a', 'PER', 0, 5), span('b', 'PER', 10, 12), span('c', 'LOC', 16, 22), span('d', 'LOC', 6, 9)];
    const p = await makeProject(t, owner, NER_XML, [
      { data: { text }, annotations: [{ result: reference }], predictions: [{ result: predicted, model_version: 'ner-v1' }] },
      { data: { text: 'Bob' }, annotations: [{ result: [span('e', 'PER', 0, 3)] }] },
    ]);
    await acceptAll(t, owner, p.taskIds);
    const exact = await evaluate(t, owner, p.id, { source: { kind: 'predictions', modelVersion: 'ner-v1' }, reference: 'accepted' });
    expect(exact.status, exact.error ?? '').toBe('done');
    expect(exact.report).toMatchObject({ kind: 'ner', items: 1, withoutPrediction: 1 });
    const e = exact.report!.metrics.ner!;
    expect(e.match).toBe('exact');
    // TP 1, FP 3, FN 2 + 1 (the unpredicted task's Bob).
    expect(e.micro).toMatchObject({ truePositives: 1, falsePositives: 3, falseNegatives: 3 });
    expect(e.micro.precision).toBeCloseTo(1 / 4, 12);
    expect(e.micro.recall).toBeCloseTo(1 / 4, 12);
    expect(e.perLabel.PER).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(e.perLabel.LOC).toMatchObject({ truePositives: 0, falsePositives: 2, falseNegatives: 1, precision: 0, recall: 0, f1: 0 });

    const overlap = await evaluate(t, owner, p.id, { source: { kind: 'predictions', modelVersion: 'ner-v1' }, reference: 'accepted', nerMatch: 'overlap' });
    const o = overlap.report!.metrics.ner!;
    expect(o.match).toBe('overlap');
    expect(o.micro).toMatchObject({ truePositives: 3, falsePositives: 1, falseNegatives: 1 });
    expect(overlap.headline!.precision).toBeCloseTo(3 / 4, 12);
    expect(overlap.headline!.recall).toBeCloseTo(3 / 4, 12);
    expect(overlap.headline!.f1).toBeCloseTo(3 / 4, 12);
  });
});
