import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestApp, TestUser } from '../helpers/test-app.js';
import { multipart } from './media-fixtures.js';

export const VIDEO_CONFIG = `<View>
  <Video name="video" value="$video"/>
  <VideoRectangle name="box" toName="video"/>
  <VideoPolygon name="lanes" toName="video"/>
  <Labels name="kind" toName="video"><Label value="Car"/><Label value="Person"/><Label value="Lane"/></Labels>
</View>`;

export const AUDIO_CONFIG = `<View>
  <Audio name="audio" value="$audio"/>
  <Labels name="event" toName="audio"><Label value="Speech"/><Label value="Noise"/></Labels>
  <Choices name="speaker" toName="audio" perRegion="true"><Choice value="Driver"/><Choice value="Passenger"/></Choices>
  <TextArea name="transcript" toName="audio" perRegion="true"/>
</View>`;

/** A 320 × 240, 10 fps, 3 s test video (30 frames) made by ffmpeg, as the e2e suite makes one. */
export function testVideo(): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-video-'));
  try {
    const file = path.join(dir, 'drive.mp4');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=320x240:rate=10', '-pix_fmt', 'yuv420p', file]);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function uploadMedia(t: TestApp, user: TestUser, projectId: number, filename: string, content: Buffer): Promise<{ id: number; url: string; meta: Record<string, unknown> }> {
  const { payload, headers } = multipart([{ filename, content }]);
  const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/media`, payload, headers: { ...headers, authorization: `Bearer ${user.token}` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0];
}

/** A car box at 10 % on frame 1 moving to 30 % by frame 21, out of view after it (LS keyframes). */
export const carTrack = {
  id: 'car1', from_name: 'box', to_name: 'video', type: 'videorectangle',
  value: {
    labels: ['Car'],
    sequence: [
      { frame: 1, x: 10, y: 20, width: 25, height: 50, rotation: 0, enabled: true, time: 0.1 },
      { frame: 21, x: 30, y: 20, width: 25, height: 50, rotation: 0, enabled: false, time: 2.1 },
    ],
  },
};

/** A lane line (polyline) on frames 5–15 and a road polygon on frame 2 only. */
export const laneTrack = {
  id: 'lane1', from_name: 'lanes', to_name: 'video', type: 'videopolygon',
  value: { labels: ['Lane'], closed: false, sequence: [{ frame: 5, points: [[0, 100], [50, 50]], enabled: true }, { frame: 15, points: [[10, 100], [60, 50]], enabled: false }] },
};
export const roadTrack = {
  id: 'road1', from_name: 'lanes', to_name: 'video', type: 'videopolygon',
  value: { labels: ['Person'], closed: true, sequence: [{ frame: 2, points: [[0, 0], [50, 0], [50, 50]], enabled: false }] },
};

export async function annotate(t: TestApp, user: TestUser, taskId: number, result: unknown[]): Promise<void> {
  const res = await t.call(user, 'POST', `/api/tasks/${taskId}/annotations`, { result });
  expect(res.statusCode, res.body).toBe(201);
}
