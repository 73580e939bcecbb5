import { readCoco, readConll, readVoc, readYoloDataYaml, readYoloLabels } from '@laoshi/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { IMAGE_CONFIG, TEXT_CONFIG, box, choice, createProject, exportFile, importTasks, note, polygon, span, unzip } from './export-fixtures.js';

// Every export format, parsed back with an independent reader (core's readers, csv-parse,
// hyparquet, yauzl) and checked against the annotations that went in.

const TEXT = 'Alice lives in Paris\nBob called 13800138000 today';
const FORMULA = '=HYPERLINK("http://evil.example/x")';

interface Seed {
  image: number;
  text: number;
  annotator: TestUser;
  taskIds: number[];
}

async function seed(t: TestApp): Promise<Seed> {
  const annotator = await t.user();
  const image = await createProject(t, t.admin, IMAGE_CONFIG, 'Street scenes');
  const taskIds = await importTasks(t, t.admin, image, [
    {
      data: { image: 'photos/a.jpg' },
      annotations: [{ completed_by: annotator.email, lead_time: 12.5, result: [box('b1', 'Car', 12.345678, 20, 30, 40), polygon('p1', [[10, 10], [50, 10], [30, 60]]), note(FORMULA)] }],
    },
    {
      data: { image: 'photos/b.png' },
      meta: { original_width: 800, original_height: 600 },
      annotations: [{ result: [box('b2', 'Road', 0, 0, 50, 50, false)] }],
      predictions: [{ result: [box('pb', 'Car', 1, 2, 3, 4)], score: 0.9, model_version: 'yolo-v8' }],
    },
    { data: { image: 'https://cdn.example.com/c.jpg?size=large' } },
  ]);
  const text = await createProject(t, t.admin, TEXT_CONFIG, 'NER');
  await importTasks(t, t.admin, text, [
    { data: { text: TEXT }, annotations: [{ completed_by: annotator.email, result: [span('s1', 'PER', 0, 5, TEXT), span('s2', 'LOC', 15, 20, TEXT), span('s3', 'PER', 21, 24, TEXT), choice('positive')] }] },
    { data: { text: 'Nobody labelled this' } },
  ]);
  return { image, text, annotator, taskIds };
}

