import { GeometryError } from './geometry-error.js';
import type { Polygon } from './shapes.js';

/** Throws GeometryError unless every vertex is a pair of finite numbers. */
export function checkPolygon(points: Polygon): void {
  points.forEach((point, i) => {
    if (point.length !== 2 || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      throw new GeometryError(`polygon vertex ${i} must be two finite numbers, got [${point.join(', ')}]`);
    }
  });
}

/**
 * Signed area by the shoelace formula: positive when the vertices run clockwise on screen
 * (y down), negative the other way round. Sums relative to the first vertex to keep precision.
 */
export function polygonSignedArea(points: Polygon): number {
  checkPolygon(points);
  const first = points[0];
  if (first === undefined) return 0;
  let twice = 0;
  for (let i = 1; i + 1 < points.length; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[i + 1]!;
    twice += (ax - first[0]) * (by - first[1]) - (bx - first[0]) * (ay - first[1]);
  }
  return twice / 2;
}

/** Area enclosed by a simple polygon; fewer than three distinct vertices enclose none. */
export function polygonArea(points: Polygon): number {
  return Math.abs(polygonSignedArea(points));
}

/** The smallest axis-aligned rectangle holding every vertex, as `[minX, minY, maxX, maxY]`. */
export function polygonBounds(points: Polygon): [number, number, number, number] {
  checkPolygon(points);
  if (points.length === 0) throw new GeometryError('an empty polygon has no bounds');
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  return [minX, minY, maxX, maxY];
}
