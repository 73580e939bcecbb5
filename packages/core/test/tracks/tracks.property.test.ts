import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  framesOf, interpolateAt, type PointsKeyframe, type RectangleKeyframe, type RectangleTrack, type Track, type TrackPoint,
} from '../../src/tracks/index.js';

const percent = fc.double({ min: 0, max: 100, noNaN: true });
const degrees = fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true });
const frames = (minLength: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength, maxLength: 8 }).map((fs) => fs.sort((a, b) => a - b));

const boxKeyframes = (minLength: number): fc.Arbitrary<RectangleKeyframe[]> =>
  frames(minLength).chain((fs) =>
    fc.tuple(...fs.map((frame) =>
      fc.record({ x: percent, y: percent, width: percent, height: percent, rotation: degrees, enabled: fc.boolean() })
        .map((k): RectangleKeyframe => ({ frame, ...k })))));

const boxTrackArb = (minLength: number) => boxKeyframes(minLength).map((keyframes): RectangleTrack => ({ id: 't', kind: 'rectangle', keyframes }));

const point: fc.Arbitrary<TrackPoint> = fc.tuple(percent, percent);
const outlineTrackArb: fc.Arbitrary<Track> = fc.constantFrom('polygon' as const, 'polyline' as const).chain((kind) =>
  frames(1).chain((fs) =>
    fc.tuple(...fs.map((frame) =>
      fc.record({ points: fc.array(point, { minLength: 1, maxLength: 6 }), enabled: fc.boolean() })
        .map((k): PointsKeyframe => ({ frame, ...k }))))
      .map((keyframes): Track => ({ id: 'p', kind, keyframes }))));

describe('track interpolation properties', () => {
  it('returns the keyframe itself on every keyframe', () => {
    fc.assert(fc.property(boxTrackArb(1), (track) => {
      for (const { frame, enabled: _enabled, ...shape } of track.keyframes) expect(interpolateAt(track, frame)).toEqual(shape);
    }));
  });

  it('keeps x, y, width and height between the values of the two keyframes around a frame', () => {
    fc.assert(fc.property(boxTrackArb(2), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (track, u) => {
      track.keyframes.slice(0, -1).forEach((a, i) => {
        const b = track.keyframes[i + 1] as RectangleKeyframe;
        const frame = a.frame + Math.floor(u * (b.frame - a.frame));
        const shape = interpolateAt(track, frame);
        if (!a.enabled && frame !== a.frame) return expect(shape).toBeUndefined();
        for (const key of ['x', 'y', 'width', 'height'] as const) {
          expect(shape?.[key]).toBeGreaterThanOrEqual(Math.min(a[key], b[key]));
          expect(shape?.[key]).toBeLessThanOrEqual(Math.max(a[key], b[key]));
        }
        expect(shape?.rotation).toBeGreaterThanOrEqual(0);
        expect(shape?.rotation).toBeLessThan(360);
      });
    }));
  });

  it('walks the same shapes with framesOf as interpolateAt gives frame by frame', () => {
    const trackArb = fc.oneof(boxTrackArb(1) as fc.Arbitrary<Track>, outlineTrackArb);
    fc.assert(fc.property(trackArb, fc.integer({ min: -50, max: 2100 }), fc.integer({ min: 0, max: 300 }), (track, from, length) => {
      const to = from + length;
      const expected = [];
      for (let frame = from; frame <= to; frame++) {
        const shape = interpolateAt(track, frame);
        if (shape !== undefined) expected.push({ frame, shape });
      }
      expect([...framesOf(track, { from, to })]).toEqual(expected);
    }), { numRuns: 200 });
  });
});
