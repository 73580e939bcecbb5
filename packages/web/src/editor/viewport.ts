import { clamp } from './geometry.js';
import type { ImageSize, Point, Viewport } from './types.js';

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 64;
/** Space left around the image when it is fitted to the view, in CSS pixels. */
const FIT_MARGIN = 16;

export const IDENTITY_VIEWPORT: Viewport = { x: 0, y: 0, scale: 1 };

/** World (image pixel) → screen (CSS pixel). */
export function toScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
}

/** Screen → world. */
export function toWorld(v: Viewport, p: Point): Point {
  return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale };
}

/**
 * Zooms by `factor` keeping the world point under `anchor` (a screen point, usually the cursor)
 * where it is.
 */
export function zoomAt(v: Viewport, anchor: Point, factor: number): Viewport {
  const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
  const world = toWorld(v, anchor);
  return { scale, x: anchor.x - world.x * scale, y: anchor.y - world.y * scale };
}

/** Moves the view by a screen distance. */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

/** The viewport that shows the whole image centred in the view. */
export function fitViewport(view: ImageSize, image: ImageSize): Viewport {
  const room = { width: Math.max(1, view.width - 2 * FIT_MARGIN), height: Math.max(1, view.height - 2 * FIT_MARGIN) };
  const scale = clamp(Math.min(room.width / image.width, room.height / image.height), MIN_SCALE, MAX_SCALE);
  return { scale, x: (view.width - image.width * scale) / 2, y: (view.height - image.height * scale) / 2 };
}

/** Wheel delta (pixels) → zoom factor: smooth for trackpads, one notch ≈ 10 %. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(-clamp(deltaY, -200, 200) / 1000);
}
