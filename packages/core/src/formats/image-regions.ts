import { polygonBounds } from '../geometry/polygon.js';
import type { ImageSize } from '../geometry/result-shape.js';
import type { Point } from '../geometry/shapes.js';
import type { RegionResultItem } from '../results/result-schema.js';
import { boundingBoxInPixels, type PixelBox } from '../tracks/mot-writer.js';

export type RectangleItem = Extract<RegionResultItem, { type: 'rectanglelabels' }>;
export type PolygonItem = Extract<RegionResultItem, { type: 'polygonlabels' }>;

/** What every region a reader builds shares. */
export interface RegionBase {
  fromName: string;
  toName: string;
  /** Sets `original_width`/`original_height` when known. */
  size?: ImageSize | undefined;
  score?: number | undefined;
  meta?: Record<string, unknown> | undefined;
}

/** `value` clamped to [0, 100]: Laoshi's result schema takes percentages of the image only. */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * Pixels to percent of `size` pixels, clamped to the image. One division after an exact
 * multiplication keeps round numbers round: 64 px of 640 is exactly 10.
 */
export function toPercent(pixels: number, size: number): number {
  return clampPercent((pixels * 100) / size);
}

/** Percent of `size` pixels to pixels. */
export function toPixels(percent: number, size: number): number {
  return (percent * size) / 100;
}

/**
 * A rectangle region from a box given as its left, top, right and bottom edges in percent; the
 * edges are clamped to the image first, so a box poking out of it is cut at the border.
 */
export function rectangleRegion(id: string, label: string, edges: [number, number, number, number], base: RegionBase): RectangleItem {
  const [left, top, right, bottom] = edges.map(clampPercent) as [number, number, number, number];
  const value = { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top), rotation: 0, rectanglelabels: [label] };
  return { ...common(id, base), type: 'rectanglelabels', value };
}

/** A polygon region from vertices in percent, each clamped to the image. */
export function polygonRegion(id: string, label: string, points: readonly Point[], base: RegionBase): PolygonItem {
  const value = { points: points.map(([x, y]): [number, number] => [clampPercent(x), clampPercent(y)]), closed: true, polygonlabels: [label] };
  return { ...common(id, base), type: 'polygonlabels', value };
}

/** The text span region of `text` from `start` to `end` (UTF-16 offsets, as Label Studio counts). */
export function spanRegion(id: string, label: string, start: number, end: number, text: string, base: RegionBase): Extract<RegionResultItem, { type: 'labels' }> {
  return { ...common(id, base), type: 'labels', value: { start, end, text: text.slice(start, end), labels: [label] } };
}

function common(id: string, base: RegionBase) {
  const out: { id: string; from_name: string; to_name: string; original_width?: number; original_height?: number; score?: number; meta?: Record<string, unknown> } = {
    id, from_name: base.fromName, to_name: base.toName,
  };
  if (base.size !== undefined) [out.original_width, out.original_height] = [base.size.width, base.size.height];
  if (base.score !== undefined) out.score = base.score;
  if (base.meta !== undefined && Object.keys(base.meta).length > 0) out.meta = base.meta;
  return out;
}

/**
 * The axis-aligned bounds in pixels of a rectangle or polygon region on an image of `size`.
 * A rotated rectangle gives the bounds of its rotated corners (formats without rotation lose it).
 */
export function pixelBounds(region: RectangleItem | PolygonItem, size: ImageSize): PixelBox {
  if (region.type === 'rectanglelabels') {
    const { x, y, width, height, rotation = 0 } = region.value;
    return boundingBoxInPixels({ x, y, width, height, rotation }, size.width, size.height);
  }
  const [minX, minY, maxX, maxY] = polygonBounds(region.value.points);
  const [left, top] = [toPixels(minX, size.width), toPixels(minY, size.height)];
  return { left, top, width: toPixels(maxX, size.width) - left, height: toPixels(maxY, size.height) - top };
}

/** True when a rectangle is turned by something other than whole half turns. */
export function isRotated(region: RectangleItem): boolean {
  return (region.value.rotation ?? 0) % 180 !== 0;
}
