import type { TrackPoint } from './track-types.js';

// Arc-length parametrisation of polylines (open) and polygons (closed, the edge back to the first
// vertex counts). A position along the outline is a fraction of its length: 0 is the first vertex,
// 1 the last vertex of a polyline or the first vertex again for a polygon.

/**
 * The fraction of the outline's length at which each vertex sits. When the outline has no
 * length (all vertices equal) the vertices are spread evenly by index instead.
 * @example arcFractions([[0, 0], [10, 0], [10, 10]], false) // [0, 0.5, 1]
 */
export function arcFractions(points: readonly TrackPoint[], closed: boolean): number[] {
  const n = points.length;
  const cumulative = new Array<number>(n);
  let length = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) length += distance(points[i - 1] as TrackPoint, points[i] as TrackPoint);
    cumulative[i] = length;
  }
  if (closed && n > 1) length += distance(points[n - 1] as TrackPoint, points[0] as TrackPoint);
  const evenly = closed ? n : n - 1;
  return cumulative.map((c, i) => (length > 0 ? c / length : evenly > 0 ? i / evenly : 0));
}

/**
 * The points at the given fractions (ascending, within [0, 1]) along the outline. A fraction
 * equal to a vertex's own fraction returns that vertex exactly.
 */
export function pointsAtFractions(points: readonly TrackPoint[], fractions: readonly number[], closed: boolean): TrackPoint[] {
  const n = points.length;
  if (n === 0) return [];
  const own = arcFractions(points, closed);
  // For a polygon the closing edge ends at the first vertex again, at fraction 1.
  const vertexCount = closed ? n + 1 : n;
  const vertex = (i: number): TrackPoint => points[i === n ? 0 : i] as TrackPoint;
  const fractionOf = (i: number): number => (i === n ? 1 : (own[i] as number));
  const out: TrackPoint[] = [];
  let j = 0;
  for (const f of fractions) {
    while (j < vertexCount - 2 && fractionOf(j + 1) <= f) j++;
    const a = vertex(j);
    if (vertexCount < 2 || f <= fractionOf(j)) {
      out.push([a[0], a[1]]);
      continue;
    }
    const end = fractionOf(j + 1);
    const b = vertex(j + 1);
    if (f >= end) {
      out.push([b[0], b[1]]);
      continue;
    }
    const t = (f - fractionOf(j)) / (end - fractionOf(j));
    out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  }
  return out;
}

/**
 * Resamples an outline to `count` points evenly spaced along its length. A polyline keeps both
 * ends; a polygon starts at its first vertex and spaces the points by perimeter / count.
 * @example resampleByArcLength([[0, 0], [10, 0], [10, 10]], 5, false)
 *   // [[0, 0], [5, 0], [10, 0], [10, 5], [10, 10]]
 */
export function resampleByArcLength(points: readonly TrackPoint[], count: number, closed: boolean): TrackPoint[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const steps = closed ? count : count - 1;
  const fractions = Array.from({ length: count }, (_, i) => (steps > 0 ? i / steps : 0));
  return pointsAtFractions(points, fractions, closed);
}

/**
 * Brings two outlines with different vertex counts to the same count so they can be blended
 * vertex by vertex. Both are resampled by arc length at the union of their own vertices'
 * fractions, so each keeps its exact geometry (every original vertex survives; the added points
 * lie on its edges) and an interpolation between them starts and ends on the true shapes.
 *
 * Polygons are first matched up: `b` is rotated to start at its vertex nearest `a[0]`, and
 * reversed (keeping that start) when the two wind in opposite directions.
 */
export function alignOutlines(a: readonly TrackPoint[], b: readonly TrackPoint[], closed: boolean): [TrackPoint[], TrackPoint[]] {
  const other = closed ? matchPolygon(a, b) : b;
  const fa = arcFractions(a, closed);
  const fb = arcFractions(other, closed);
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < fa.length || j < fb.length) {
    const x = i < fa.length ? (fa[i] as number) : Infinity;
    const y = j < fb.length ? (fb[j] as number) : Infinity;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    merged.push(next);
  }
  return [pointsAtFractions(a, merged, closed), pointsAtFractions(other, merged, closed)];
}

/** `b` reordered to start at its vertex nearest `a[0]` and to wind the same way as `a`. */
function matchPolygon(a: readonly TrackPoint[], b: readonly TrackPoint[]): TrackPoint[] {
  const first = a[0];
  if (first === undefined || b.length === 0) return [...b];
  let start = 0;
  let best = Infinity;
  b.forEach((p, k) => {
    const d = distance(first, p);
    if (d < best) {
      best = d;
      start = k;
    }
  });
  const rotated = [...b.slice(start), ...b.slice(0, start)];
  if (signedArea(a) * signedArea(rotated) < 0) return [rotated[0] as TrackPoint, ...rotated.slice(1).reverse()];
  return rotated;
}

/** Twice the signed area (shoelace); the sign tells the winding direction. */
function signedArea(points: readonly TrackPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as TrackPoint;
    const q = points[(i + 1) % points.length] as TrackPoint;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum;
}

function distance(p: TrackPoint, q: TrackPoint): number {
  return Math.hypot(q[0] - p[0], q[1] - p[1]);
}
