import type { RegionResultItem } from '../results/result-schema.js';
import { boxCorners } from './box.js';
import { GeometryError } from './geometry-error.js';
import type { Shape, Span } from './shapes.js';

/** Size of the original image in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

export interface ShapeFromResultOptions {
  /** Used for rotated rectangles when the item has no `original_width`/`original_height`. */
  imageSize?: ImageSize;
}

/**
 * The shape of a `rectanglelabels` or `polygonlabels` item in percent of the image, or undefined
 * for other types. IoU does not change when each axis is scaled, so percent serves every shape,
 * except that a rotation happens in pixels: a rotated rectangle becomes its four corners, rotated
 * at the image's aspect ratio and converted back to percent. Throws GeometryError when that
 * needs an image size neither the item nor the options give.
 */
export function shapeFromResult(item: RegionResultItem, options: ShapeFromResultOptions = {}): Shape | undefined {
  if (item.type === 'polygonlabels') return { kind: 'polygon', points: item.value.points };
  if (item.type !== 'rectanglelabels') return undefined;
  const { x, y, width, height, rotation = 0 } = item.value;
  // Half turns keep the box axis-aligned, where percent and pixels agree.
  if (rotation % 180 === 0) return { kind: 'box', box: { x, y, width, height, rotation } };
  const w = item.original_width ?? options.imageSize?.width;
  const h = item.original_height ?? options.imageSize?.height;
  if (w === undefined || h === undefined || !(w > 0) || !(h > 0)) {
    throw new GeometryError(`rectangle "${item.id}" is rotated by ${rotation}°, which needs the image size (original_width and original_height)`);
  }
  const corners = boxCorners({ x: (x * w) / 100, y: (y * h) / 100, width: (width * w) / 100, height: (height * h) / 100, rotation });
  return { kind: 'polygon', points: corners.map(([px, py]) => [(px * 100) / w, (py * 100) / h] as const) };
}

/** The span of a `labels` item with numeric offsets (text characters, audio seconds), else undefined. */
export function spanFromResult(item: RegionResultItem): Span | undefined {
  if (item.type !== 'labels') return undefined;
  const { start, end } = item.value;
  return typeof start === 'number' && typeof end === 'number' ? { start, end } : undefined;
}

/** The labels a region item carries under its own type, e.g. `value.rectanglelabels`; [] when none. */
export function regionLabels(item: RegionResultItem): string[] {
  const labels = (item.value as Record<string, unknown>)[item.type];
  return Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string') : [];
}
