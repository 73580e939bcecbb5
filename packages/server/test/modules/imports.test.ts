import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobRow } from '../../src/db/schema.js';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CONLL_2003, CVAT_COCO, IMAGE_CONFIG, LABELIMG_VOC, NER_CONFIG, TEXT_CONFIG, labelStudioExport, zipOf } from './imports-fixtures.js';
import { multipart, type UploadFile } from './media-fixtures.js';

interface TaskOut {
  id: number;
  data: Record<string, string>;
  meta: Record<string, unknown>;
  annotations: { completedBy: number | null; result: { type: string; from_name: string; value: Record<string, unknown> }[]; leadTime: number | null }[];
  predictions: { result: { value: Record<string, unknown> }[]; score: number | null; modelVersion: string }[];
}

describeEachDialect('imports', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let png: Buffer;

  const newProject = async (labelConfig: string) => (await t.call(manager, 'POST', '/api/projects', { title: 'Import', labelConfig })).json().id as number;

  async function importFiles(projectId: number, files: UploadFile[], fields: Record<string, string> = {}): Promise<JobRow> {
    const { payload, headers } = multipart(files, fields);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'import', projectId });
    return waitForJob(t.ctx, res.json().id as number, 20_000);
  }

  async function tasksOf(projectId: number): Promise<TaskOut[]> {
    const page = (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks?limit=1000`)).json() as { items: { id: number }[] };
    return Promise.all(page.items.map(async (item) => (await t.call(manager, 'GET', `/api/tasks/${item.id}`)).json() as TaskOut));
  }

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user({ email: `manager-${dialect}@example.com` });
    png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#777777' } }).png().toBuffer();
  });
  afterAll(async () => t.close());

  it('imports JSONL and JSON text tasks (BOM, CRLF) and reports counts as the job result', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const jsonl = '\ufeff{"text": "first"}\r\n{"data": {"text": "second"}, "meta": {"source": "web"}}\r\n\r\n';
    const json = JSON.stringify([{ text: 'third' }, { data: { text: '第四' } }]);
    const job = await importFiles(projectId, [{ filename: 'a.jsonl', content: jsonl }, { filename: 'b.json', content: json }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(JSON.parse(job.result!)).toMatchObject({ tasks: 4, annotations: 0, media: 0, files: [{ name: 'a.jsonl', kind: 'jsonl', tasks: 2 }, { name: 'b.json', kind: 'json', tasks: 2 }] });
    const tasks = await tasksOf(projectId);
    expect(tasks.map((x) => x.data.text)).toEqual(['first', 'second', 'third', '第四']);
    expect(tasks[1]!.meta).toEqual({ source: 'web' });
  });

  it('imports CSV and TSV (UTF-8 with a BOM) one task per row, columns as data', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const csv = '\ufefftext,lang\r\n"Hello, world",en\r\n"He said ""hi""",en\r\n';
    const tsv = 'text\tlang\n你好\tzh\n';
    const job = await importFiles(projectId, [{ filename: 'a.csv', content: csv }, { filename: 'b.tsv', content: tsv }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect((await tasksOf(projectId)).map((x) => x.data)).toEqual([{ text: 'Hello, world', lang: 'en' }, { text: 'He said "hi"', lang: 'en' }, { text: '你好', lang: 'zh' }]);
  });

  it('detects a GBK CSV (as Excel on Chinese Windows saves it) and stores the right characters, never mojibake', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const gbk = iconv.encode('text,城市\r\n今天天气很好,北京\r\n数据清洗与脱敏,上海\r\n', 'gbk');
    const job = await importFiles(projectId, [{ filename: '数据.csv', content: gbk }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(JSON.parse(job.result!).files[0]).toMatchObject({ encoding: 'gbk', tasks: 2 });
    expect((await tasksOf(projectId)).map((x) => x.data)).toEqual([{ text: '今天天气很好', 城市: '北京' }, { text: '数据清洗与脱敏', 城市: '上海' }]);
  });

  it('rejects a file that is neither UTF-8 nor GBK naming it, and keeps the good file beside it', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const binary = Buffer.from([0x74, 0x65, 0x78, 0x74, 0x0a, 0xff, 0xfe, 0x80, 0x81, 0xff, 0x00, 0x0a]);
    const job = await importFiles(projectId, [{ filename: 'good.csv', content: 'text\nok\n' }, { filename: 'latin.csv', content: binary }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/imported 1 tasks.*latin\.csv: is not UTF-8 text \(nor GBK\)/);
    expect(await tasksOf(projectId)).toHaveLength(1);
  });

  it('imports a Label Studio export: annotations by e-mail to users, unknown annotators kept anonymous, predictions with score and model', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const annotator = await t.user({ email: `ls-${dialect}@example.com` });
    const job = await importFiles(projectId, [{ filename: 'project-1-at-2024-03-01.json', content: labelStudioExport(annotator.email) }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const [task] = await tasksOf(projectId);
    expect(task!.data.image).toBe('/data/upload/1/a1b2c3-street.png');
    expect(task!.annotations.map((a) => a.completedBy)).toEqual([annotator.id, null]);
    expect(task!.annotations[0]).toMatchObject({ leadTime: 12.5, result: [{ type: 'rectanglelabels', value: { rectanglelabels: ['Car'] } }] });
    expect(task!.predictions).toEqual([expect.objectContaining({ score: 0.87, modelVersion: 'yolo-v8' })]);
  });

  it('turns existing labels into predictions when asked', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const job = await importFiles(projectId, [{ filename: 'export.json', content: labelStudioExport('nobody@example.com') }], { labelsAs: 'predictions' });
    expect(job.status, job.error ?? '').toBe('succeeded');
    const [task] = await tasksOf(projectId);
    expect(task!.annotations).toEqual([]);
    expect(task!.predictions).toHaveLength(3);
  });

  it('imports CVAT-style COCO with its image: the task points at the stored media, boxes and polygons fit the config', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const job = await importFiles(projectId, [{ filename: 'instances_default.json', content: CVAT_COCO }, { filename: 'street.png', content: png }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(JSON.parse(job.result!)).toMatchObject({ tasks: 1, media: 1, annotations: 1 });
    const [task] = await tasksOf(projectId);
    expect(task!.data.image).toMatch(/^\/api\/media\/\d+$/);
    expect(task!.meta).toMatchObject({ original_width: 640, original_height: 480, file_name: 'street.png' });
    const result = task!.annotations[0]!.result;
    expect(result.map((r) => [r.type, r.from_name])).toEqual([['rectanglelabels', 'box'], ['polygonlabels', 'poly']]);
    expect(result[0]!.value).toMatchObject({ x: 10, y: 10, width: 6.25, height: 6.25, rectanglelabels: ['Car'] });
    expect((await t.call(manager, 'GET', task!.data.image!)).headers['content-type']).toBe('image/png');
  });

  it('imports a labelImg VOC folder as a zip (images/ and Annotations/), and the image stays one task', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const zip = await zipOf([{ name: 'voc/JPEGImages/street.png', content: png }, { name: 'voc/Annotations/street.xml', content: LABELIMG_VOC }]);
    const job = await importFiles(projectId, [{ filename: 'voc.zip', content: zip }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const tasks = await tasksOf(projectId);
    expect(tasks).toHaveLength(1);
    const box = tasks[0]!.annotations[0]!.result[0]!.value;
    // labelImg's 1-based inclusive xmin 65 … xmax 104 is x 64 … 104 in continuous pixels.
    expect(box.x).toBeCloseTo(10, 6);
    expect(box.width).toBeCloseTo(6.25, 6);
    expect(box.y).toBeCloseTo(10, 6);
  });

  it('imports a YOLO dataset zip (classes.txt, CRLF label files) pairing labels/x.txt with images/x.png', async () => {
    const projectId = await newProject(IMAGE_CONFIG);
    const zip = await zipOf([
      { name: 'classes.txt', content: 'Car\r\nRoad\r\n' },
      { name: 'images/train/street.png', content: png },
      { name: 'labels/train/street.txt', content: '0 0.131250 0.131250 0.062500 0.062500\r\n1 0.5 0.916667 1.0 0.166667\r\n' },
      { name: 'images/train/empty.png', content: await sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } }).png().toBuffer() },
    ]);
    const job = await importFiles(projectId, [{ filename: 'yolo.zip', content: zip }], { labelsAs: 'predictions' });
    expect(job.status, job.error ?? '').toBe('succeeded');
    const tasks = await tasksOf(projectId);
    expect(tasks).toHaveLength(2);
    const labelled = tasks.find((x) => x.predictions.length > 0)!;
    expect(labelled.predictions[0]!.result.map((r) => r.value.rectanglelabels)).toEqual([['Car'], ['Road']]);
    expect(labelled.predictions[0]!.result[0]!.value).toMatchObject({ x: expect.closeTo(10, 4), width: expect.closeTo(6.25, 4) });
    expect(tasks.find((x) => x.predictions.length === 0)!.meta).toMatchObject({ original_width: 32 });
  });

  it('imports CoNLL-2003 (-DOCSTART-, IOB1 tags) as one task per sentence with exact entity offsets', async () => {
    const projectId = await newProject(NER_CONFIG);
    const job = await importFiles(projectId, [{ filename: 'eng.train', content: CONLL_2003 }], { format: 'conll', tagScheme: 'iob1' });
    expect(job.status, job.error ?? '').toBe('succeeded');
    const tasks = await tasksOf(projectId);
    expect(tasks.map((x) => x.data.text)).toEqual(['EU rejects German call to boycott British lamb .', 'Peter Blackburn']);
    const spans = tasks.map((x) => x.annotations[0]!.result.map((r) => `${(r.value.labels as string[])[0]}:${r.value.text as string}`));
    expect(spans).toEqual([['ORG:EU', 'MISC:German', 'MISC:British'], ['PER:Peter Blackburn']]);
  });

  it('keeps the tasks before a bad line and names the file and the line', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: `t${i}` }));
    lines.splice(25, 0, '{"text": "broken"');
    const job = await importFiles(projectId, [{ filename: 'big.jsonl', content: lines.join('\n') }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/big\.jsonl: JSON Lines line 26.*the 25 tasks before it were imported/);
    expect(await tasksOf(projectId)).toHaveLength(25);
  });

  it('names the task whose labels do not fit the label config', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const bad = JSON.stringify({ data: { text: 'x' }, annotations: [{ result: [{ id: 'a', from_name: 'nope', to_name: 'text', type: 'choices', value: { choices: ['positive'] } }] }] });
    const job = await importFiles(projectId, [{ filename: 'labels.jsonl', content: `{"text":"ok"}\n${bad}\n` }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/labels\.jsonl task 2: annotations\[0\]\.result/);
  });

  it('refuses unknown files and options with 400 before starting a job; other organizations get 404', async () => {
    const projectId = await newProject(TEXT_CONFIG);
    const { payload, headers } = multipart([{ filename: 'run.exe', content: 'MZ' }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^run\.exe: this kind of file is not imported/);
    const opt = multipart([{ filename: 'a.jsonl', content: '{"text":"x"}' }], { labelsAs: 'gold' });
    expect((await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload: opt.payload, headers: { ...opt.headers, authorization: `Bearer ${manager.token}` } })).json().error.field).toBe('labelsAs');
    const other = multipart([{ filename: 'a.jsonl', content: '{"text":"x"}' }]);
    expect((await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload: other.payload, headers: { ...other.headers, authorization: `Bearer ${t.otherAdmin.token}` } })).statusCode).toBe(404);
    expect((await t.call(manager, 'POST', `/api/projects/${projectId}/imports`, { urls: ['file:///etc/passwd'] })).statusCode).toBe(400);
  });
});
