import type { ImageSize } from '../geometry/result-shape.js';
import type { Point } from '../geometry/shapes.js';
import type { RegionResultItem } from '../results/result-schema.js';
import { rleBoundingBox, type CocoRle } from './coco-rle.js';
import { checkCoco, type CocoAnnotation, type CocoId } from './coco-schema.js';
import { FormatError, parseJson } from './format-error.js';
import { polygonRegion, rectangleRegion, toPercent, type RegionBase } from './image-regions.js';
import { makeTask, type ReadOptions, type TaskRecord } from './task-record.js';
import { collectText, type TextSource } from './text-source.js';

/** Largest COCO file `readCoco` takes by default, in characters. */
export const MAX_COCO_CHARS = 512 * 1024 * 1024;

export interface CocoReadOptions extends ReadOptions {
  /** Longest input accepted, in characters; default MAX_COCO_CHARS. */
  maxChars?: number;
}

/**
 * Reads a COCO instances file into one task per image, in the order of `images`:
 * `{ data: { image: file_name }, meta: { original_width, original_height, coco_image_id }, annotations: [{ result }] }`
 * (the image id is kept so a COCO results file, which names images by id, can be evaluated against the tasks).
 *
 * - `bbox` [x, y, w, h] in pixels becomes a rectangle in percent of the image (clamped to it).
 * - Polygon `segmentation` becomes one polygon region per polygon (ids `<ann id>`, `<ann id>-1`, …)
 *   instead of a rectangle; polygons of fewer than 3 points are dropped, and when none is left the
 *   bbox is used.
 * - RLE `segmentation` (counts array or compressed string) becomes the rectangle that bounds
 *   its mask, with the RLE itself kept as `meta.rle` so `writeCoco` can write it back.
 * - `iscrowd` is kept as `meta.iscrowd`, `score` as the region's `score`.
 * Labels are the `categories` names. A COCO file is one JSON object whose annotations may come
 * in any order, so the whole text is read before the first task; tasks are then built one by one.
 * Throws FormatError (on iteration) for anything malformed, naming its JSON path.
 */
export async function* readCoco(source: TextSource, options: CocoReadOptions = {}): AsyncGenerator<TaskRecord, void, undefined> {
  const text = await collectText(source, 'coco', options.maxChars ?? MAX_COCO_CHARS);
  const coco = checkCoco(parseJson(text, 'coco'));
  const names = new Map<CocoId, string>();
  coco.categories?.forEach((category) => names.set(category.id, category.name));
  const images = new Map<CocoId, number>();
  coco.images.forEach((image, i) => {
    if (images.has(image.id)) throw new FormatError('coco', `image id ${JSON.stringify(image.id)} is used twice`, { path: `images[${i}].id` });
    images.set(image.id, i);
  });
  const byImage = coco.images.map((): number[] => []);
  coco.annotations?.forEach((annotation, i) => {
    const image = images.get(annotation.image_id);
    if (image === undefined) throw new FormatError('coco', `no image has id ${JSON.stringify(annotation.image_id)}`, { path: `annotations[${i}].image_id` });
    if (!names.has(annotation.category_id)) throw new FormatError('coco', `no category has id ${JSON.stringify(annotation.category_id)}`, { path: `annotations[${i}].category_id` });
    byImage[image]?.push(i);
  });

  const key = options.dataKey ?? 'image';
  for (const [i, image] of coco.images.entries()) {
    const size = { width: image.width, height: image.height };
    const result = (byImage[i] ?? []).flatMap((a) => {
      const annotation = coco.annotations?.[a] as CocoAnnotation;
      return regionsOf(annotation, a, names.get(annotation.category_id) ?? '', size, options);
    });
    yield makeTask({ [key]: image.file_name }, result, options, { original_width: image.width, original_height: image.height, coco_image_id: image.id });
  }
}

function regionsOf(annotation: CocoAnnotation, index: number, label: string, size: ImageSize, options: ReadOptions): RegionResultItem[] {
  const at = `annotations[${index}]`;
  const id = String(annotation.id ?? `coco-${index}`);
  const meta: Record<string, unknown> = {};
  if (annotation.iscrowd !== undefined) meta.iscrowd = annotation.iscrowd;
  const base: RegionBase = { fromName: options.fromName ?? 'label', toName: options.toName ?? 'image', size, score: annotation.score, meta };
  const { segmentation, bbox } = annotation;

  if (segmentation !== undefined && !Array.isArray(segmentation)) {
    const rle: CocoRle = { size: segmentation.size, counts: segmentation.counts };
    if (rle.size[0] !== size.height || rle.size[1] !== size.width) {
      throw new FormatError('coco', `RLE size [${rle.size.join(', ')}] is not the image's [height, width] [${size.height}, ${size.width}]`, { path: `${at}.segmentation.size` });
    }
    const [x, y, w, h] = rleBoundingBox(rle, `${at}.segmentation`);
    return [rectangleRegion(id, label, edges([x, y, w, h], size), { ...base, meta: { ...meta, rle } })];
  }
  const polygons = (segmentation ?? []).map((flat, k) => pointsOf(flat, `${at}.segmentation[${k}]`, size)).filter((points) => points.length >= 3);
  if (polygons.length > 0) return polygons.map((points, k) => polygonRegion(k === 0 ? id : `${id}-${k}`, label, points, base));
  if (bbox === undefined) throw new FormatError('coco', 'an annotation needs a bbox or a segmentation', { path: at });
  return [rectangleRegion(id, label, edges(bbox, size), base)];
}

/** [x, y, w, h] in pixels to left, top, right and bottom edges in percent. */
function edges([x, y, w, h]: readonly [number, number, number, number], size: ImageSize): [number, number, number, number] {
  return [toPercent(x, size.width), toPercent(y, size.height), toPercent(x + w, size.width), toPercent(y + h, size.height)];
}

function pointsOf(flat: readonly number[], path: string, size: ImageSize): Point[] {
  if (flat.length % 2 !== 0) throw new FormatError('coco', `a polygon needs pairs of numbers x, y, got ${flat.length} numbers`, { path });
  const points: Point[] = [];
  for (let j = 0; j < flat.length; j += 2) points.push([toPercent(flat[j] ?? 0, size.width), toPercent(flat[j + 1] ?? 0, size.height)]);
  return points;
}
