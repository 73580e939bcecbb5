import type { PathSink } from '../render/draw-surface.js';
import type { Aabb, ImageSize, Point, RegionGeometry, Viewport } from '../types.js';

/** A handle the select tool can drag: a resize corner/edge, a polygon vertex or the rotate knob. */
export interface Handle {
  kind: 'resize' | 'vertex' | 'rotate';
  /** `nw`, `n`, … for resize handles, the vertex index for vertices. */
  key: string;
  /** Where it is, in world coordinates (the rotate knob is placed in screen space by the overlay). */
  at: Point;
}

/**
 * Everything about one kind of image region in one place: its geometry in world pixels,
 * hit-test, handles, moving and drawing. Geometry is stored in percent; `size` converts.
 */
export interface ImageRegionKind<G extends RegionGeometry> {
  kind: G['kind'];
  /** A problem with the geometry, or undefined when it is valid. */
  validate(g: G): string | undefined;
  bounds(g: G, size: ImageSize): Aabb;
  /** True when world point `p` is on the region, within `tolerance` world units of its outline. */
  hitTest(g: G, p: Point, size: ImageSize, tolerance: number): boolean;
  /** Handles of a selected region. */
  handles(g: G, size: ImageSize): Handle[];
  /** The region moved by a world distance, kept inside the image where it can be. */
  translate(g: G, dx: number, dy: number, size: ImageSize): G;
  /** Adds the outline to the current path, in screen coordinates. */
  trace(path: PathSink, g: G, size: ImageSize, viewport: Viewport): void;
  /** Whether its outline is closed and can be filled. */
  fillable(g: G): boolean;
  /** The world point a label is drawn at (top-left of the outline). */
  labelAnchor(g: G, size: ImageSize): Point;
}

/** Percent ↔ world pixel conversion along one axis. */
export const px = (percent: number, size: number): number => (percent * size) / 100;
export const pct = (pixels: number, size: number): number => (pixels * 100) / size;

/** Clamp a percent coordinate to the image. */
export const inImage = (percent: number): number => Math.min(100, Math.max(0, percent));

export function finite(...values: number[]): boolean {
  return values.every(Number.isFinite);
}
