import yauzl from 'yauzl';
import { expect } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import type { TestApp, TestUser } from '../helpers/test-app.js';

export const IMAGE_CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Person"/></PolygonLabels>
  <TextArea name="note" toName="image"/>
</View>`;

export const TEXT_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices>
</View>`;

export const W = 640;
export const H = 480;

/** A box in percent on a 640×480 image. */
export const box = (id: string, label: string, x: number, y: number, w: number, h: number, size = true) => ({
  id, from_name: 'label', to_name: 'image', type: 'rectanglelabels',
  ...(size ? { original_width: W, original_height: H } : {}),
  value: { x, y, width: w, height: h, rotation: 0, rectanglelabels: [label] },
});

export const polygon = (id: string, points: [number, number][]) => ({
  id, from_name: 'poly', to_name: 'image', type: 'polygonlabels', original_width: W, original_height: H, value: { points, closed: true, polygonlabels: ['Person'] },
});

export const note = (text: string) => ({ id: 'n1', from_name: 'note', to_name: 'image', type: 'textarea', value: { text: [text] } });

export const span = (id: string, label: string, start: number, end: number, text: string) => ({
  id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(start, end), labels: [label] },
});

export const choice = (value: string) => ({ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [value] } });

export async function createProject(t: TestApp, owner: TestUser, labelConfig: string, title = 'Export me'): Promise<number> {
  const res = await t.call(owner, 'POST', '/api/projects', { title, labelConfig });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

/** Imports Label Studio-style tasks; returns the new task ids in order. */
export async function importTasks(t: TestApp, owner: TestUser, projectId: number, tasks: unknown[]): Promise<number[]> {
  const before = new Set(await taskIds(t, owner, projectId));
  const res = await t.call(owner, 'POST', `/api/projects/${projectId}/tasks`, tasks);
  expect(res.statusCode, res.body).toBe(201);
  return (await taskIds(t, owner, projectId)).filter((id) => !before.has(id));
}

export async function taskIds(t: TestApp, owner: TestUser, projectId: number): Promise<number[]> {
  const res = await t.call(owner, 'GET', `/api/projects/${projectId}/tasks?limit=1000`);
  return (res.json().items as { id: number }[]).map((x) => x.id);
}

export interface VersionBody {
  id: number;
  status: string;
  sha256: string | null;
  size: number | null;
  counts: { tasks: number; annotations: number; predictions: number; regions: number; labels: Record<string, number> } | null;
  error: string | null;
  fileName: string;
  jobId: number | null;
}

/** Creates a dataset version through the API and waits for its job; returns the version. */
export async function createVersion(t: TestApp, user: TestUser, projectId: number, body: Record<string, unknown>): Promise<VersionBody> {
  const res = await t.call(user, 'POST', `/api/projects/${projectId}/exports`, body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId, datasetVersionId } = res.json() as { jobId: number; datasetVersionId: number };
  await waitForJob(t.ctx, jobId, 30_000);
  return (await t.call(user, 'GET', `/api/dataset-versions/${datasetVersionId}`)).json() as VersionBody;
}

/** The downloaded file of a ready version. */
export async function download(t: TestApp, user: TestUser, versionId: number): Promise<Buffer> {
  const res = await t.call(user, 'GET', `/api/dataset-versions/${versionId}/download`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res.rawPayload;
}

/** Exports through a dataset version and returns the file. */
export async function exportFile(t: TestApp, user: TestUser, projectId: number, body: Record<string, unknown>): Promise<Buffer> {
  const version = await createVersion(t, user, projectId, body);
  expect(version.status, version.error ?? '').toBe('ready');
  return download(t, user, version.id);
}

/** Every file of a zip, read with yauzl (an independent reader); with `only`, just those files' bytes (the others map to empty buffers). */
export function unzip(buffer: Buffer, only?: ReadonlySet<string>): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (only && !only.has(entry.fileName)) {
          files.set(entry.fileName, Buffer.alloc(0));
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
