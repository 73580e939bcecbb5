import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxCorners, boxIoU, polygonArea, polygonIntersectionArea, polygonIoU, polygonSignedArea, spanIoU, type Box, type Point, type Polygon } from '../../src/geometry/index.js';

const coord = fc.double({ min: -50, max: 50, noNaN: true });
const side = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 40, noNaN: true }));
const box = fc.record({ x: coord, y: coord, width: side, height: side, rotation: fc.oneof(fc.constant(0), fc.double({ min: -360, max: 360, noNaN: true })) });

/** True when sorted steps (of 64 per turn) leave no gap of a half turn or more, wrapping round. */
function halfTurnGaps(steps: number[]): boolean {
  const sorted = [...steps].sort((p, q) => p - q);
  return sorted.every((step, i) => (i + 1 < sorted.length ? sorted[i + 1]! : sorted[0]! + 64) - step < 32);
}

/**
 * A star-shaped polygon around its centre: distinct angles on a 64-step grid (so rounding cannot
 * make two rays cross) less than a half turn apart, any radii — often concave, always simple, and
 * exactly the union of the fan of triangles from the centre.
 */
const star = fc
  .tuple(coord, coord, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 3, maxLength: 12 }).filter(halfTurnGaps), fc.array(fc.double({ min: 0.5, max: 30, noNaN: true }), { minLength: 12, maxLength: 12 }))
  .map(([cx, cy, steps, radii]) => ({
    centre: [cx, cy] as const,
    points: [...steps].sort((p, q) => p - q).map((step, i): Point => {
      const angle = (step * Math.PI) / 32;
      return [cx + radii[i]! * Math.cos(angle), cy + radii[i]! * Math.sin(angle)];
    }),
  }));
const starPolygon = star.map((s) => s.points);

/** Triangles (centre, vᵢ, vᵢ₊₁) that tile a star polygon. */
function fan({ centre, points }: { centre: Point; points: Polygon }): Polygon[] {
  return points.map((p, i) => [centre, p, points[(i + 1) % points.length]!]);
}

/** Sutherland–Hodgman: the part of `subject` inside the convex `clip` (both any orientation). */
function clipConvex(subject: Polygon, clip: Polygon): Polygon {
  const sign = polygonSignedArea(clip) >= 0 ? 1 : -1;
  const side = (a: Point, b: Point, p: Point) => sign * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
  let out: Point[] = [...subject];
  clip.forEach((a, i) => {
    const b = clip[(i + 1) % clip.length]!;
    const input = out;
    out = [];
    input.forEach((p, j) => {
      const q = input[(j + 1) % input.length]!;
      const [sp, sq] = [side(a, b, p), side(a, b, q)];
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    });
  });
  return out;
}

describe('IoU properties', () => {
  it('box IoU is symmetric and in [0, 1]', () => {
    fc.assert(fc.property(box, box, (a: Box, b: Box) => {
      const ab = boxIoU(a, b);
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab).toBeLessThanOrEqual(1);
      expect(boxIoU(b, a)).toBeCloseTo(ab, 9);
    }));
  });

  it('polygon IoU is symmetric, in [0, 1], and 1 against itself', () => {
    fc.assert(fc.property(starPolygon, starPolygon, (a, b) => {
      const ab = polygonIoU(a, b);
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab).toBeLessThanOrEqual(1);
      expect(polygonIoU(b, a)).toBeCloseTo(ab, 9);
      if (polygonArea(a) > 1e-6) expect(polygonIoU(a, a)).toBeCloseTo(1, 9);
    }));
  });

  it('rotated-box IoU agrees with Sutherland–Hodgman clipping of the corners (an independent oracle)', () => {
    fc.assert(fc.property(box, box, (a, b) => {
      const [pa, pb] = [boxCorners(a), boxCorners(b)];
      const inter = polygonArea(clipConvex(pa, pb));
      const union = polygonArea(pa) + polygonArea(pb) - inter;
      const expected = union > 0 ? inter / union : 0;
      expect(boxIoU(a, b)).toBeCloseTo(expected, 9);
      expect(polygonIoU(pa, pb)).toBeCloseTo(expected, 9);
    }));
  });

  it('concave polygon intersection agrees with clipping their convex fan triangles pairwise', () => {
    fc.assert(fc.property(star, star, (a, b) => {
      // The fans tile each polygon, so |A ∩ B| = Σᵢ Σⱼ |Tᵢ ∩ Uⱼ|.
      const expected = fan(a).reduce((sum, t) => sum + fan(b).reduce((s2, u) => s2 + polygonArea(clipConvex(t, u)), 0), 0);
      const scale = Math.max(1, polygonArea(a.points), polygonArea(b.points));
      expect(polygonIntersectionArea(a.points, b.points) / scale).toBeCloseTo(expected / scale, 9);
    }));
  });

  it('polygon IoU is unchanged by scaling each axis (why percent coordinates work)', () => {
    fc.assert(fc.property(starPolygon, starPolygon, fc.double({ min: 0.1, max: 10, noNaN: true }), (a, b, k) => {
      const stretch = (p: Polygon): Polygon => p.map(([x, y]) => [x * k, y] as const);
      expect(polygonIoU(stretch(a), stretch(b))).toBeCloseTo(polygonIoU(a, b), 9);
    }));
  });

  it('span IoU is symmetric and in [0, 1]', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(fc.property(span, span, (a, b) => {
      const ab = spanIoU(a, b);
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab).toBeLessThanOrEqual(1);
      expect(spanIoU(b, a)).toBe(ab);
    }));
  });
});
