import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { createProject, importTasks, unzip } from './export-fixtures.js';
import { annotate, AUDIO_CONFIG, carTrack, laneTrack, roadTrack, testVideo, uploadMedia, VIDEO_CONFIG } from './media-export-fixtures.js';

describeEachDialect('video and audio exports', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let projectId: number;
  let mediaId: number;

  const get = (url: string, user = manager) => t.call(user, 'GET', url);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user({ email: `video-manager-${dialect}@example.com` });
    projectId = await createProject(t, manager, VIDEO_CONFIG, 'Driving');
    const media = await uploadMedia(t, manager, projectId, 'drive.mp4', testVideo());
    mediaId = media.id;
    const [taskId] = await importTasks(t, manager, projectId, [{ video: media.url }, { video: media.url }]);
    await annotate(t, manager, taskId!, [carTrack, laneTrack, roadTrack]);
  });
  afterAll(async () => t.close());

  it('reads the frame rate and frame count of uploaded video with ffprobe', async () => {
    const info = (await get(`/api/media/${mediaId}/info`)).json();
    expect(info).toMatchObject({ kind: 'video', width: 320, height: 240, meta: { frameRate: 10, frameCount: 30 } });
  });

  it('MOT: gt/gt.txt holds the box on every frame it is in view, interpolated, in pixels; gt/labels.txt the classes', async () => {
    const res = await get(`/api/projects/${projectId}/export/video?format=mot`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`project-${projectId}-video.mot.zip`);
    const files = await unzip(res.rawPayload);
    expect([...files.keys()]).toEqual(['gt/gt.txt', 'gt/labels.txt']);
    expect(files.get('gt/labels.txt')?.toString()).toBe('Car\nPerson\nLane\n');
    const rows = files.get('gt/gt.txt')!.toString().trim().split('\n');
    // frames 1…21 (out of view after 21); only box tracks are MOT objects; the unannotated task adds nothing
    expect(rows).toHaveLength(21);
    // frame 1: 10 % of 320 = 32, 20 % of 240 = 48, 25 % → 80, 50 % → 120; class 1 (Car)
    expect(rows[0]).toBe('1,1,32,48,80,120,1,1,1');
    // frame 11: halfway, x = 20 % → 64
    expect(rows[10]).toBe('11,1,64,48,80,120,1,1,1');
    expect(rows[20]).toBe('21,1,96,48,80,120,1,1,1');
  });

  it('COCO: an image per frame of the video, boxes interpolated, polygons with segmentation, lanes left out', async () => {
    const res = await get(`/api/projects/${projectId}/export/video?format=coco`);
    expect(res.statusCode, res.body).toBe(200);
    const coco = res.json() as { images: { id: number; file_name: string; frame_id: number }[]; annotations: { image_id: number; category_id: number; bbox: number[]; attributes: { keyframe: boolean } }[]; categories: { id: number; name: string }[] };
    expect(coco.images).toHaveLength(30);
    expect(coco.images[10]).toMatchObject({ id: 11, file_name: 'drive/frame_000011.jpg', frame_id: 11 });
    expect(coco.categories.map((c) => c.name)).toEqual(['Car', 'Person', 'Lane']);
    const cars = coco.annotations.filter((a) => a.category_id === 1);
    expect(cars).toHaveLength(21);
    expect(cars[10]).toMatchObject({ image_id: 11, bbox: [64, 48, 80, 120], attributes: { keyframe: false } });
    expect(cars[0]?.attributes.keyframe).toBe(true);
    expect(coco.annotations.filter((a) => a.category_id === 2).map((a) => a.image_id)).toEqual([2]);
    expect(coco.annotations.filter((a) => a.category_id === 3)).toEqual([]);
  });

  it('YOLO: a label file per frame (empty where nothing is in view) and classes.txt', async () => {
    const res = await get(`/api/projects/${projectId}/export/video?format=yolo`);
    expect(res.statusCode, res.body).toBe(200);
    const files = await unzip(res.rawPayload);
    expect(files.get('classes.txt')?.toString()).toBe('Car\nPerson\nLane\n');
    expect([...files.keys()].filter((k) => k.startsWith('labels/drive/'))).toHaveLength(30);
    // frame 11: box 64…144 × 48…168 px → centre (104/320, 108/240), size (80/320, 120/240)
    expect(files.get('labels/drive/frame_000011.txt')?.toString()).toBe('0 0.325 0.45 0.25 0.5\n');
    expect(files.get('labels/drive/frame_000030.txt')?.toString()).toBe('');
  });

  it('Label Studio JSON: tracks as keyframes only, as they were saved', async () => {
    const res = await get(`/api/projects/${projectId}/export/video?format=label-studio`);
    expect(res.statusCode, res.body).toBe(200);
    const tasks = res.json() as { data: { video: string }; annotations: { result: { id: string; value: { sequence: unknown[] } }[] }[] }[];
    expect(tasks).toHaveLength(1);
    const car = tasks[0]!.annotations[0]!.result.find((r) => r.id === 'car1');
    expect(car?.value.sequence).toHaveLength(2);
  });

  it('answers 400 for a project without video, 403 to annotators and 404 to other organizations', async () => {
    const audio = await createProject(t, manager, AUDIO_CONFIG, 'No video');
    expect((await get(`/api/projects/${audio}/export/video?format=mot`)).json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'format' });
    const annotator = await t.user();
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
    expect((await get(`/api/projects/${projectId}/export/video?format=mot`, annotator)).statusCode).toBe(403);
    expect((await get(`/api/projects/${projectId}/export/video?format=mot`, t.otherAdmin)).statusCode).toBe(404);
    expect((await get(`/api/projects/${projectId}/export/video?format=gif`)).statusCode).toBe(400);
  });

  it('answers 422 naming the task when a video has no known frame size', async () => {
    const other = await createProject(t, manager, VIDEO_CONFIG, 'Remote video');
    const [taskId] = await importTasks(t, manager, other, [{ video: 'https://example.com/clip.mp4' }]);
    await annotate(t, manager, taskId!, [carTrack]);
    const res = await get(`/api/projects/${other}/export/video?format=coco`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain(`task ${taskId}`);
    // a task that says its size is exported
    const [sized] = await importTasks(t, manager, other, [{ data: { video: 'https://example.com/b.mp4', fps: 10 }, meta: { original_width: 100, original_height: 100 } }]);
    await annotate(t, manager, sized!, [carTrack]);
    const ok = await get(`/api/projects/${other}/export/video?format=mot&ids=${sized}`);
    expect(ok.statusCode, ok.body).toBe(200);
    // no frame count: frames run to the last keyframe
    expect((await unzip(ok.rawPayload)).get('gt/gt.txt')?.toString().trim().split('\n')).toHaveLength(21);
  });

  it('audio: segments as JSON Lines with transcription and speaker, and an ASR manifest of the transcribed ones', async () => {
    const audio = await createProject(t, manager, AUDIO_CONFIG, 'Cabin audio');
    const [taskId] = await importTasks(t, manager, audio, [{ data: { audio: 'recordings/cabin-1.wav' } }]);
    await annotate(t, manager, taskId!, [
      { id: 's2', from_name: 'event', to_name: 'audio', type: 'labels', value: { start: 3, end: 4.5, channel: 0, labels: ['Noise'] } },
      { id: 's1', from_name: 'event', to_name: 'audio', type: 'labels', value: { start: 0.5, end: 2.25, channel: 0, labels: ['Speech'] } },
      { id: 's1', from_name: 'transcript', to_name: 'audio', type: 'textarea', value: { start: 0.5, end: 2.25, channel: 0, text: ['turn left'] } },
      { id: 's1', from_name: 'speaker', to_name: 'audio', type: 'choices', value: { start: 0.5, end: 2.25, channel: 0, choices: ['Driver'] } },
    ]);
    const lines = (await get(`/api/projects/${audio}/export/audio?format=jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { task_id: taskId, audio: 'recordings/cabin-1.wav', file_name: 'cabin-1.wav', segment_id: 's1', start: 0.5, end: 2.25, duration: 1.75, labels: ['Speech'], text: 'turn left', attributes: { speaker: ['Driver'] }, annotator: manager.email },
      { task_id: taskId, audio: 'recordings/cabin-1.wav', file_name: 'cabin-1.wav', segment_id: 's2', start: 3, end: 4.5, duration: 1.5, labels: ['Noise'], text: '', attributes: {}, annotator: manager.email },
    ]);
    const manifest = await get(`/api/projects/${audio}/export/audio?format=asr-manifest`);
    expect(manifest.headers['content-disposition']).toContain('asr-manifest.jsonl');
    expect(manifest.body).toBe('{"audio_filepath":"cabin-1.wav","offset":0.5,"duration":1.75,"text":"turn left"}\n');
  });
});
