import type { ImageSize } from '../geometry/result-shape.js';
import { FormatError } from './format-error.js';
import { pixelBounds } from './image-regions.js';
import { dataString, firstLabel, imageSizeOf, regionsToWrite, rounded, type WritableTask, type WriteOptions } from './task-record.js';
import { escapeXml } from './xml-tree.js';

export interface VocWriteOptions extends WriteOptions {
  /** The image size of a task whose regions and `meta` give none. */
  imageSize?: (task: WritableTask) => ImageSize | undefined;
  /** `<folder>`; left out by default. */
  folder?: string;
  /** Decimal places of the pixel coordinates; default 0, the whole pixels VOC tools expect. */
  decimals?: number;
  /** `<depth>`: colour channels of the image; default 3. */
  depth?: number;
}

/**
 * One Pascal VOC annotation file for a task. `<filename>` is the last path segment of
 * `data.image`. Rectangles become `<object>`s with 1-based, inclusive pixel bounds (see
 * `readVoc`): xmin = left + 1, xmax = right. VOC has no polygons or rotation, so a polygon or a
 * rotated box is written as its axis-aligned bounds, clipped to the image. `difficult`,
 * `truncated`, `occluded` and `pose` come from the region's `meta` (defaults 0, 0, left out and
 * `Unspecified`). All text is escaped. `index` only names the task in errors.
 */
export function writeVoc(task: WritableTask, options: VocWriteOptions = {}, index = 0): string {
  const regions = regionsToWrite(task, index, ['rectanglelabels', 'polygonlabels'], options, 'voc');
  const size = imageSizeOf(task, regions, options.imageSize);
  if (size === undefined) {
    throw new FormatError('voc', 'the image size is unknown: set original_width/original_height on a region or in meta, or pass imageSize', { path: `tasks[${index}]` });
  }
  const file = dataString(task, options.dataKey ?? 'image', index, 'voc').split(/[/\\]/).pop() ?? '';
  const n = (v: number) => String(rounded(v, options.decimals ?? 0));
  const tag = (name: string, value: string | number, indent: string) => `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;

  let xml = '<annotation>\n';
  if (options.folder !== undefined) xml += tag('folder', options.folder, '\t');
  xml += tag('filename', file, '\t');
  xml += `\t<size>\n${tag('width', size.width, '\t\t')}${tag('height', size.height, '\t\t')}${tag('depth', options.depth ?? 3, '\t\t')}\t</size>\n`;
  xml += tag('segmented', 0, '\t');
  regions.forEach((region, j) => {
    const label = firstLabel(region, 'voc', `tasks[${index}].${options.from ?? 'annotations'}[0].result[${j}]`);
    const b = pixelBounds(region, size);
    const left = Math.min(size.width, Math.max(0, b.left));
    const top = Math.min(size.height, Math.max(0, b.top));
    const right = Math.min(size.width, Math.max(0, b.left + b.width));
    const bottom = Math.min(size.height, Math.max(0, b.top + b.height));
    const meta = region.meta ?? {};
    xml += '\t<object>\n';
    xml += tag('name', label, '\t\t');
    xml += tag('pose', typeof meta.pose === 'string' ? meta.pose : 'Unspecified', '\t\t');
    xml += tag('truncated', flag(meta.truncated), '\t\t');
    if (meta.occluded !== undefined) xml += tag('occluded', flag(meta.occluded), '\t\t');
    xml += tag('difficult', flag(meta.difficult), '\t\t');
    xml += `\t\t<bndbox>\n${tag('xmin', n(left + 1), '\t\t\t')}${tag('ymin', n(top + 1), '\t\t\t')}${tag('xmax', n(right), '\t\t\t')}${tag('ymax', n(bottom), '\t\t\t')}\t\t</bndbox>\n`;
    xml += '\t</object>\n';
  });
  return `${xml}</annotation>\n`;
}

function flag(value: unknown): number {
  return value === 1 || value === true || value === '1' ? 1 : 0;
}
