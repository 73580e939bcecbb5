import { boundsOf, distanceToSegment, pointInPolygon } from '../geometry.js';
import type { ImageSize, Point, PolygonGeometry } from '../types.js';
import { finite, inImage, pct, px, type ImageRegionKind } from './region-kind.js';

// Polygons (closed) and polylines (open) share one kind: Label Studio stores both as
// `polygonlabels` and tells them apart by `closed`.

/** Vertices in world pixels. */
export function polygonVertices(g: PolygonGeometry, size: ImageSize): Point[] {
  return g.points.map(([x, y]) => ({ x: px(x, size.width), y: px(y, size.height) }));
}

/** The geometry for world-pixel vertices, clamped to the image. */
export function polygonFromVertices(points: readonly Point[], closed: boolean, size: ImageSize): PolygonGeometry {
  return { kind: 'polygon', closed, points: points.map((p) => [inImage(pct(p.x, size.width)), inImage(pct(p.y, size.height))] as const) };
}

/** The polygon with vertex `index` moved to world point `p`. */
export function moveVertex(g: PolygonGeometry, index: number, p: Point, size: ImageSize): PolygonGeometry {
  if (index < 0 || index >= g.points.length) return g;
  const points = [...g.points];
  points[index] = [inImage(pct(p.x, size.width)), inImage(pct(p.y, size.height))];
  return { ...g, points };
}

/** The polygon without vertex `index`; a polygon keeps at least three vertices, a polyline two. */
export function removeVertex(g: PolygonGeometry, index: number): PolygonGeometry {
  if (g.points.length <= (g.closed ? 3 : 2) || index < 0 || index >= g.points.length) return g;
  return { ...g, points: g.points.filter((_, i) => i !== index) };
}

/**
 * The edge nearest to world point `p` within `tolerance`, as the index the new vertex would take
 * (inserting at `index` splits the edge from `index - 1` to `index`), or -1.
 */
export function edgeNear(g: PolygonGeometry, p: Point, size: ImageSize, tolerance: number): number {
  const vertices = polygonVertices(g, size);
  let best = -1;
  let bestDistance = tolerance;
  const edges = g.closed ? vertices.length : vertices.length - 1;
  for (let i = 0; i < edges; i++) {
    const d = distanceToSegment(p, vertices[i] as Point, vertices[(i + 1) % vertices.length] as Point);
    if (d <= bestDistance) [best, bestDistance] = [i + 1, d];
  }
  return best;
}

/** The polygon with a new vertex at world point `p` inserted at `index`. */
export function insertVertex(g: PolygonGeometry, index: number, p: Point, size: ImageSize): PolygonGeometry {
  const points = [...g.points];
  points.splice(index, 0, [inImage(pct(p.x, size.width)), inImage(pct(p.y, size.height))]);
  return { ...g, points };
}

export const polygonKind: ImageRegionKind<PolygonGeometry> = {
  kind: 'polygon',
  validate(g) {
    if (g.points.length < (g.closed ? 3 : 2)) return `a ${g.closed ? 'polygon needs at least three' : 'polyline needs at least two'} points, got ${g.points.length}`;
    if (!g.points.every(([x, y]) => finite(x, y))) return 'polygon points must be finite numbers';
    return undefined;
  },
  bounds: (g, size) => boundsOf(polygonVertices(g, size)),
  hitTest(g, p, size, tolerance) {
    const vertices = polygonVertices(g, size);
    if (g.closed && pointInPolygon(p, vertices)) return true;
    return edgeNear(g, p, size, tolerance) >= 0;
  },
  handles: (g, size) => polygonVertices(g, size).map((at, i) => ({ kind: 'vertex', key: String(i), at })),
  translate(g, dx, dy, size) {
    const b = boundsOf(g.points.map(([x, y]) => ({ x, y })));
    // Shift by no more than keeps every vertex inside the image.
    const sx = Math.min(Math.max(pct(dx, size.width), -b.minX), 100 - b.maxX);
    const sy = Math.min(Math.max(pct(dy, size.height), -b.minY), 100 - b.maxY);
    return { ...g, points: g.points.map(([x, y]) => [x + sx, y + sy] as const) };
  },
  trace(path, g, size, v) {
    const vertices = polygonVertices(g, size);
    vertices.forEach((p, i) => {
      if (i === 0) path.moveTo(p.x * v.scale + v.x, p.y * v.scale + v.y);
      else path.lineTo(p.x * v.scale + v.x, p.y * v.scale + v.y);
    });
    if (g.closed) path.closePath();
  },
  fillable: (g) => g.closed,
  labelAnchor(g, size) {
    const b = boundsOf(polygonVertices(g, size));
    return { x: b.minX, y: b.minY };
  },
};
