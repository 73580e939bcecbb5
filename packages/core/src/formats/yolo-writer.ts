import type { ImageSize } from '../geometry/result-shape.js';
import { FormatError } from './format-error.js';
import { isRotated, pixelBounds } from './image-regions.js';
import { firstLabel, imageSizeOf, regionsToWrite, rounded, type WritableTask, type WriteOptions } from './task-record.js';

export interface YoloWriteOptions extends WriteOptions {
  /** Class names in class-id order (the label config's labels); a region with another label is an error. */
  labels: readonly string[];
  /** The image size of a task whose regions and `meta` give none; only rotated boxes need it. */
  imageSize?: (task: WritableTask) => ImageSize | undefined;
  /** Decimal places of the normalised values; default 6. */
  decimals?: number;
}

/**
 * The YOLO label file of one task: a line `class cx cy w h` per rectangle (a rotated one as its
 * axis-aligned bounds, clipped to the image) and `class x1 y1 … xn yn` per polygon, normalised to
 * [0, 1]; regions of other types are left out. An image without regions gives an empty file,
 * which YOLO reads as a background image. `index` only names the task in errors.
 * @example writeYoloLabels(task, { labels: ['cat', 'dog'] }) // '1 0.5 0.5 0.25 0.5\n'
 */
export function writeYoloLabels(task: WritableTask, options: YoloWriteOptions, index = 0): string {
  const regions = regionsToWrite(task, index, ['rectanglelabels', 'polygonlabels'], options, 'yolo');
  const ids = new Map(options.labels.map((label, i) => [label, i] as const));
  const n = (v: number) => String(rounded(Math.min(1, Math.max(0, v)), options.decimals ?? 6));
  const at = (j: number) => `tasks[${index}].${options.from ?? 'annotations'}[0].result[${j}]`;
  return regions.map((region, j) => {
    const label = firstLabel(region, 'yolo', at(j));
    const cls = ids.get(label);
    if (cls === undefined) throw new FormatError('yolo', `label "${label}" is not one of the classes`, { path: at(j) });
    if (region.type === 'polygonlabels') return `${cls} ${region.value.points.map(([x, y]) => `${n(x / 100)} ${n(y / 100)}`).join(' ')}\n`;
    let { x, y, width, height } = region.value;
    if (isRotated(region)) {
      const size = imageSizeOf(task, regions, options.imageSize);
      if (size === undefined) throw new FormatError('yolo', 'a rotated box needs the image size (original_width/original_height) to find its bounds', { path: at(j) });
      const b = pixelBounds(region, size);
      [x, y, width, height] = [(b.left * 100) / size.width, (b.top * 100) / size.height, (b.width * 100) / size.width, (b.height * 100) / size.height];
    }
    // Clip to the image first, so the centre and size describe the part inside it.
    const [left, top] = [Math.max(0, x), Math.max(0, y)];
    const [right, bottom] = [Math.min(100, x + width), Math.min(100, y + height)];
    const [w, h] = [Math.max(0, right - left), Math.max(0, bottom - top)];
    return `${cls} ${n((left + w / 2) / 100)} ${n((top + h / 2) / 100)} ${n(w / 100)} ${n(h / 100)}\n`;
  }).join('');
}

/** A `classes.txt`: one class name per line, in class-id order. */
export function writeYoloClasses(labels: readonly string[]): string {
  labels.forEach((label, i) => {
    if (label.trim() === '' || /[\r\n]/.test(label)) throw new FormatError('yolo', `class ${i} must be a one-line, non-blank name`, { path: `labels[${i}]` });
  });
  return labels.map((label) => `${label}\n`).join('');
}

export interface YoloDataYamlOptions {
  /** Dataset root (`path:`). */
  path?: string;
  /** Image folders or lists, relative to `path`. */
  train?: string;
  val?: string;
  test?: string;
}

/**
 * An Ultralytics `data.yaml` with the given folders and `names` as a map from class id to name
 * (every string single-quoted, so any name survives), readable by `readYoloDataYaml`.
 */
export function writeYoloDataYaml(labels: readonly string[], options: YoloDataYamlOptions = {}): string {
  const quote = (text: string, what: string) => {
    if (/[\r\n]/.test(text)) throw new FormatError('yolo', `${what} must be on one line`, { path: what });
    return `'${text.replace(/'/g, "''")}'`;
  };
  const lines: string[] = [];
  for (const key of ['path', 'train', 'val', 'test'] as const) {
    const value = options[key];
    if (value !== undefined) lines.push(`${key}: ${quote(value, key)}`);
  }
  lines.push(`nc: ${labels.length}`, labels.length === 0 ? 'names: {}' : 'names:');
  labels.forEach((label, i) => lines.push(`  ${i}: ${quote(label, `labels[${i}]`)}`));
  return `${lines.join('\n')}\n`;
}
