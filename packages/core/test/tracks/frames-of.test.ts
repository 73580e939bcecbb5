import { describe, expect, it } from 'vitest';
import { framesOf, interpolateAt, type Track } from '../../src/tracks/index.js';
import { blinkingTrack, box, boxTrack, outline, outlineTrack } from './track-fixtures.js';

const framesIn = (track: Track, from: number, to: number) => [...framesOf(track, { from, to })].map((f) => f.frame);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('framesOf', () => {
  it('yields only the frames in view, both ends of the range included', () => {
    // in view 0–10 (10 is disabled but shown on its own frame), 20–30, and not after 30
    expect(framesIn(blinkingTrack, 0, 40)).toEqual([...range(0, 10), ...range(20, 30)]);
    expect(framesIn(blinkingTrack, 8, 22)).toEqual([8, 9, 10, 20, 21, 22]);
    expect(framesIn(blinkingTrack, 12, 18)).toEqual([]);
  });

  it('starts at the first keyframe and holds an enabled last keyframe up to the end of the range', () => {
    const track = boxTrack(box(5, 10, 10, 20, 20), box(7, 20, 10, 20, 20));
    const frames = [...framesOf(track, { from: 0, to: 9 })];
    expect(frames.map((f) => f.frame)).toEqual([5, 6, 7, 8, 9]);
    expect(frames[4]?.shape).toEqual({ x: 20, y: 10, width: 20, height: 20, rotation: 0 });
  });

  it('gives the same shapes as interpolateAt on every frame', () => {
    const tracks: Track[] = [
      blinkingTrack,
      boxTrack(box(0, 10, 10, 20, 20, { rotation: 350 }), box(20, 30, 10, 20, 40, { rotation: 10 })),
      outlineTrack('polygon', outline(2, [[0, 0], [10, 0], [10, 10]]), outline(9, [[5, 5], [20, 5], [20, 20], [5, 20]], false), outline(12, [[1, 1], [2, 2]])),
      outlineTrack('polyline', outline(0, [[0, 0], [10, 0], [10, 10]]), outline(10, [[0, 20], [20, 20]])),
    ];
    for (const track of tracks) {
      const expected = range(-3, 45).flatMap((frame) => {
        const shape = interpolateAt(track, frame);
        return shape === undefined ? [] : [{ frame, shape }];
      });
      expect([...framesOf(track, { from: -3, to: 45 })]).toEqual(expected);
    }
  });

  it('yields nothing for an empty track or an empty range, and rejects an endless range', () => {
    expect(framesIn(boxTrack(), 0, 10)).toEqual([]);
    expect(framesIn(blinkingTrack, 5, 4)).toEqual([]);
    expect(() => framesIn(blinkingTrack, 0, Infinity)).toThrow(RangeError);
  });
});
