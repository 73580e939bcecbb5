import { polygonArea } from '../geometry/polygon.js';
import { regionLabels, type ImageSize } from '../geometry/result-shape.js';
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
  const open = typeof tasks === 'function' ? tasks : () => tasks;
  const twoPass = typeof tasks === 'function' || Array.isArray(tasks);
  const coco = new CocoBuilder(options);
  const images: string[] = [];

  if (twoPass) {
    yield '{"images":[';
    let i = 0;
    for await (const task of open()) yield (i > 0 ? ',' : '') + JSON.stringify(prepare(task, i++, options).image);
    yield '],"annotations":[';
  } else yield '{"annotations":[';
  for await (const task of open()) {
    const before = coco.annotationCount;
    const { image, annotations } = coco.add(task);
    if (!twoPass) images.push(image);
    if (annotations !== '') yield (before > 0 ? ',' : '') + annotations;
  }
  if (!twoPass) yield `],"images":[${images.join(',')}`;
  yield `],"categories":${coco.categoriesJson()}}\n`;
}

/**
 * COCO entries one task at a time, for a caller that lays out the file itself (e.g. writes the
 * images while spooling the annotations, reading its tasks once). Task i (0-based, in the order
 * added) is image i + 1; annotation ids run on from 1; categories as `writeCoco` numbers them.
 * @example const coco = new CocoBuilder({ labels }); const { image, annotations } = coco.add(task);
 */
export class CocoBuilder {
  private readonly categories = new Map<string, number>();
  private index = 0;
  private annotationId = 0;

  constructor(private readonly options: CocoWriteOptions = {}) {
    options.labels?.forEach((label) => {
      if (!this.categories.has(label)) this.categories.set(label, this.categories.size + 1);
    });
  }

  /**
   * The next task's image entry and its annotation entries (comma-separated, '' when it has none),
   * as JSON text. Throws FormatError naming `tasks[i]…` when the task cannot be written.
   */
  add(task: WritableTask): { image: string; annotations: string } {
    const i = this.index;
    const { image, regions, size } = prepare(task, i, this.options);
    let annotations = '';
    regions.forEach((region, j) => {
      // Where the region is, for errors only (a string per region costs more than the region's numbers).
      const at = () => `tasks[${i}].${this.options.from ?? 'annotations'}[0].result[${j}]`;
      const label = regionLabels(region)[0] ?? firstLabel(region, 'coco', at());
      let category = this.categories.get(label);
      if (category === undefined) this.categories.set(label, (category = this.categories.size + 1));
      const entry = JSON.stringify(annotationOf(region, ++this.annotationId, image.id, category, size, this.options.decimals ?? 2, at));
      annotations += j > 0 ? `,${entry}` : entry;
    });
    this.index++;
    return { image: JSON.stringify(image), annotations };
  }

  /** Annotations made so far (the last one's id). */
  get annotationCount(): number {
    return this.annotationId;
  }

  /** The `categories` list as JSON: the labels given, then those met, in that order. */
  categoriesJson(): string {
    return JSON.stringify([...this.categories].map(([name, id]) => ({ id, name, supercategory: '' })));
  }
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

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** 2^40: below this, a value scaled by 10^decimals is within 2^-13 of its exact product. */
const FAST_ROUND_LIMIT = 2 ** 40;
/** Within this of a half, the scaled value might be on either side of it: toFixed decides. */
const FAST_ROUND_MARGIN = 2 ** -12;

/**
 * `rounded(value, decimals)`, i.e. `Number(value.toFixed(decimals)) + 0`, without toFixed (slow,
 * and called for every coordinate) where the answer is certain: `value * 10^decimals` is then
 * close enough to its exact product that rounding it gives toFixed's integer n, and n / 10^decimals
 * is the double nearest to toFixed's decimal text. Near a half (toFixed rounds halves away from
 * zero, Math.round towards +∞), for huge values and for NaN or ±Infinity, toFixed decides.
 */
export function roundedFast(value: number, decimals: number): number {
  const scale = POW10[decimals];
  const scaled = value * (scale ?? Number.NaN);
  if (scale !== undefined && Math.abs(scaled) < FAST_ROUND_LIMIT) {
    const n = Math.round(scaled);
    if (Math.abs(scaled - n) < 0.5 - FAST_ROUND_MARGIN) return n / scale + 0;
  }
  return rounded(value, decimals);
}

function annotationOf(region: RectangleItem | PolygonItem, id: number, imageId: number, categoryId: number, size: ImageSize, decimals: number, at: () => string) {
  const rounded = roundedFast;
  const b = pixelBounds(region, size);
  const bbox = [rounded(b.left, decimals), rounded(b.top, decimals), rounded(b.width, decimals), rounded(b.height, decimals)];
  const crowd = region.meta?.iscrowd === 1 ? 1 : 0;
  const score = region.score !== undefined ? { score: region.score } : {};
  let segmentation: unknown = [];
  let area: number;
  if (region.type === 'polygonlabels') {
    const points = region.value.points.map(([x, y]) => [toPixels(x, size.width), toPixels(y, size.height)] as const);
    segmentation = [points.flatMap(([x, y]) => [rounded(x, decimals), rounded(y, decimals)])];
    area = polygonArea(points);
  } else if (region.meta?.rle !== undefined) {
    const rle = checkRle(region.meta.rle, `${at()}.meta.rle`);
    segmentation = rle;
    area = rleArea(rle, `${at()}.meta.rle`);
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
