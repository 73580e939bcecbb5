import { describe, expect, it } from 'vitest';
import { trackAgreement, trackSetAgreement } from '../../src/tracks/index.js';
import { box, boxTrack, outline, outlineTrack } from './track-fixtures.js';

const video = { videoWidth: 100, videoHeight: 100 };

describe('track agreement', () => {
  it('is 1 for identical tracks and averages per-frame IoU over the union of frames', () => {
    const a = boxTrack(box(0, 0, 0, 10, 10), box(4, 0, 0, 10, 10, { enabled: false }));
    expect(trackAgreement(a, a, video)).toEqual({ iou: 1, frames: 5, both: 5 });
    // B is the same box shifted right by 5 on frames 2–4 only:
    // frames 0, 1: A alone → 0; frames 2, 3, 4: overlap 5×10 = 50, union 150 → 1/3
    const b = boxTrack(box(2, 5, 0, 10, 10), box(4, 5, 0, 10, 10, { enabled: false }));
    const r = trackAgreement(a, b, video);
    expect(r.frames).toBe(5);
    expect(r.both).toBe(3);
    expect(r.iou).toBeCloseTo((3 * (1 / 3)) / 5, 12);
  });

  it('counts a frame only one annotator shows as 0, and holds enabled last keyframes only within the range', () => {
    const a = boxTrack(box(0, 0, 0, 10, 10));
    const b = boxTrack(box(0, 0, 0, 10, 10), box(1, 0, 0, 10, 10, { enabled: false }));
    // default range 0..1: both show both frames
    expect(trackAgreement(a, b, video).iou).toBe(1);
    // frames 0..3: A holds its box on 2 and 3, B is gone → (1 + 1 + 0 + 0) / 4
    expect(trackAgreement(a, b, { ...video, frames: { from: 0, to: 3 } }).iou).toBe(0.5);
  });

  it('turns rotated boxes in pixels: a 90° turn of a square about its corner on a 200×100 frame', () => {
    // A: 10%×20% at (50%, 50%) = 20×20 px at (100, 50); B: the same turned 90° clockwise about
    // (100, 50), which covers x 80…100, y 50…70: they share only an edge → IoU 0
    const a = boxTrack(box(0, 50, 50, 10, 20));
    const b = boxTrack(box(0, 50, 50, 10, 20, { rotation: 90 }));
    expect(trackAgreement(a, b, { videoWidth: 200, videoHeight: 100 }).iou).toBeCloseTo(0, 9);
    // turned 180° it covers x 80…100, y 30…50: also disjoint; turned 360° it is A again
    expect(trackAgreement(a, boxTrack(box(0, 50, 50, 10, 20, { rotation: 360 })), { videoWidth: 200, videoHeight: 100 }).iou).toBe(1);
  });

  it('compares polygons by area and refuses polylines and mixed kinds', () => {
    const square = outlineTrack('polygon', outline(0, [[0, 0], [10, 0], [10, 10], [0, 10]], false));
    const half = outlineTrack('polygon', outline(0, [[0, 0], [5, 0], [5, 10], [0, 10]], false));
    // overlap 50, union 100
    expect(trackAgreement(square, half, video).iou).toBeCloseTo(0.5, 12);
    expect(() => trackAgreement(outlineTrack('polyline', outline(0, [[0, 0], [1, 1]])), outlineTrack('polyline', outline(0, [[0, 0], [1, 1]])), video)).toThrow(/no area/);
    expect(() => trackAgreement(square, boxTrack(box(0, 0, 0, 1, 1)), video)).toThrow(/cannot compare/);
  });

  it('matches two annotators\' tracks by label and scores unmatched ones as 0', () => {
    const car = boxTrack(box(0, 0, 0, 10, 10), box(9, 0, 0, 10, 10, { enabled: false }));
    const person = { ...boxTrack(box(0, 50, 50, 10, 10), box(9, 50, 50, 10, 10, { enabled: false })), id: 'p', label: 'Person' };
    const carShifted = boxTrack(box(0, 5, 0, 10, 10), box(9, 5, 0, 10, 10, { enabled: false }));
    // car ↔ car: IoU 1/3 on every frame (below the default 0.5) → no match
    expect(trackSetAgreement([car, person], [carShifted, person], video)).toEqual({ score: (2 * 1) / 4, pairs: [{ a: 1, b: 1, iou: 1 }] });
    const loose = trackSetAgreement([car, person], [carShifted, person], { ...video, threshold: 0.3 });
    expect(loose.pairs).toHaveLength(2);
    expect(loose.score).toBeCloseTo((2 * (1 + 1 / 3)) / 4, 12);
    // the same box labelled differently never pairs
    expect(trackSetAgreement([car], [{ ...car, label: 'Truck' }], video).pairs).toEqual([]);
  });
});
