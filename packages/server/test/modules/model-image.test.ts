import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeMedia } from '../../src/modules/media/media-service.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { finishedJob } from './model-fixtures.js';

// A tiny ONNX model made here, byte by byte (protobuf wire format of onnx.proto): Flatten, then
// MatMul with weights that average each colour channel — three features per image.

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
const field = (n: number, wire: number) => varint((n << 3) | wire);
const int = (n: number, value: number) => Buffer.concat([field(n, 0), varint(value)]);
const bytes = (n: number, value: Buffer | string) => {
  const b = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([field(n, 2), varint(b.length), b]);
};
const message = (n: number, ...parts: Buffer[]) => bytes(n, Buffer.concat(parts));
const dim = (d: number | string) => message(1, typeof d === 'number' ? int(1, d) : bytes(2, d));
/** ValueInfoProto: name and a float tensor type of the given shape. */
const valueInfo = (n: number, name: string, shape: (number | string)[]) => message(n, bytes(1, name), message(2, message(1, int(1, 1), message(2, ...shape.map(dim)))));

function channelMeanModel(size: number, channels = 3): Buffer {
  const pixels = size * size;
  const weights = new Float32Array(channels * pixels * 3);
  for (let c = 0; c < 3; c++) for (let i = 0; i < pixels; i++) weights[(c * pixels + i) * 3 + c] = 1 / pixels;
  const initializer = message(5, int(1, channels * pixels), int(1, 3), int(2, 1), bytes(8, 'W'), bytes(9, Buffer.from(weights.buffer)));
  const graph = Buffer.concat([
    message(1, bytes(1, 'image'), bytes(2, 'flat'), bytes(3, 'flatten'), bytes(4, 'Flatten')),
    message(1, bytes(1, 'flat'), bytes(1, 'W'), bytes(2, 'features'), bytes(3, 'matmul'), bytes(4, 'MatMul')),
    bytes(2, 'channel-means'),
    initializer,
    valueInfo(11, 'image', ['N', channels, size, size]),
    valueInfo(12, 'features', ['N', 3]),
  ]);
  return Buffer.concat([int(1, 8), bytes(7, graph), message(8, bytes(1, ''), int(2, 13))]);
}

const IMAGE_XML = `<View>
  <Image name="image" value="$image"/>
  <Choices name="color" toName="image">
    <Choice value="red"/>
    <Choice value="blue"/>
  </Choices>
</View>`;

/** A 16×16 PNG, mostly red or mostly blue, with a little variation by `i`. */
async function png(color: 'red' | 'blue', i: number): Promise<Buffer> {
  const raw = Buffer.alloc(16 * 16 * 3);
  for (let p = 0; p < 256; p++) {
    const strong = 180 + ((i * 13 + p) % 60);
    const weak = (i * 7 + p * 3) % 90;
    raw.set(color === 'red' ? [strong, weak, weak] : [weak, weak, strong], p * 3);
  }
  return sharp(raw, { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer();
}

function multipart(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'laoshiboundary42';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const choice = (value: string) => [{ id: 'c1', from_name: 'color', to_name: 'image', type: 'choices', value: { choices: [value] } }];

describeEachDialect('built-in image classifier on ONNX features', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let projectId: number;
  let taskIds: number[];
  const upload = (fileName: string, content: Buffer) => {
    const { payload, headers } = multipart(fileName, content);
    return t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/model-files`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Colours', labelConfig: IMAGE_XML })).json().id;
    const colors = Array.from({ length: 24 }, (_, i): 'red' | 'blue' => (i % 2 ? 'red' : 'blue'));
    const tasks = await Promise.all(colors.map(async (c, i) => ({ data: { image: `data:image/png;base64,${(await png(c, i)).toString('base64')}` } })));
    // One image lives in the project's media store, as uploads do.
    const media = await storeMedia(t.ctx, { organizationId: manager.organizationId, projectId, createdBy: manager.id, fileName: 'red.png', body: Readable.from([await png('red', 99)]) });
    tasks.push({ data: { image: `/api/media/${media.id}` } });
    colors.push('red');
    await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, tasks);
    taskIds = ((await t.call(manager, 'GET', `/api/projects/${projectId}/tasks?limit=100`)).json().items as { id: number }[]).map((x) => x.id);
    for (let i = 0; i < 20; i++) await t.call(manager, 'POST', `/api/tasks/${taskIds[i]}/annotations`, { result: choice(colors[i]!) });
  });
  afterAll(async () => t.close());

  it('takes an ONNX feature model and reads its input size', async () => {
    const res = await upload('means.onnx', channelMeanModel(8));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'means.onnx', meta: { inputName: 'image', outputName: 'features', height: 8, width: 8, featureSize: 3 } });
  });

  it('refuses a file that is not an ONNX image model, naming the file field', async () => {
    const junk = await upload('junk.onnx', Buffer.from('not a model'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error).toMatchObject({ code: 'LAOSHI_BAD_FILE', field: 'file' });
    const grey = await upload('grey.onnx', channelMeanModel(8, 1));
    expect(grey.statusCode).toBe(400);
    expect(grey.json().error.message).toMatch(/\[N, 3, H, W\]/);
  });

  it('trains a classifier head on the features, and predicts unlabelled images right', async () => {
    const files = (await t.call(manager, 'GET', `/api/projects/${projectId}/model-files`)).json() as { id: number }[];
    const started = await t.call(manager, 'POST', `/api/projects/${projectId}/model-versions`, { kind: 'image-classifier', featureFileId: files[0]!.id, epochs: 30, validationSplit: 0.25, seed: 2 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await finishedJob(t, manager, started.json().jobId);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ name: 'laoshi-image-classifier:v1', predictions: 25, validationExamples: 6 });
    expect((job.result as { final: { validationAccuracy: number } }).final.validationAccuracy).toBe(1);
    const rows = await t.ctx.db.kysely.selectFrom('predictions').select(['task_id', 'result', 'score']).where('project_id', '=', projectId).orderBy('task_id').execute();
    const guesses = rows.map((r) => (JSON.parse(r.result) as { value: { choices: string[] } }[])[0]!.value.choices[0]);
    expect(guesses.slice(20)).toEqual(['blue', 'red', 'blue', 'red', 'red']);
    const evaluation = (await t.call(manager, 'GET', `/api/model-versions/${started.json().modelVersion.id}/evaluation`)).json();
    expect(evaluation.annotations.report.accuracy).toBe(1);
  });
});
