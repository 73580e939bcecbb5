import { describe, expect, it } from 'vitest';
import { extrapolateTrack, frameFileName, videoStem, writeVideoCoco, yoloFrames, type VideoTracks } from '../../src/tracks/index.js';
import { box, boxTrack, outline, outlineTrack } from './track-fixtures.js';

/** The parts of a COCO file the tests look at, loosely typed. */
interface Coco {
  videos: Record<string, unknown>[];
  categories: Record<string, unknown>[];
  images: { id: number; file_name: string; frame_id: number; video_id: number }[];
  annotations: { image_id: number; category_id: number; bbox: number[]; attributes: { keyframe: boolean; track_id: number } }[];
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

// A 200×100 video, frames 1–3: a car box moving 10 % right from frame 1 to 3 (interpolated on 2),
// out of view after 3; a polygon on frame 2 only; a polyline (left out).
const video: VideoTracks = {
  name: 'clips/drive 1.mp4', width: 200, height: 100, frames: { from: 1, to: 3 },
  tracks: [
    boxTrack(box(1, 10, 10, 20, 20), box(3, 20, 10, 20, 20, { enabled: false })),
    { ...outlineTrack('polygon', outline(2, [[0, 0], [50, 0], [50, 50]], false)), label: 'Road' },
    outlineTrack('polyline', outline(1, [[0, 0], [10, 10]])),
  ],
};

describe('per-frame COCO of video tracks', () => {
  it('writes an image per frame and the interpolated boxes with track ids and keyframe flags', async () => {
    const coco = JSON.parse(await text(writeVideoCoco([video], { labels: ['Car', 'Road'] }))) as Coco;
    expect(coco.videos).toEqual([{ id: 1, file_name: 'clips/drive 1.mp4', width: 200, height: 100, frames: 3 }]);
    expect(coco.images?.map((i) => [i.id, i.file_name, i.frame_id])).toEqual([
      [1, 'drive_1/frame_000001.jpg', 1], [2, 'drive_1/frame_000002.jpg', 2], [3, 'drive_1/frame_000003.jpg', 3],
    ]);
    expect(coco.categories).toEqual([{ id: 1, name: 'Car', supercategory: '' }, { id: 2, name: 'Road', supercategory: '' }]);
    const boxes = coco.annotations?.filter((a) => a.category_id === 1);
    // frame 2: x = 15 % of 200 = 30 px; y 10 % of 100 = 10; 20 % → 40 × 20 px
    expect(boxes?.map((a) => [a.image_id, a.bbox, a.attributes.keyframe, a.attributes.track_id])).toEqual([
      [1, [20, 10, 40, 20], true, 1], [2, [30, 10, 40, 20], false, 1], [3, [40, 10, 40, 20], true, 1],
    ]);
    const road = coco.annotations?.find((a) => a.category_id === 2);
    // (0,0), (100,0), (100,50) px: a right triangle of area 100·50/2 = 2500
    expect(road).toMatchObject({ image_id: 2, bbox: [0, 0, 100, 50], area: 2500, segmentation: [[0, 0, 100, 0, 100, 50]], attributes: { track_id: 2 } });
    expect(coco.annotations).toHaveLength(4);
  });

  it('numbers the frames of a second video after the first', async () => {
    const second = { ...video, name: 'b.webm', frames: { from: 1, to: 2 } };
    const coco = JSON.parse(await text(writeVideoCoco([video, second]))) as Coco;
    expect(coco.images?.slice(3).map((i) => [i.id, i.file_name, i.video_id])).toEqual([[4, 'b/frame_000001.jpg', 2], [5, 'b/frame_000002.jpg', 2]]);
    expect(coco.annotations?.filter((a) => a.image_id >= 4).map((a) => a.image_id)).toEqual([4, 5, 5]);
  });

  it('names frame files the way ffmpeg writes frame_%06d.jpg', () => {
    expect(frameFileName(videoStem('a/b/c.d.mp4'), 42)).toBe('c.d/frame_000042.jpg');
  });
});

describe('YOLO label files per frame', () => {
  it('writes every frame, boxes as normalised centre and size, polygons as points', () => {
    const frames = [...yoloFrames({ ...video, frames: { from: 1, to: 4 } }, { labels: ['Car', 'Road'] })];
    // frame 1: box 20…60 × 10…30 px → centre (40/200, 20/100), size (40/200, 20/100)
    expect(frames).toEqual([
      { frame: 1, text: '0 0.2 0.2 0.2 0.2\n' },
      { frame: 2, text: '0 0.25 0.2 0.2 0.2\n1 0 0 0.5 0 0.5 0.5\n' },
      { frame: 3, text: '0 0.3 0.2 0.2 0.2\n' },
      { frame: 4, text: '' },
    ]);
  });

  it('refuses a track whose label is not a class', () => {
    expect(() => [...yoloFrames(video, { labels: ['Car'] })]).toThrow(/label "Road"/);
  });
});

describe('the model-free tracker', () => {
  it('carries the velocity since the last keyframe on, frame by frame', () => {
    // x: 10 on frame 0, 20 on frame 10 → +1 per frame; rotation 350 → 10 over 10 frames = +2°
    const track = boxTrack(box(0, 10, 10, 20, 20, { rotation: 350 }), box(10, 20, 10, 20, 20, { rotation: 10 }));
    const next = extrapolateTrack(track, 10, 3);
    expect(next.map((k) => [k.frame, (k as { x: number }).x, (k as { rotation: number }).rotation])).toEqual([[11, 21, 12], [12, 22, 14], [13, 23, 16]]);
  });

  it('holds a lone keyframe, and moves outline vertices on', () => {
    expect(extrapolateTrack(boxTrack(box(5, 1, 2, 3, 4)), 5, 1)).toEqual([{ frame: 6, x: 1, y: 2, width: 3, height: 4, rotation: 0, enabled: true }]);
    const lane = outlineTrack('polyline', outline(0, [[0, 0], [10, 0]]), outline(2, [[0, 2], [10, 4]]));
    expect(extrapolateTrack(lane, 2, 2).map((k) => (k as { points: unknown }).points)).toEqual([[[0, 3], [10, 6]], [[0, 4], [10, 8]]]);
    expect(() => extrapolateTrack(boxTrack(box(5, 1, 2, 3, 4)), 4, 1)).toThrow(/not in view/);
  });
});
