import { describe, expect, it } from 'vitest';
import { interpolateAt, lastFrameOf, trackFromVideoPolygon, tracksOfResult, videoPolygonFromTrack } from '../../src/tracks/index.js';
import { outline, outlineTrack } from './track-fixtures.js';

describe('videopolygon values', () => {
  const lane = outlineTrack('polyline', outline(1, [[10, 90], [40, 50]]), outline(31, [[20, 90], [50, 50]], false));

  it('writes keyframes only, with time = frame / fps, closed from the kind, and reads them back', () => {
    const value = videoPolygonFromTrack(lane, { fps: 30, framesCount: 300 });
    expect(value).toEqual({
      sequence: [
        { frame: 1, points: [[10, 90], [40, 50]], enabled: true, time: 1 / 30 },
        { frame: 31, points: [[20, 90], [50, 50]], enabled: false, time: 31 / 30 },
      ],
      closed: false, framesCount: 300, duration: 10, labels: ['Road'],
    });
    expect(trackFromVideoPolygon('road-1', value)).toEqual(lane);
  });

  it('reads an absent closed as a polygon, sorts keyframes and lets the later of two on one frame win', () => {
    const track = trackFromVideoPolygon('p', { sequence: [
      { frame: 9, points: [[0, 0], [1, 0], [1, 1]], enabled: true },
      { frame: 3, points: [[5, 5], [6, 5], [6, 6]], enabled: true },
      { frame: 9, points: [[2, 2], [3, 2], [3, 3]], enabled: false },
    ] });
    expect(track.kind).toBe('polygon');
    expect(track.keyframes.map((k) => [k.frame, k.enabled, k.points[0]])).toEqual([[3, true, [5, 5]], [9, false, [2, 2]]]);
  });

  it('interpolates a lane line between its keyframes vertex by vertex', () => {
    // frame 16: t = (16 − 1) / 30 = 0.5 → (10 + 10·0.5, 90), (40 + 10·0.5, 50)
    expect(interpolateAt(lane, 16)?.points).toEqual([[15, 90], [45, 50]]);
    expect(interpolateAt(lane, 32)).toBeUndefined();
  });
});

describe('tracks of a result', () => {
  it('finds videorectangle and videopolygon items and skips the rest', () => {
    const result = [
      { id: 'a', from_name: 'box', to_name: 'video', type: 'videorectangle', value: { framesCount: 120, labels: ['Car'], sequence: [{ frame: 1, x: 1, y: 2, width: 3, height: 4, enabled: true }] } },
      { id: 'b', from_name: 'lanes', to_name: 'video', type: 'videopolygon', value: { closed: false, sequence: [{ frame: 5, points: [[0, 0], [9, 9]], enabled: false }] } },
      { id: 'c', from_name: 'box', to_name: 'video', type: 'videorectangle', value: { sequence: [] } },
      { id: 'd', from_name: 'note', to_name: 'video', type: 'textarea', value: { text: ['x'] } },
    ];
    const tracks = tracksOfResult(result);
    expect(tracks.map((t) => [t.track.id, t.track.kind, t.track.label, t.control, t.framesCount])).toEqual([
      ['a', 'rectangle', 'Car', 'box', 120], ['b', 'polyline', undefined, 'lanes', undefined],
    ]);
    expect(tracks[0]?.track.keyframes[0]).toEqual({ frame: 1, x: 1, y: 2, width: 3, height: 4, rotation: 0, enabled: true });
    // the largest framesCount wins over the last keyframe
    expect(lastFrameOf(tracks)).toBe(120);
    expect(lastFrameOf(tracks.slice(1))).toBe(5);
  });
});
