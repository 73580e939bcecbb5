import { describe, expect, it } from 'vitest';
import { resultItemSchema } from '../../src/results/index.js';
import {
  keyframesFromSequence, sequenceFromTrack, trackFromVideoRectangle, videoRectangleFromTrack, type VideoRectangleKeyframe,
} from '../../src/tracks/index.js';

// Shaped like a Label Studio export at 24 fps: frames are 1-based and time = frame / fps.
const sequence: VideoRectangleKeyframe[] = [
  { frame: 1, enabled: true, rotation: 0, x: 20.5, y: 15.5, width: 58.9, height: 68.6, time: 1 / 24 },
  { frame: 3, enabled: false, rotation: 0, x: 20.5, y: 15.5, width: 58.9, height: 68.6, time: 3 / 24 },
];

describe('Label Studio VideoRectangle conversion', () => {
  it('reads a sequence into a track and writes it back unchanged', () => {
    const track = trackFromVideoRectangle('RRxnu061g3', { sequence, labels: ['Car'] });
    expect(track).toEqual({
      id: 'RRxnu061g3', kind: 'rectangle', label: 'Car',
      keyframes: [
        { frame: 1, enabled: true, rotation: 0, x: 20.5, y: 15.5, width: 58.9, height: 68.6 },
        { frame: 3, enabled: false, rotation: 0, x: 20.5, y: 15.5, width: 58.9, height: 68.6 },
      ],
    });
    expect(sequenceFromTrack(track, { fps: 24 })).toEqual(sequence);
  });

  it('sorts keyframes, lets a later duplicate frame win and reads a missing rotation as 0', () => {
    const keyframes = keyframesFromSequence([
      { frame: 9, x: 1, y: 1, width: 1, height: 1, enabled: true },
      { frame: 2, x: 2, y: 2, width: 2, height: 2, enabled: true },
      { frame: 9, x: 3, y: 3, width: 3, height: 3, enabled: false },
    ]);
    expect(keyframes.map((k) => [k.frame, k.x, k.rotation, k.enabled])).toEqual([[2, 2, 0, true], [9, 3, 0, false]]);
  });

  it('writes a full value with framesCount, duration and labels', () => {
    const track = trackFromVideoRectangle('t1', { sequence, labels: ['Car'] });
    const value = videoRectangleFromTrack(track, { fps: 24, framesCount: 120 });
    // duration = 120 frames / 24 fps = 5 s
    expect(value).toMatchObject({ framesCount: 120, duration: 5, labels: ['Car'] });
    expect(value.sequence).toHaveLength(2);
    expect(videoRectangleFromTrack(trackFromVideoRectangle('t2', { sequence }))).toEqual({
      sequence: sequence.map(({ time: _time, ...k }) => k),
    });
    expect(() => sequenceFromTrack(track, { fps: 0 })).toThrow(RangeError);
  });

  it('reads the value of a validated result item and round-trips it through the schema', () => {
    const item = resultItemSchema.parse({ id: 'r1', from_name: 'box', to_name: 'video', type: 'videorectangle', value: { sequence, labels: ['Car'] } });
    if (item.type !== 'videorectangle') throw new Error('expected a videorectangle item');
    const track = trackFromVideoRectangle(item.id, item.value);
    const written = { ...item, value: videoRectangleFromTrack(track, { fps: 24 }) };
    expect(resultItemSchema.safeParse(written).success).toBe(true);
  });
});