describeEachDialect('export formats', (dialect) => {
  let t: TestApp;
  let s: Seed;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    s = await seed(t);
  });
  afterAll(async () => t.close());

  it('COCO: boxes and polygons in pixels within 1e-6, categories from the config, unlabelled images left out', async () => {
    const coco = JSON.parse((await exportFile(t, t.admin, s.image, { format: 'coco' })).toString()) as {
      images: { id: number; file_name: string; width: number; height: number }[];
      annotations: { image_id: number; category_id: number; bbox: number[]; segmentation: number[][]; area: number }[];
      categories: { id: number; name: string }[];
    };
    expect(coco.categories.map((c) => [c.id, c.name])).toEqual([[1, 'Car'], [2, 'Road'], [3, 'Person']]);
    expect(coco.images).toEqual([
      { id: 1, file_name: 'photos/a.jpg', width: 640, height: 480 },
      { id: 2, file_name: 'photos/b.png', width: 800, height: 600 },
    ]);
    const [car, person, road] = coco.annotations;
    const close = (got: number[] | undefined, want: number[]) => want.forEach((v, i) => expect(Math.abs((got?.[i] ?? NaN) - v)).toBeLessThan(1e-6));
    close(car?.bbox, [(12.345678 * 640) / 100, 96, 192, 192]);
    expect(car).toMatchObject({ image_id: 1, category_id: 1, segmentation: [] });
    close(person?.segmentation[0], [64, 48, 320, 48, 192, 288]);
    close(person?.bbox, [64, 48, 256, 240]);
    expect(person).toMatchObject({ category_id: 3, area: 0.5 * 256 * 240 });
    close(road?.bbox, [0, 0, 400, 300]);
    expect(road).toMatchObject({ image_id: 2, category_id: 2 });

    // Core's COCO reader gets the same regions back, in percent.
    const tasks = [];
    for await (const task of readCoco(JSON.stringify(coco))) tasks.push(task);
    const value = tasks[0]?.annotations?.[0]?.result[0]?.value as { x: number; width: number };
    expect(value.x).toBeCloseTo(12.345678, 6);
    expect(value.width).toBeCloseTo(30, 6);
  });

  it('YOLO: a zip with normalised labels per image, classes.txt and data.yaml', async () => {
    const files = await unzip(await exportFile(t, t.admin, s.image, { format: 'yolo' }));
    expect([...files.keys()].sort()).toEqual(['classes.txt', 'data.yaml', 'labels/a.txt', 'labels/b.txt']);
    expect(files.get('classes.txt')?.toString()).toBe('Car\nRoad\nPerson\n');
    expect(readYoloDataYaml(files.get('data.yaml')!.toString())).toEqual(['Car', 'Road', 'Person']);
    const a = files.get('labels/a.txt')!.toString().trim().split('\n');
    expect(a[0]?.split(' ').map(Number)).toEqual([0, 0.273457, 0.4, 0.3, 0.4]);
    expect(a[1]).toBe('2 0.1 0.1 0.5 0.1 0.3 0.6');
    expect(files.get('labels/b.txt')?.toString()).toBe('1 0.25 0.25 0.5 0.5\n');
    const regions = readYoloLabels(files.get('labels/a.txt')!.toString(), { names: ['Car', 'Road', 'Person'] });
    expect(regions[0]).toMatchObject({ type: 'rectanglelabels', value: { rectanglelabels: ['Car'] } });
  });

  it('Pascal VOC: a zip of XML files with 1-based pixel boxes that readVoc reads back', async () => {
    const files = await unzip(await exportFile(t, t.admin, s.image, { format: 'voc' }));
    expect([...files.keys()].sort()).toEqual(['Annotations/a.xml', 'Annotations/b.xml']);
    const a = readVoc(files.get('Annotations/a.xml')!.toString());
    expect(a.data.image).toBe('a.jpg');
    expect(a.meta).toMatchObject({ original_width: 640, original_height: 480 });
    const names = a.annotations?.[0]?.result.map((r) => (r.value as { rectanglelabels: string[] }).rectanglelabels[0]);
    expect(names).toEqual(['Car', 'Person']);
    const xml = files.get('Annotations/b.xml')!.toString();
    expect(xml).toContain('<xmin>1</xmin>');
    expect(xml).toContain('<xmax>400</xmax>');
    expect(xml).toContain('<ymax>300</ymax>');
  });

  it('CoNLL: BIO tags per token, one document per labelled task', async () => {
    const text = (await exportFile(t, t.admin, s.text, { format: 'conll' })).toString();
    expect(text).toBe('-DOCSTART- O\n\nAlice B-PER\nlives O\nin O\nParis B-LOC\n\nBob B-PER\ncalled O\n13800138000 O\ntoday O\n\n');
    const back = [];
    for await (const task of readConll(text, { per: 'document' })) back.push(task);
    expect(back).toHaveLength(1);
    expect(back[0]?.annotations?.[0]?.result.map((r) => [(r.value as { text: string }).text, (r.value as { labels: string[] }).labels[0]])).toEqual([
      ['Alice', 'PER'], ['Paris', 'LOC'], ['Bob', 'PER'],
    ]);
  });

  it('CSV: one row per annotation, formula cells neutralised, readable with a BOM-aware parser', async () => {
    const csv = (await exportFile(t, t.admin, s.image, { format: 'csv' })).toString();
    expect(csv.startsWith('\uFEFFid,image,annotation_id,annotator,label,poly,note,lead_time,created_at,updated_at\r\n')).toBe(true);
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const [a, b, c] = rows;
    expect(a).toMatchObject({ id: String(s.taskIds[0]), image: 'photos/a.jpg', annotator: s.annotator.email, note: `'${FORMULA}`, lead_time: '12.5' });
    expect(JSON.parse(a!.label!)).toEqual([{ id: 'b1', x: 12.345678, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: ['Car'] }]);
    expect(b).toMatchObject({ annotator: '', label: expect.stringContaining('Road') });
    expect(c).toMatchObject({ image: 'https://cdn.example.com/c.jpg?size=large', annotation_id: '', label: '' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('Parquet: one row per region or per task, read back with hyparquet', async () => {
    const regions = await parquetReadObjects({ file: toArrayBuffer(await exportFile(t, t.admin, s.image, { format: 'parquet' })) });
    expect(regions.map((r) => [r.region_id, r.type, r.label])).toEqual([
      ['b1', 'rectanglelabels', 'Car'], ['p1', 'polygonlabels', 'Person'], ['n1', 'textarea', null], ['b2', 'rectanglelabels', 'Road'],
    ]);
    expect(regions[0]).toMatchObject({ task_id: s.taskIds[0], x: 12.345678, y: 20, width: 30, height: 40, original_width: 640, annotator: s.annotator.email });
    expect(JSON.parse(String(regions[1]?.points))).toEqual([[10, 10], [50, 10], [30, 60]]);
    expect(regions[2]).toMatchObject({ note: FORMULA });

    const tasks = await parquetReadObjects({ file: toArrayBuffer(await exportFile(t, t.admin, s.image, { format: 'parquet', parquetRows: 'task' })) });
    expect(tasks.map((r) => [r.task_id, r.image, r.annotation_count, r.labels])).toEqual([
      [s.taskIds[0], 'photos/a.jpg', 1, '["Car","Person"]'], [s.taskIds[1], 'photos/b.png', 1, '["Road"]'], [s.taskIds[2], 'https://cdn.example.com/c.jpg?size=large', 0, null],
    ]);
    expect(tasks[0]?.task_created_at).toBeInstanceOf(Date);
    expect(JSON.parse(String(tasks[0]?.result))).toHaveLength(3);
  });

  it('Label Studio JSON: an array of tasks that imports back into a new project unchanged', async () => {
    const file = (await exportFile(t, t.admin, s.image, { format: 'label-studio' })).toString();
    const tasks = JSON.parse(file) as { id: number; data: unknown; annotations: { completed_by: { email: string } | null; result: unknown[] }[]; predictions: { model_version: string; score: number }[] }[];
    expect(tasks.map((x) => x.id)).toEqual(s.taskIds);
    expect(tasks[0]?.annotations[0]?.completed_by?.email).toBe(s.annotator.email);
    expect(tasks[1]?.predictions[0]).toMatchObject({ model_version: 'yolo-v8', score: 0.9 });
    const copy = await createProject(t, t.admin, IMAGE_CONFIG, 'Copy');
    const ids = await importTasks(t, t.admin, copy, tasks);
    const back = (await t.call(t.admin, 'GET', `/api/tasks/${ids[0]}`)).json();
    expect(back.annotations[0]).toMatchObject({ completedBy: s.annotator.id, result: tasks[0]?.annotations[0]?.result });
    expect(back.data).toEqual({ image: 'photos/a.jpg' });
  });

  it('Laoshi JSON: lossless, with annotation versions, sources and predictions', async () => {
    const taskId = s.taskIds[1]!;
    const annotationId = (await t.call(t.admin, 'POST', `/api/tasks/${taskId}/annotations`, { result: [box('x1', 'Car', 5, 5, 10, 10)] })).json().id as number;
    await t.call(t.admin, 'PATCH', `/api/annotations/${annotationId}`, { result: [box('x1', 'Road', 5, 5, 10, 10)], version: 1 });
    const doc = JSON.parse((await exportFile(t, t.admin, s.image, { format: 'laoshi' })).toString());
    expect(doc).toMatchObject({ format: 'laoshi', version: 1, project: { id: s.image, title: 'Street scenes' } });
    expect(doc.project.labelConfig.controls.map((c: { name: string }) => c.name)).toEqual(['label', 'poly', 'note']);
    const task = doc.tasks.find((x: { id: number }) => x.id === taskId);
    expect(task.meta).toEqual({ original_width: 800, original_height: 600 });
    expect(task.annotations.map((a: { source: string; version: number; completedBy: number | null }) => [a.source, a.version, a.completedBy])).toEqual([
      ['import', 1, null], ['user', 2, t.admin.id],
    ]);
    expect(task.predictions[0]).toMatchObject({ score: 0.9, modelVersion: 'yolo-v8' });
    await t.call(t.admin, 'DELETE', `/api/annotations/${annotationId}`);
  });

  it('JSONL: one Label Studio task per line; maskPii masks text in place, keeping offsets', async () => {
    const plain = (await exportFile(t, t.admin, s.text, { format: 'jsonl' })).toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(plain).toHaveLength(2);
    expect(plain[0].data.text).toBe(TEXT);
    const masked = (await exportFile(t, t.admin, s.text, { format: 'jsonl', maskPii: true })).toString().trim().split('\n').map((l) => JSON.parse(l));
    const text = masked[0].data.text as string;
    expect(text).toBe(TEXT.replace('13800138000', '138****8000'));
    expect(text).toHaveLength(TEXT.length);
    expect(masked[0].annotations[0].result[2].value.text).toBe('Bob');
  });

  it('streams a small export directly, as an attachment', async () => {
    const res = await t.call(t.admin, 'GET', `/api/projects/${s.text}/export?format=conll`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="project-\d+\.conll"/);
    expect(res.body).toContain('Paris B-LOC');
    const labeled = await t.call(t.admin, 'GET', `/api/projects/${s.image}/export?format=jsonl&labeled=true&minAnnotations=1`);
    expect(labeled.body.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(s.taskIds.slice(0, 2));
    const unlabeled = await t.call(t.admin, 'GET', `/api/projects/${s.image}/export?format=jsonl&labeled=false`);
    expect(unlabeled.body.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(s.taskIds.slice(2));
  });
});

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
