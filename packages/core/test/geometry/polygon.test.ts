import { describe, expect, it } from 'vitest';
import {
  GeometryError, isSimplePolygon, polygonArea, polygonIntersectionArea, polygonIoU, polygonSignedArea, type Polygon,
} from '../../src/geometry/index.js';

const square = (x: number, y: number, side = 1): Polygon => [[x, y], [x + side, y], [x + side, y + side], [x, y + side]];
// An L: the 2 × 2 square at the origin without its corner [1, 2] × [1, 2]; area 3.
const ell: Polygon = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]];

describe('polygonArea', () => {
  it('gives the shoelace area with a sign for orientation', () => {
    expect(polygonArea(ell)).toBe(3);
    // Clockwise on screen (y down) is positive.
    expect(polygonSignedArea(square(0, 0, 2))).toBe(4);
    expect(polygonSignedArea([...square(0, 0, 2)].reverse())).toBe(-4);
  });

  it('gives 0 for fewer than three points', () => {
    expect(polygonArea([])).toBe(0);
    expect(polygonArea([[1, 1], [2, 2]])).toBe(0);
  });
});

describe('polygonIoU', () => {
  it('gives 1/3 for two unit squares offset by half a side', () => {
    expect(polygonIoU(square(0, 0), square(0.5, 0))).toBeCloseTo(1 / 3, 12);
  });

  it('ignores orientation and the starting vertex', () => {
    const b = [...square(0.5, 0)].reverse();
    const rotated = [...b.slice(2), ...b.slice(0, 2)];
    expect(polygonIoU(square(0, 0), rotated)).toBeCloseTo(1 / 3, 12);
  });

  it('handles a concave polygon', () => {
    // The L misses exactly the square [1, 2] × [1, 2].
    expect(polygonIntersectionArea(ell, square(1, 1))).toBeCloseTo(0, 12);
    // Against the full 2 × 2 square: overlap 3, union 4.
    expect(polygonIoU(ell, square(0, 0, 2))).toBeCloseTo(3 / 4, 12);
    // Against [0.5, 1.5]²: overlap 1 − 0.25 (the quarter inside the notch); union 3 + 1 − 0.75.
    expect(polygonIoU(ell, square(0.5, 0.5))).toBeCloseTo(0.75 / 3.25, 12);
  });

  it('handles two concave polygons whose overlap is in two pieces', () => {
    // A U: [0, 3] × [0, 2] without the slot [1, 2] × [0, 1]; area 6 − 1 = 5. The bar [0, 3] × [0.5, 1]
    // meets it in [0, 1] × [0.5, 1] and [2, 3] × [0.5, 1]: overlap 1; union 5 + 1.5 − 1 = 5.5.
    const u: Polygon = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 0], [3, 0], [3, 2], [0, 2]];
    const bar: Polygon = [[0, 0.5], [3, 0.5], [3, 1], [0, 1]];
    expect(polygonIntersectionArea(u, bar)).toBeCloseTo(1, 12);
    expect(polygonIoU(u, bar)).toBeCloseTo(1 / 5.5, 12);
  });

  it('handles shared edges and vertices without special cases', () => {
    // Identical polygons, a polygon inside another touching its border, and neighbours sharing an edge.
    expect(polygonIoU(ell, ell)).toBeCloseTo(1, 12);
    expect(polygonIoU(square(0, 0, 2), square(0, 0))).toBeCloseTo(1 / 4, 12);
    expect(polygonIoU(square(0, 0), square(1, 0))).toBe(0);
  });

  it('gives 0 for disjoint polygons and for polygons without area', () => {
    expect(polygonIoU(square(0, 0), square(5, 5))).toBe(0);
    expect(polygonIoU([[0, 0], [1, 1]], [[0, 0], [1, 1]])).toBe(0);
  });

  it('rejects a self-crossing polygon', () => {
    const bowtie: Polygon = [[0, 0], [1, 1], [1, 0], [0, 1]];
    expect(isSimplePolygon(bowtie)).toBe(false);
    expect(() => polygonIoU(bowtie, square(0, 0))).toThrow(GeometryError);
    expect(() => polygonIoU(square(0, 0), bowtie)).toThrow(/second polygon crosses itself/);
  });

  it('rejects a polygon that winds twice over part of its area', () => {
    // Two laps round the unit square: every inside point has winding number 2.
    expect(isSimplePolygon([...square(0, 0), ...square(0, 0)])).toBe(false);
  });

  it('accepts simple polygons, also ones with repeated vertices or touching themselves', () => {
    expect(isSimplePolygon(ell)).toBe(true);
    expect(isSimplePolygon([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBe(true);
    // Two squares joined at the corner (1, 1), traced as one ring.
    expect(isSimplePolygon([[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1]])).toBe(true);
  });

  it('rejects a vertex that is not two finite numbers', () => {
    expect(() => polygonArea([[0, 0], [1, Number.POSITIVE_INFINITY], [1, 1]])).toThrow(/vertex 1/);
  });
});
