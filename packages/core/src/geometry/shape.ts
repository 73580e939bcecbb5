import { boxArea, boxCorners, boxIoU } from './box.js';
import { polygonArea } from './polygon.js';
import { polygonIoU } from './polygon-overlap.js';
import type { Polygon, Shape } from './shapes.js';

/** The outline of a shape as a polygon: a box's four corners, or the polygon itself. */
export function shapeToPolygon(shape: Shape): Polygon {
  return shape.kind === 'box' ? boxCorners(shape.box) : shape.points;
}

/** Area of a box or a simple polygon. */
export function shapeArea(shape: Shape): number {
  return shape.kind === 'box' ? boxArea(shape.box) : polygonArea(shape.points);
}

/**
 * Intersection over union of two shapes of any kind, in [0, 1]; two boxes take the fast path.
 * Throws GeometryError on a self-crossing polygon.
 */
export function shapeIoU(a: Shape, b: Shape): number {
  if (a.kind === 'box' && b.kind === 'box') return boxIoU(a.box, b.box);
  return polygonIoU(shapeToPolygon(a), shapeToPolygon(b));
}
