import { describe, expect, it } from 'vitest';
import { interpolateAt, lerpDegrees, normalizeDegrees } from '../../src/tracks/index.js';
import { blinkingTrack, box, boxTrack, outline, outlineTrack } from './track-fixtures.js';

describe('interpolateAt on box tracks', () => {
  const track = boxTrack(box(0, 10, 10, 20, 20), box(20, 30, 10, 20, 40));

  it('blends x, y, width and height linearly between two keyframes', () => {
    // t = (10 − 0) / (20 − 0) = 0.5
    // x = 10 + (30 − 10)·0.5 = 20; y = 10 + (10 − 10)·0.5 = 10
    // width = 20 + (20 − 20)·0.5 = 20; height = 20 + (40 − 20)·0.5 = 30
    expect(interpolateAt(track, 10)).toEqual({ x: 20, y: 10, width: 20, height: 30, rotation: 0 });
  });

  it('returns the keyframe itself on a keyframe', () => {
    expect(interpolateAt(track, 0)).toEqual({ x: 10, y: 10, width: 20, height: 20, rotation: 0 });
    expect(interpolateAt(track, 20)).toEqual({ x: 30, y: 10, width: 20, height: 40, rotation: 0 });
  });

  it('returns a copy that the caller may change', () => {
    const shape = interpolateAt(track, 0);
    if (shape !== undefined) shape.x = 99;
    expect(track.keyframes[0]?.x).toBe(10);
  });

  it('turns the shorter way round, through 0°, and normalises to [0, 360)', () => {
    const turning = boxTrack(box(0, 10, 10, 20, 20, { rotation: 350 }), box(20, 10, 10, 20, 20, { rotation: 10 }));
    // shortest turn from 350° to 10° is +20° (not −340°)
    // frame 10: t = 0.5 → 350 + 20·0.5 = 360 → 0
    expect(interpolateAt(turning, 10)?.rotation).toBe(0);
    // frame 5: t = 0.25 → 350 + 20·0.25 = 355
    expect(interpolateAt(turning, 5)?.rotation).toBe(355);
    // frame 15: t = 0.75 → 350 + 20·0.75 = 365 → 5
    expect(interpolateAt(turning, 15)?.rotation).toBe(5);
  });

  it('turns backwards through 0° too, and takes a half turn counter-clockwise', () => {
    // 10° → 350° is −20°: t = 0.25 → 10 − 5 = 5
    expect(lerpDegrees(10, 350, 0.25)).toBe(5);
    // 0° → 180°: ±180° is a tie, taken as −180°: t = 0.5 → −90 → 270
    expect(lerpDegrees(0, 180, 0.5)).toBe(270);
    expect(normalizeDegrees(-90)).toBe(270);
    expect(normalizeDegrees(720)).toBe(0);
    expect(Object.is(normalizeDegrees(-0), 0)).toBe(true);
  });

  it('has no shape before the first keyframe and holds an enabled last keyframe after it', () => {
    const late = boxTrack(box(5, 10, 10, 20, 20), box(9, 20, 10, 20, 20));
    expect(interpolateAt(late, 4)).toBeUndefined();
    expect(interpolateAt(late, 1000)).toEqual({ x: 20, y: 10, width: 20, height: 20, rotation: 0 });
    expect(interpolateAt(boxTrack(), 0)).toBeUndefined();
  });
});

describe('interpolateAt and out-of-view ranges', () => {
  it('shows a disabled keyframe on its own frame, then nothing until the next keyframe', () => {
    // frame 5 lies between keyframe 0 (enabled) and 10: x = 0 + (10 − 0)·0.5 = 5
    expect(interpolateAt(blinkingTrack, 5)?.x).toBe(5);
    expect(interpolateAt(blinkingTrack, 10)).toEqual({ x: 10, y: 0, width: 10, height: 10, rotation: 0 });
    for (const frame of [11, 15, 19]) expect(interpolateAt(blinkingTrack, frame)).toBeUndefined();
    expect(interpolateAt(blinkingTrack, 20)?.x).toBe(50);
  });

  it('blends towards a disabled keyframe and does not hold a disabled last keyframe', () => {
    // frame 25: x = 50 + (60 − 50)·0.5 = 55
    expect(interpolateAt(blinkingTrack, 25)?.x).toBe(55);
    expect(interpolateAt(blinkingTrack, 30)?.x).toBe(60);
    expect(interpolateAt(blinkingTrack, 31)).toBeUndefined();
  });
});

describe('interpolateAt on outlines', () => {
  it('blends polygons with equal vertex counts vertex by vertex', () => {
    const square = outlineTrack(
      'polygon',
      outline(0, [[0, 0], [10, 0], [10, 10], [0, 10]]),
      outline(10, [[20, 0], [40, 0], [40, 20], [20, 20]]),
    );
    // frame 5, t = 0.5: each vertex halfway, e.g. (10, 0) → (40, 0) gives (25, 0)
    expect(interpolateAt(square, 5)?.points).toEqual([[10, 0], [25, 0], [25, 15], [10, 15]]);
  });

  it('resamples polylines with different vertex counts at both outlines\' vertex positions', () => {
    const road = outlineTrack('polyline', outline(0, [[0, 0], [10, 0], [10, 10]]), outline(10, [[0, 20], [20, 20]]));
    // frame 0 outline: length 10 + 10 = 20, vertices at fractions 0, 0.5, 1
    // frame 10 outline: one edge of length 20, vertices at 0, 1; at 0.5 it passes (10, 20)
    // union of fractions {0, 0.5, 1}: frame 10 becomes (0, 20), (10, 20), (20, 20)
    // frame 5, t = 0.5: (0, 10), (10, 10), (15, 15)
    expect(interpolateAt(road, 5)?.points).toEqual([[0, 10], [10, 10], [15, 15]]);
    // keyframes themselves keep their own vertices
    expect(interpolateAt(road, 10)?.points).toEqual([[0, 20], [20, 20]]);
  });
});
