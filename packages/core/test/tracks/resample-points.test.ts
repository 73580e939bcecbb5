import { describe, expect, it } from 'vitest';
import { alignOutlines, arcFractions, pointsAtFractions, resampleByArcLength } from '../../src/tracks/index.js';

describe('arc-length resampling', () => {
  it('resamples a 3-vertex polyline to 5 evenly spaced points', () => {
    // length 10 + 10 = 20; 5 points → 4 gaps of 20 / 4 = 5
    // at 0, 5, 10, 15, 20 along the path
    expect(resampleByArcLength([[0, 0], [10, 0], [10, 10]], 5, false)).toEqual([[0, 0], [5, 0], [10, 0], [10, 5], [10, 10]]);
  });

  it('resamples a polygon by perimeter, starting at its first vertex', () => {
    // perimeter 40; 8 points → spacing 40 / 8 = 5, the closing edge included
    expect(resampleByArcLength([[0, 0], [10, 0], [10, 10], [0, 10]], 8, true)).toEqual([
      [0, 0], [5, 0], [10, 0], [10, 5], [10, 10], [5, 10], [0, 10], [0, 5],
    ]);
  });

  it('gives vertex fractions by length, or by index when the outline has no length', () => {
    expect(arcFractions([[0, 0], [10, 0], [10, 30]], false)).toEqual([0, 0.25, 1]);
    // square: perimeter 40, vertices at 0, 10, 20, 30
    expect(arcFractions([[0, 0], [10, 0], [10, 10], [0, 10]], true)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arcFractions([[5, 5], [5, 5], [5, 5]], false)).toEqual([0, 0.5, 1]);
  });

  it('handles single points and zero counts', () => {
    expect(resampleByArcLength([[3, 4]], 3, false)).toEqual([[3, 4], [3, 4], [3, 4]]);
    expect(resampleByArcLength([[0, 0], [1, 1]], 0, false)).toEqual([]);
    expect(pointsAtFractions([], [0, 1], false)).toEqual([]);
    expect(() => resampleByArcLength([[0, 0]], 1.5, false)).toThrow(RangeError);
  });
});

describe('alignOutlines', () => {
  it('keeps every vertex of both polylines and matches their counts', () => {
    const [a, b] = alignOutlines([[0, 0], [10, 0], [10, 10]], [[0, 20], [20, 20]], false);
    expect(a).toEqual([[0, 0], [10, 0], [10, 10]]);
    expect(b).toEqual([[0, 20], [10, 20], [20, 20]]);
  });

  it('starts the other polygon at its vertex nearest the first one\'s start and matches winding', () => {
    const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    // the triangle is listed from (20, 0) and winds the other way: it is rotated to start at
    // (0, 0), nearest the square's first vertex, and reversed to (0, 0), (20, 0), (20, 20)
    const [a, b] = alignOutlines(square, [[20, 0], [0, 0], [20, 20]], true);
    // square vertices at fractions 0, 0.25, 0.5, 0.75 (perimeter 40)
    // triangle perimeter 20 + 20 + 20√2 ≈ 68.28: vertices at 0, 20/68.28 ≈ 0.293, 40/68.28 ≈ 0.586
    // union: 0, 0.25, 0.293, 0.5, 0.586, 0.75 → 6 points each
    expect(a).toHaveLength(6);
    expect(b).toHaveLength(6);
    expect([a[0], a[1], a[3], a[5]]).toEqual(square);
    expect([b[0], b[2], b[4]]).toEqual([[0, 0], [20, 0], [20, 20]]);
    // the square's point at 0.293: 0.293·40 ≈ 11.72 along it, 1.72 up the edge x = 10
    expect(a[2]?.[0]).toBe(10);
    expect(a[2]?.[1]).toBeCloseTo((20 / (40 + 20 * Math.SQRT2)) * 40 - 10, 10);
  });
});
