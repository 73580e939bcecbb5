import { polygonRegion, rectangleRegion, toPercent, type PolygonItem, type RectangleItem } from '../../formats/image-regions.js';
import type { ImageSize } from '../../geometry/result-shape.js';
import type { Point } from '../../geometry/shapes.js';
import type { CocoId, CocoResult } from './prediction-file.js';

/** The control COCO detections become regions of. */
export interface CocoTarget {
  fromName: string;
  toName: string;
  type: 'rectanglelabels' | 'polygonlabels';
  labels: readonly string[];
}

export interface CocoTaskPredictions {
  /** Task id → its detections as Label Studio regions (percent of the image, each with its score). */
  byTask: Map<number, (RectangleItem | PolygonItem)[]>;
  /** Image ids no task matched (each once, in file order). */
  unknownImages: CocoId[];
  /** Images whose size is known neither from the file nor from the task (their detections are left out). */
  withoutSize: CocoId[];
  /** Category names that are not labels of the control (their detections are left out). */
  otherCategories: string[];
}

const pairs = (flat: readonly number[]): Point[] => {
  const out: Point[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
};

/**
 * COCO results (pixels) as Label Studio regions of a task (percent, clamped to the image): on a
 * rectangle control the bbox (or the bounds of the segmentation), on a polygon control the first
 * polygon of the segmentation (or the bbox's corners). `resolve` maps an image id to its task and
 * the image's size.
 */
export function cocoResultsToRegions(
  results: readonly CocoResult[],
  categories: ReadonlyMap<CocoId, string>,
  target: CocoTarget,
  resolve: (imageId: CocoId) => { taskId: number; size: ImageSize | null } | null,
): CocoTaskPredictions {
  const out: CocoTaskPredictions = { byTask: new Map(), unknownImages: [], withoutSize: [], otherCategories: [] };
  const [unknown, sizeless, others] = [new Set<CocoId>(), new Set<CocoId>(), new Set<string>()];
  results.forEach((r, i) => {
    const label = categories.get(r.categoryId)!;
    if (!target.labels.includes(label)) {
      if (!others.has(label)) out.otherCategories.push(label);
      others.add(label);
      return;
    }
    const found = resolve(r.imageId);
    if (!found) {
      if (!unknown.has(r.imageId)) out.unknownImages.push(r.imageId);
      unknown.add(r.imageId);
      return;
    }
    if (!found.size) {
      if (!sizeless.has(r.imageId)) out.withoutSize.push(r.imageId);
      sizeless.add(r.imageId);
      return;
    }
    const size = found.size;
    const base = { fromName: target.fromName, toName: target.toName, size, score: r.score };
    const percent = ([x, y]: Point): Point => [toPercent(x, size.width), toPercent(y, size.height)];
    const polygon = r.segmentation?.[0];
    let region: RectangleItem | PolygonItem;
    if (target.type === 'polygonlabels') {
      const points = polygon ? pairs(polygon) : (() => {
        const [x, y, w, h] = r.bbox!;
        return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as Point[];
      })();
      region = polygonRegion(`coco-${i}`, label, points.map(percent), base);
    } else {
      let [x, y, w, h] = r.bbox ?? [0, 0, 0, 0];
      if (r.bbox === null) {
        const all = r.segmentation!.flatMap(pairs);
        const [minX, minY, maxX, maxY] = all.reduce(([a, b, c, d], [px, py]) => [Math.min(a, px), Math.min(b, py), Math.max(c, px), Math.max(d, py)], [Infinity, Infinity, -Infinity, -Infinity]);
        [x, y, w, h] = [minX, minY, maxX - minX, maxY - minY];
      }
      region = rectangleRegion(`coco-${i}`, label, [toPercent(x, size.width), toPercent(y, size.height), toPercent(x + w, size.width), toPercent(y + h, size.height)], base);
    }
    const list = out.byTask.get(found.taskId) ?? [];
    list.push(region);
    out.byTask.set(found.taskId, list);
  });
  return out;
}
