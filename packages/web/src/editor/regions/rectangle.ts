import { fromCentredBox, toCentredBox } from '@laoshi/core';
import { boundsOf, rotatePoint } from '../geometry.js';
import type { ImageSize, Point, RectangleGeometry } from '../types.js';
import { finite, inImage, pct, px, type Handle, type ImageRegionKind } from './region-kind.js';

// A rectangle in Label Studio's form: (x, y) is the anchor it rotates about (the top-left corner
// before rotation), rotation is clockwise in degrees. Rotation happens in pixels, never percent.

/** Side length under which a dragged rectangle is treated as a click, in world pixels. */
export const MIN_RECTANGLE_SIDE = 1;

interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
}

function toPixels(g: RectangleGeometry, size: ImageSize): PixelBox {
  return { x: px(g.x, size.width), y: px(g.y, size.height), width: px(g.width, size.width), height: px(g.height, size.height), rotation: g.rotation };
}

function fromPixels(b: PixelBox, size: ImageSize): RectangleGeometry {
  return { kind: 'rectangle', x: pct(b.x, size.width), y: pct(b.y, size.height), width: pct(b.width, size.width), height: pct(b.height, size.height), rotation: b.rotation };
}

/** The four corners in world pixels: anchor, along the width, opposite, along the height. */
export function rectangleCorners(g: RectangleGeometry, size: ImageSize): [Point, Point, Point, Point] {
  const b = toPixels(g, size);
  const anchor = { x: b.x, y: b.y };
  const corner = (u: number, v: number) => (b.rotation === 0 ? { x: b.x + u, y: b.y + v } : rotatePoint({ x: b.x + u, y: b.y + v }, anchor, b.rotation));
  return [anchor, corner(b.width, 0), corner(b.width, b.height), corner(0, b.height)];
}

/** `p` in the rectangle's own frame: origin at the anchor, axes along its sides. */
function toLocal(b: PixelBox, p: Point): Point {
  const q = b.rotation === 0 ? p : rotatePoint(p, { x: b.x, y: b.y }, -b.rotation);
  return { x: q.x - b.x, y: q.y - b.y };
}

/** An upright rectangle from two world corners, clamped to the image. */
export function rectangleFromCorners(a: Point, b: Point, size: ImageSize): RectangleGeometry {
  const left = inImage(pct(Math.min(a.x, b.x), size.width));
  const top = inImage(pct(Math.min(a.y, b.y), size.height));
  const right = inImage(pct(Math.max(a.x, b.x), size.width));
  const bottom = inImage(pct(Math.max(a.y, b.y), size.height));
  return { kind: 'rectangle', x: left, y: top, width: right - left, height: bottom - top, rotation: 0 };
}

const RESIZE_HANDLES: readonly (readonly [string, number, number])[] = [
  ['nw', 0, 0], ['n', 0.5, 0], ['ne', 1, 0], ['e', 1, 0.5], ['se', 1, 1], ['s', 0.5, 1], ['sw', 0, 1], ['w', 0, 0.5],
];

/**
 * The rectangle with the edges that handle `key` controls moved to world point `p`; works in
 * the rectangle's own frame, so rotated rectangles resize along their sides. Dragging past the
 * opposite edge flips the rectangle instead of giving it a negative side.
 */
export function resizeRectangle(g: RectangleGeometry, key: string, p: Point, size: ImageSize): RectangleGeometry {
  const b = toPixels(g, size);
  const local = toLocal(b, p);
  let [left, top, right, bottom] = [0, 0, b.width, b.height];
  if (key.includes('w')) left = local.x;
  if (key.includes('e')) right = local.x;
  if (key.includes('n')) top = local.y;
  if (key.includes('s')) bottom = local.y;
  [left, right] = [Math.min(left, right), Math.max(left, right)];
  [top, bottom] = [Math.min(top, bottom), Math.max(top, bottom)];
  const anchor = b.rotation === 0 ? { x: b.x + left, y: b.y + top } : rotatePoint({ x: b.x + left, y: b.y + top }, { x: b.x, y: b.y }, b.rotation);
  const next = fromPixels({ x: anchor.x, y: anchor.y, width: right - left, height: bottom - top, rotation: b.rotation }, size);
  return b.rotation === 0 ? clampUpright(next) : next;
}

