import { polygonArea } from '../geometry/polygon.js';
import type { ImageSize } from '../geometry/result-shape.js';
import { rleArea, type CocoRle } from './coco-rle.js';
import { FormatError } from './format-error.js';
import { pixelBounds, toPixels, type PolygonItem, type RectangleItem } from './image-regions.js';
import { dataString, firstLabel, imageSizeOf, regionsToWrite, rounded, type WritableTask, type WriteOptions } from './task-record.js';
import type { RecordSource } from './text-source.js';

export interface CocoWriteOptions extends WriteOptions {
  /**
   * Category order: label i gets category id i + 1, so ids stay the same from one export to the
   * next (pass the labels of the label config). Labels not listed follow in the order first met.
   */
  labels?: readonly string[];
  /** The image size of a task whose regions and `meta` give none. */
  imageSize?: (task: WritableTask) => ImageSize | undefined;
  /** Decimal places for pixel values; default 2. */
  decimals?: number;
}

/**
 * Writes tasks as a COCO instances file, in chunks. Image i (0-based) gets id i + 1; rectangles
 * become `bbox` annotations with `segmentation: []` (a rotated one its axis-aligned bounds: COCO
 * has no rotation), or their `meta.rle` mask when they came from one; polygons become
 * `segmentation: [[x1, y1, …]]` with their bounds as `bbox`. `area` is in square pixels.
 *
 * Memory: images and annotations are separate arrays in COCO. Given an array or a function that
 * opens the tasks afresh, the tasks are read twice and nothing piles up; given a one-shot stream,
 * the (small) image entries are kept until the annotations are written.
 * @example for await (const chunk of writeCoco(() => tasksFromDb(), { labels })) res.write(chunk);
 */
export async function* writeCoco(tasks: RecordSource<WritableTask> | (() => RecordSource<WritableTask>), options: CocoWriteOptions = {}): AsyncGenerator<string, void, undefined> {
  const categories = new Map<string, number>();
  options.labels?.forEach((label) => { if (!categories.has(label)) categories.set(label, categories.size + 1); });
  const open = typeof tasks === 'function' ? tasks : () => tasks;
  const twoPass = typeof tasks === 'function' || Array.isArray(tasks);
  const images: string[] = [];
  let annotationId = 0;

  if (twoPass) {
    yield '{"images":[';
    let i = 0;
    for await (const task of open()) yield (i > 0 ? ',' : '') + JSON.stringify(prepare(task, i++, options).image);
    yield '],"annotations":[';
  } else yield '{"annotations":[';
  let i = 0;
  for await (const task of open()) {
    const { image, regions, size } = prepare(task, i, options);
    if (!twoPass) images.push(JSON.stringify(image));
    const entries = regions.map((region, j) => {
      const at = `tasks[${i}].${options.from ?? 'annotations'}[0].result[${j}]`;
      const label = firstLabel(region, 'coco', at);
      if (!categories.has(label)) categories.set(label, categories.size + 1);
      return JSON.stringify(annotationOf(region, ++annotationId, image.id, categories.get(label) ?? 0, size, options.decimals ?? 2, at));
    });
    if (entries.length > 0) yield (annotationId > entries.length ? ',' : '') + entries.join(',');
    i++;
  }
  if (!twoPass) yield `],"images":[${images.join(',')}`;
  const list = [...categories].map(([name, id]) => ({ id, name, supercategory: '' }));
  yield `],"categories":${JSON.stringify(list)}}\n`;
}

function prepare(task: WritableTask, index: number, options: CocoWriteOptions) {
  const regions = regionsToWrite(task, index, ['rectanglelabels', 'polygonlabels'], options, 'coco');
  const size = imageSizeOf(task, regions, options.imageSize);
  if (size === undefined) {
    throw new FormatError('coco', 'the image size is unknown: set original_width/original_height on a region or in meta, or pass imageSize', { path: `tasks[${index}]` });
  }
  const image = { id: index + 1, file_name: dataString(task, options.dataKey ?? 'image', index, 'coco'), width: size.width, height: size.height };
  return { image, regions, size };
}

function annotationOf(region: RectangleItem | PolygonItem, id: number, imageId: number, categoryId: number, size: ImageSize, decimals: number, at: string) {
  const b = pixelBounds(region, size);
  const bbox = [b.left, b.top, b.width, b.height].map((v) => rounded(v, decimals));
  const crowd = region.meta?.iscrowd === 1 ? 1 : 0;
  const score = region.score !== undefined ? { score: region.score } : {};
  let segmentation: unknown = [];
  let area: number;
  if (region.type === 'polygonlabels') {
    const points = region.value.points.map(([x, y]) => [toPixels(x, size.width), toPixels(y, size.height)] as const);
    segmentation = [points.flatMap(([x, y]) => [rounded(x, decimals), rounded(y, decimals)])];
    area = polygonArea(points);
  } else if (region.meta?.rle !== undefined) {
    const rle = checkRle(region.meta.rle, `${at}.meta.rle`);
    segmentation = rle;
    area = rleArea(rle, `${at}.meta.rle`);
  } else {
    area = toPixels(region.value.width, size.width) * toPixels(region.value.height, size.height);
  }
  return { id, image_id: imageId, category_id: categoryId, bbox, area: rounded(area, decimals), segmentation, iscrowd: crowd, ...score };
}

function checkRle(value: unknown, path: string): CocoRle {
  const { size, counts } = (typeof value === 'object' && value !== null ? value : {}) as Partial<CocoRle>;
  const okSize = Array.isArray(size) && size.length === 2 && size.every((n) => typeof n === 'number');
  const okCounts = typeof counts === 'string' || (Array.isArray(counts) && counts.every((n) => typeof n === 'number'));
  if (!okSize || !okCounts) throw new FormatError('coco', 'meta.rle must be a COCO RLE {size: [height, width], counts}', { path });
  return { size, counts } as CocoRle;
}
