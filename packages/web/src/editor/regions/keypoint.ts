import { distance } from '../geometry.js';
import type { ImageSize, KeypointGeometry, Point } from '../types.js';
import { finite, inImage, pct, px, type ImageRegionKind } from './region-kind.js';

/** Radius a keypoint is drawn with, in screen pixels: the same at every zoom. */
export const KEYPOINT_RADIUS = 4;

export function keypointAt(p: Point, size: ImageSize): KeypointGeometry {
  return { kind: 'keypoint', x: inImage(pct(p.x, size.width)), y: inImage(pct(p.y, size.height)) };
}

const centre = (g: KeypointGeometry, size: ImageSize): Point => ({ x: px(g.x, size.width), y: px(g.y, size.height) });

export const keypointKind: ImageRegionKind<KeypointGeometry> = {
  kind: 'keypoint',
  validate: (g) => (finite(g.x, g.y) ? undefined : 'a keypoint needs finite x and y'),
  bounds(g, size) {
    const c = centre(g, size);
    return { minX: c.x, minY: c.y, maxX: c.x, maxY: c.y };
  },
  // The tolerance is what makes a point hittable: callers pass a few screen pixels in world units.
  hitTest: (g, p, size, tolerance) => distance(centre(g, size), p) <= tolerance * 1.5,
  handles: () => [],
  translate: (g, dx, dy, size) => ({ ...g, x: inImage(g.x + pct(dx, size.width)), y: inImage(g.y + pct(dy, size.height)) }),
  trace(path, g, size, v) {
    const c = centre(g, size);
    const [x, y] = [c.x * v.scale + v.x, c.y * v.scale + v.y];
    path.moveTo(x + KEYPOINT_RADIUS, y);
    path.arc(x, y, KEYPOINT_RADIUS, 0, Math.PI * 2);
  },
  fillable: () => true,
  labelAnchor: (g, size) => centre(g, size),
};
