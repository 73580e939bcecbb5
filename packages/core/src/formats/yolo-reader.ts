import type { ImageSize } from '../geometry/result-shape.js';
import type { Point } from '../geometry/shapes.js';
import type { RegionResultItem } from '../results/result-schema.js';
import { FormatError } from './format-error.js';
import { polygonRegion, rectangleRegion, type RegionBase } from './image-regions.js';
import { makeTask, type ReadOptions, type TaskRecord } from './task-record.js';
import { stripBom } from './text-source.js';

export interface YoloReadOptions extends ReadOptions {
  /** Class names by class id (from `readYoloClasses` or `readYoloDataYaml`); without them a label is the class id as text. */
  names?: readonly string[];
  /** The image size in pixels, to set `original_width`/`original_height` on the regions. */
  imageSize?: ImageSize;
}

/**
 * How far a normalised coordinate may stray outside [0, 1] (exporters round, and boxes touch the
 * border) before the file is taken for one in pixels; values within it are clamped to the image.
 */
export const YOLO_SLOP = 0.01;

/** A decimal number as Python writes one (no hex, no Infinity). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Regions from one YOLO label file. Each non-blank line is `class cx cy w h` (a box, centre and
 * size normalised to [0, 1]), `class cx cy w h confidence` (a detection; the confidence becomes
 * the region's `score`), or `class x1 y1 x2 y2 … xn yn` with n ≥ 3 (a segmentation polygon).
 * LF, CRLF and CR line breaks and a byte order mark are accepted. Region ids are `yolo-<line>`.
 * @example readYoloLabels('0 0.5 0.5 0.25 0.5\r\n', { names: ['cat'] })
 *   // a cat rectangle at x 37.5, y 25, width 25, height 50 (percent)
 */
export function readYoloLabels(text: string, options: YoloReadOptions = {}): RegionResultItem[] {
  const base: RegionBase = { fromName: options.fromName ?? 'label', toName: options.toName ?? 'image', size: options.imageSize };
  const regions: RegionResultItem[] = [];
  stripBom(text).split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '') return;
    const numbers = fields.map((field, k) => {
      const n = NUMBER.test(field) ? Number(field) : NaN;
      if (!Number.isFinite(n)) throw new FormatError('yolo', `column ${k + 1} is "${clip(field)}", not a number`, { line });
      return n;
    });
    const [cls = 0, ...coords] = numbers;
    const label = labelOf(cls, options.names, line);
    const id = `yolo-${line}`;
    if (coords.length === 4 || coords.length === 5) {
      const [cx = 0, cy = 0, w = 0, h = 0, score] = coords.map((v, k) => (k < 4 ? normalised(v, line, k + 2) : v));
      if (w < 0 || h < 0) throw new FormatError('yolo', `a box cannot have a negative size (w ${w}, h ${h})`, { line });
      const edges: [number, number, number, number] = [(cx - w / 2) * 100, (cy - h / 2) * 100, (cx + w / 2) * 100, (cy + h / 2) * 100];
      regions.push(rectangleRegion(id, label, edges, { ...base, score }));
    } else if (coords.length >= 6 && coords.length % 2 === 0) {
      const points: Point[] = [];
      for (let k = 0; k < coords.length; k += 2) points.push([normalised(coords[k] ?? 0, line, k + 2) * 100, normalised(coords[k + 1] ?? 0, line, k + 3) * 100]);
      regions.push(polygonRegion(id, label, points, base));
    } else {
      throw new FormatError('yolo', `expected "class cx cy w h" or "class x1 y1 … xn yn" with 3 or more points, got ${fields.length} columns`, { line });
    }
  });
  return regions;
}

/**
 * A task for one image and the text of its YOLO label file:
 * `{ data: { image }, annotations: [{ result }] }` (see `readYoloLabels`).
 */
export function readYoloTask(image: string, labels: string, options: YoloReadOptions = {}): TaskRecord {
  const meta = options.imageSize === undefined ? undefined : { original_width: options.imageSize.width, original_height: options.imageSize.height };
  return makeTask({ [options.dataKey ?? 'image']: image }, readYoloLabels(labels, options), options, meta);
}

function labelOf(cls: number, names: readonly string[] | undefined, line: number): string {
  if (!Number.isSafeInteger(cls) || cls < 0) throw new FormatError('yolo', `class ${cls} is not a class id (a whole number from 0)`, { line });
  if (names === undefined) return String(cls);
  const name = names[cls];
  if (name === undefined) throw new FormatError('yolo', `class ${cls} has no name: there are ${names.length} classes (0 … ${names.length - 1})`, { line });
  return name;
}

function normalised(value: number, line: number, column: number): number {
  if (value < -YOLO_SLOP || value > 1 + YOLO_SLOP) {
    throw new FormatError('yolo', `column ${column} is ${value}, outside [0, 1]: YOLO coordinates are fractions of the image size, not pixels`, { line });
  }
  return value;
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