/** The rectangle turned about its centre to `rotation` degrees (normalised to [0, 360)). */
export function rotateRectangle(g: RectangleGeometry, rotation: number, size: ImageSize): RectangleGeometry {
  const b = toPixels(g, size);
  const centred = toCentredBox(b);
  const normalised = ((rotation % 360) + 360) % 360;
  const turned = fromCentredBox({ ...centred, rotation: normalised });
  return fromPixels({ x: turned.x, y: turned.y, width: b.width, height: b.height, rotation: normalised }, size);
}

/** The centre of the rectangle in world pixels. */
export function rectangleCentre(g: RectangleGeometry, size: ImageSize): Point {
  const [a, , c] = rectangleCorners(g, size);
  return { x: (a.x + c.x) / 2, y: (a.y + c.y) / 2 };
}

function clampUpright(g: RectangleGeometry): RectangleGeometry {
  const x = inImage(g.x);
  const y = inImage(g.y);
  return { ...g, x, y, width: Math.min(g.width - (x - g.x), 100 - x), height: Math.min(g.height - (y - g.y), 100 - y) };
}

export const rectangleKind: ImageRegionKind<RectangleGeometry> = {
  kind: 'rectangle',
  validate(g) {
    if (!finite(g.x, g.y, g.width, g.height, g.rotation)) return 'a rectangle needs finite x, y, width, height and rotation';
    if (g.width < 0 || g.height < 0) return `a rectangle cannot have a negative side (width ${g.width}, height ${g.height})`;
    return undefined;
  },
  bounds: (g, size) => boundsOf(rectangleCorners(g, size)),
  hitTest(g, p, size, tolerance) {
    const b = toPixels(g, size);
    const q = toLocal(b, p);
    return q.x >= -tolerance && q.y >= -tolerance && q.x <= b.width + tolerance && q.y <= b.height + tolerance;
  },
  handles(g, size) {
    const b = toPixels(g, size);
    const handles: Handle[] = RESIZE_HANDLES.map(([key, u, v]) => {
      const at = { x: b.x + u * b.width, y: b.y + v * b.height };
      return { kind: 'resize', key, at: b.rotation === 0 ? at : rotatePoint(at, { x: b.x, y: b.y }, b.rotation) };
    });
    const topMiddle = handles[1] as Handle;
    handles.push({ kind: 'rotate', key: 'rotate', at: topMiddle.at });
    return handles;
  },
  translate(g, dx, dy, size) {
    const x = g.x + pct(dx, size.width);
    const y = g.y + pct(dy, size.height);
    // Upright rectangles stay inside the image; a rotated one only keeps its anchor inside.
    if (g.rotation === 0) return { ...g, x: Math.min(Math.max(0, x), 100 - g.width), y: Math.min(Math.max(0, y), 100 - g.height) };
    return { ...g, x: inImage(x), y: inImage(y) };
  },
  trace(path, g, size, v) {
    if (g.rotation === 0) {
      path.rect(px(g.x, size.width) * v.scale + v.x, px(g.y, size.height) * v.scale + v.y, px(g.width, size.width) * v.scale, px(g.height, size.height) * v.scale);
      return;
    }
    const corners = rectangleCorners(g, size);
    path.moveTo(corners[0].x * v.scale + v.x, corners[0].y * v.scale + v.y);
    for (const c of corners.slice(1)) path.lineTo(c.x * v.scale + v.x, c.y * v.scale + v.y);
    path.closePath();
  },
  fillable: () => true,
  labelAnchor: (g, size) => ({ x: px(g.x, size.width), y: px(g.y, size.height) }),
};
