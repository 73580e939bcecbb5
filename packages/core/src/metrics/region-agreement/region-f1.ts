import { shapeFromResult, type ImageSize } from '../../geometry/result-shape.js';
import { shapeIoU } from '../../geometry/shape.js';
import type { Shape } from '../../geometry/shapes.js';
import { matchByIoU } from '../../matching/match-by-iou.js';
import type { RegionResultItem, ResultItem } from '../../results/result-schema.js';
import { AgreementError } from '../agreement/agreement-error.js';
import { F1Tally, type RegionF1Result } from './f1-counts.js';
import { byGroup, groupKeys, labelledRegions } from './region-items.js';

export interface RegionF1Options {
  /** Least IoU for two regions to match; default 0.5. */
  threshold?: number;
  /** Compare only the items of this control; default every rectangle and polygon item. */
  fromName?: string;
  /** Image size for rotated rectangles whose items lack `original_width`/`original_height`. */
  imageSize?: ImageSize;
}

/** Throws AgreementError unless the threshold lies in (0, 1]. */
export function checkIoUThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) throw new AgreementError(`IoU threshold must be in (0, 1], got ${threshold}`);
}

/**
 * IoU-matched F1 per label between two annotators' results (`rectanglelabels` and
 * `polygonlabels` items; boxes and polygons may match each other). Per object and label, the
 * Hungarian algorithm pairs regions one-to-one with IoU ≥ threshold, maximising the number of
 * pairs and then their total IoU; F1 = 2·matched / (countA + countB), symmetric in a and b.
 * Throws AgreementError on a bad threshold, GeometryError on a self-crossing polygon or a
 * rotated box without an image size.
 * @example regionF1(annotationA.result, annotationB.result, { threshold: 0.5 }).f1
 */
export function regionF1(a: readonly ResultItem[], b: readonly ResultItem[], options: RegionF1Options = {}): RegionF1Result {
  const threshold = options.threshold ?? 0.5;
  checkIoUThreshold(threshold);
  const read = (item: RegionResultItem) => shapeFromResult(item, options);
  const sideA = byGroup(labelledRegions<Shape>(a, options.fromName, read));
  const sideB = byGroup(labelledRegions<Shape>(b, options.fromName, read));
  const tally = new F1Tally();
  for (const key of groupKeys(sideA, sideB)) {
    const [ga, gb] = [sideA.get(key), sideB.get(key)];
    const label = (ga ?? gb)!.label;
    const [shapesA, shapesB] = [ga?.regions ?? [], gb?.regions ?? []];
    const iou = shapesA.map((sa) => shapesB.map((sb) => shapeIoU(sa, sb)));
    const { pairs, total } = matchByIoU(iou, { threshold, maximize: 'matches' });
    tally.add(label, { matched: pairs.length, countA: shapesA.length, countB: shapesB.length, iouSum: total });
  }
  return tally.finish();
}
