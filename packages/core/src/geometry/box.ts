import { GeometryError } from './geometry-error.js';
import { polygonIntersectionArea } from './polygon-overlap.js';
import type { Box, Point } from './shapes.js';

/** A box in centre form: the same region as a `Box`, with the rotation about its centre. */
export interface CentredBox {
  cx: number;
  cy: number;
  width: number;
  height: number;
  rotation: number;
}

/** Throws GeometryError unless every number of the box is finite and the sides are not negative. */
export function checkBox(box: Box): void {
  const { x, y, width, height, rotation = 0 } = box;
  if (![x, y, width, height, rotation].every(Number.isFinite)) {
    throw new GeometryError(`a box needs finite numbers, got x=${x} y=${y} width=${width} height=${height} rotation=${rotation}`);
  }
  if (width < 0 || height < 0) throw new GeometryError(`a box cannot have a negative side, got width=${width} height=${height}`);
}

/** Area of a box, width × height; rotation does not change it. */
export function boxArea(box: Box): number {
  checkBox(box);
  return box.width * box.height;
}

/** True when the rotation is a whole number of half turns, so the box covers an axis-aligned rectangle. */
function isUpright(box: Box): boolean {
  return (box.rotation ?? 0) % 180 === 0;
}

/**
 * The four corners of a box, clockwise on screen from its anchor `(x, y)`: the anchor, then along
 * the width, across the height, and back — the same corners as Label Studio's converters.
 */
export function boxCorners(box: Box): [Point, Point, Point, Point] {
  checkBox(box);
  const { x, y, width: w, height: h } = box;
  const turn = ((box.rotation ?? 0) * Math.PI) / 180;
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
  return [
    [x, y],
    [x + w * cos, y + w * sin],
    [x + w * cos - h * sin, y + w * sin + h * cos],
    [x - h * sin, y + h * cos],
  ];
}

/** The axis-aligned rectangle an upright box covers, as `[left, top, right, bottom]`. */
function uprightExtent(box: Box): [number, number, number, number] {
  // A half turn about (x, y) puts the box up and to the left of its anchor.
  const flipped = (((box.rotation ?? 0) % 360) + 360) % 360 === 180;
  const [left, top] = flipped ? [box.x - box.width, box.y - box.height] : [box.x, box.y];
  return [left, top, left + box.width, top + box.height];
}

/** Area covered by both boxes; rotated boxes are clipped as polygons. */
export function boxIntersectionArea(a: Box, b: Box): number {
  checkBox(a);
  checkBox(b);
  if (!isUpright(a) || !isUpright(b)) return polygonIntersectionArea(boxCorners(a), boxCorners(b));
  const [al, at, ar, ab] = uprightExtent(a);
  const [bl, bt, br, bb] = uprightExtent(b);
  return Math.max(0, Math.min(ar, br) - Math.max(al, bl)) * Math.max(0, Math.min(ab, bb) - Math.max(at, bt));
}

/**
 * Intersection over union of two boxes, in [0, 1]; 0 when the union has no area.
 * @example boxIoU({ x: 0, y: 0, width: 1, height: 1 }, { x: 0.5, y: 0, width: 1, height: 1 }) // 1/3
 */
export function boxIoU(a: Box, b: Box): number {
  const inter = boxIntersectionArea(a, b);
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? Math.min(1, Math.max(0, inter / union)) : 0;
}

/** The box in centre form, with its rotation normalised to [0, 360). */
export function toCentredBox(box: Box): CentredBox {
  const [anchor, , opposite] = boxCorners(box);
  const rotation = (((box.rotation ?? 0) % 360) + 360) % 360;
  return { cx: (anchor[0] + opposite[0]) / 2, cy: (anchor[1] + opposite[1]) / 2, width: box.width, height: box.height, rotation };
}

/** The Label Studio box for a box in centre form (inverse of `toCentredBox`). */
export function fromCentredBox(centred: CentredBox): Box {
  const { cx, cy, width: w, height: h, rotation } = centred;
  const turn = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
  // The anchor sits at (−w/2, −h/2) from the centre in the box's own axes.
  return { x: cx - (w / 2) * cos + (h / 2) * sin, y: cy - (w / 2) * sin - (h / 2) * cos, width: w, height: h, rotation };
}
