import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import type { JobRow } from '../../src/db/schema.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { createProject, importTasks, taskIds, unzip } from './export-fixtures.js';
import { zipOf } from './imports-fixtures.js';
import { annotate, carTrack, testVideo, uploadMedia, VIDEO_CONFIG } from './media-export-fixtures.js';
import { multipart, type UploadFile } from './media-fixtures.js';

interface Track {
  id: string;
  type: string;
  from_name: string;
  to_name: string;
  value: { labels?: string[]; framesCount?: number; sequence: { frame: number; x: number; width: number; enabled: boolean; time?: number }[] };
}

// gt/gt.txt as CVAT's "MOT 1.1" export writes it (frame,id,x,y,w,h,not-ignored,class,visibility) for
// a 320 × 240 video: a car (class 1) moving 3.2 px a frame on frames 1–10, a person (class 2) seen
// on frames 1–3 and 8–10 only.
const CVAT_GT = [
  ...Array.from({ length: 10 }, (_, i) => `${i + 1},1,${(32 + 3.2 * i).toFixed(1)},48.0,80.0,120.0,1,1,1.0`),
  ...[1, 2, 3, 8, 9, 10].map((f) => `${f},2,160.0,24.0,32.0,96.0,1,2,0.8`),
].join('\n');

describeEachDialect('imports of MOT and Label Studio video', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let video: Buffer;

  async function importFiles(projectId: number, files: UploadFile[]): Promise<JobRow> {
    const { payload, headers } = multipart(files);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(t.ctx, res.json().id as number, 30_000);
  }
  const tracksOf = async (projectId: number): Promise<Track[]> => {
    const [id] = await taskIds(t, manager, projectId);
    const task = (await t.call(manager, 'GET', `/api/tasks/${id}`)).json() as { data: { video: string }; annotations: { result: Track[] }[] };
    expect(task.data.video).toMatch(/^\/api\/media\/\d+$/);
    return task.annotations[0]?.result ?? [];
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user({ email: `mot-manager-${dialect}@example.com` });
    video = testVideo();
  });
  afterAll(async () => t.close());

  it('imports a CVAT "MOT 1.1" zip with its video as one task whose objects are keyframed tracks', async () => {
    const projectId = await createProject(t, manager, VIDEO_CONFIG, 'MOT');
    const zip = await zipOf([{ name: 'gt/gt.txt', content: CVAT_GT }, { name: 'gt/labels.txt', content: 'Car\nPerson\n' }, { name: 'drive.mp4', content: video }]);
    const job = await importFiles(projectId, [{ filename: 'cvat-mot.zip', content: zip }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(JSON.parse(job.result!)).toMatchObject({ tasks: 1, annotations: 1, media: 1 });
    const tracks = await tracksOf(projectId);
    expect(tracks.map((x) => [x.type, x.from_name, x.to_name, x.value.labels])).toEqual([['videorectangle', 'box', 'video', ['Car']], ['videorectangle', 'box', 'video', ['Person']]]);
    // the car moves steadily: its first and last frames are enough (32 px = 10 %, 60.8 px = 19 %)
    expect(tracks[0]!.value.sequence.map((k) => [k.frame, Number(k.x.toFixed(6)), k.enabled])).toEqual([[1, 10, true], [10, 19, false]]);
    expect(tracks[0]!.value.sequence[0]?.time).toBe(0.1);
    expect(tracks[0]!.value.framesCount).toBe(30);
    // the person leaves view after frame 3 and is back on frame 8
    expect(tracks[1]!.value.sequence.map((k) => [k.frame, k.enabled])).toEqual([[1, true], [3, false], [8, true], [10, false]]);
  });

  it('round-trips: a MOT export imported with its video exports the same rows', async () => {
    const source = await createProject(t, manager, VIDEO_CONFIG, 'Source');
    const media = await uploadMedia(t, manager, source, 'drive.mp4', video);
    const [taskId] = await importTasks(t, manager, source, [{ video: media.url }]);
    await annotate(t, manager, taskId!, [carTrack]);
    const exported = await unzip((await t.call(manager, 'GET', `/api/projects/${source}/export/video?format=mot`)).rawPayload);
    const target = await createProject(t, manager, VIDEO_CONFIG, 'Target');
    const zip = await zipOf([...[...exported].map(([name, content]) => ({ name, content })), { name: 'drive.mp4', content: video }]);
    expect((await importFiles(target, [{ filename: 'mot.zip', content: zip }])).status).toBe('succeeded');
    const again = await unzip((await t.call(manager, 'GET', `/api/projects/${target}/export/video?format=mot`)).rawPayload);
    expect(again.get('gt/gt.txt')?.toString()).toBe(exported.get('gt/gt.txt')?.toString());
  });

  it('imports Label Studio video tasks (JSON export) with their tracks', async () => {
    const projectId = await createProject(t, manager, VIDEO_CONFIG, 'LS video');
    const media = await uploadMedia(t, manager, projectId, 'drive.mp4', video);
    const lsExport = JSON.stringify([{ id: 7, data: { video: media.url }, annotations: [{ id: 1, completed_by: 1, result: [carTrack], was_cancelled: false }], predictions: [] }]);
    const job = await importFiles(projectId, [{ filename: 'project-7-at-2024.json', content: lsExport }]);
    expect(job.status, job.error ?? '').toBe('succeeded');
    const tracks = await tracksOf(projectId);
    expect(tracks[0]).toMatchObject({ id: 'car1', type: 'videorectangle', value: { sequence: [{ frame: 1 }, { frame: 21, enabled: false }] } });
  });

  it('names the MOT file that has no video, and the row that is malformed', async () => {
    const projectId = await createProject(t, manager, VIDEO_CONFIG, 'Bad MOT');
    const alone = await importFiles(projectId, [{ filename: 'seq.zip', content: await zipOf([{ name: 'gt/gt.txt', content: CVAT_GT }]) }]);
    expect(alone.status).toBe('failed');
    expect(alone.error).toContain('seq.zip/gt/gt.txt: no video imported with it');
    const bad = await zipOf([{ name: 'gt/gt.txt', content: '1,1,0,0,10,10,1,1,1\n2,1,oops,0,10,10,1,1,1' }, { name: 'drive.mp4', content: video }]);
    const job = await importFiles(projectId, [{ filename: 'bad.zip', content: bad }]);
    expect(job.error).toContain('bad.zip/gt/gt.txt: MOT line 2: value 3 ("oops") is not a number');
  });
});
