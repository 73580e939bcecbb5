import { boxArea, boxIntersectionArea } from '../../geometry/box.js';
import { polygonIntersectionArea } from '../../geometry/polygon-overlap.js';
import { shapeArea, shapeToPolygon } from '../../geometry/shape.js';
import type { Shape } from '../../geometry/shapes.js';

/** A ground-truth region. `area` (COCO's annotation area, e.g. of the mask) decides the size range; default the shape's area. */
export interface GroundTruthRegion {
  imageId: string | number;
  category: string | number;
  shape: Shape;
  area?: number;
  /** A crowd region: detections on it are neither right nor wrong, and it may absorb many. */
  crowd?: boolean;
}

/** A detected region with its confidence. */
export interface DetectedRegion {
  imageId: string | number;
  category: string | number;
  shape: Shape;
  score: number;
  area?: number;
}

/** The outcome of matching one image's detections of one category, at each IoU threshold. */
export interface ImageMatches {
  /** Detections' scores, highest first (the order of every row below). */
  scores: number[];
  /** matched[t·D + d]: detection d matched a ground truth at threshold t (D = scores.length). */
  matched: Uint8Array;
  /** ignored[t·D + d]: detection d matched an ignored (crowd or out-of-range) ground truth, or matched none and is itself out of range. */
  ignored: Uint8Array;
  /** Ground truths that count (not crowd, inside the area range). */
  counted: number;
}

/** COCO's IoU: against a crowd region the union is the detection's own area. */
export function cocoIoU(detection: Shape, truth: Shape, crowd: boolean): number {
  const detectionArea = shapeArea(detection);
  const intersection = detection.kind === 'box' && truth.kind === 'box'
    ? boxIntersectionArea(detection.box, truth.box)
    : polygonIntersectionArea(shapeToPolygon(detection), shapeToPolygon(truth));
  const union = crowd ? detectionArea : detectionArea + (truth.kind === 'box' ? boxArea(truth.box) : shapeArea(truth)) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** One image and category, ready to match: detections sorted by score and cut to maxDets, and their IoUs. */
export interface ImageCategory {
  truths: GroundTruthRegion[];
  detections: DetectedRegion[];
  /** ious[d][g] */
  ious: number[][];
}

/** Sorts detections by score (stable, as COCO's mergesort), keeps the first `maxDets` and computes IoUs. */
export function prepareImageCategory(truths: GroundTruthRegion[], detections: DetectedRegion[], maxDets: number): ImageCategory {
  const kept = detections.map((d, i) => ({ d, i })).sort((a, b) => b.d.score - a.d.score || a.i - b.i).slice(0, maxDets).map(({ d }) => d);
  const ious = kept.map((d) => truths.map((g) => cocoIoU(d.shape, g.shape, g.crowd === true)));
  return { truths, detections: kept, ious };
}

const regionArea = (r: { shape: Shape; area?: number }): number => r.area ?? shapeArea(r.shape);

/**
 * COCO's evaluateImg: at each threshold, each detection (highest score first) takes the unmatched
 * ground truth of highest IoU ≥ the threshold, preferring counted ones over ignored ones; crowd
 * regions may be taken again. Null when the image has neither truths nor detections.
 */
export function matchImage(prepared: ImageCategory, thresholds: readonly number[], range: readonly [number, number]): ImageMatches | null {
  const { truths, detections, ious } = prepared;
  if (truths.length === 0 && detections.length === 0) return null;
  const outside = (area: number) => area < range[0] || area > range[1];
  const truthIgnored = truths.map((g) => g.crowd === true || outside(regionArea(g)));
  // Counted truths first (stable), so a match with a counted one is never displaced by an ignored one.
  const order = truths.map((_, i) => i).sort((a, b) => Number(truthIgnored[a]) - Number(truthIgnored[b]) || a - b);
  const D = detections.length;
  // One flat array per outcome rather than one per threshold: millions of small typed arrays
  // cost more in allocation and garbage collection than the matching itself.
  const matched = new Uint8Array(thresholds.length * D);
  const ignored = new Uint8Array(thresholds.length * D);
  const detectionOutside = detections.map((d) => outside(regionArea(d)));
  const taken = new Uint8Array(truths.length);
  thresholds.forEach((threshold, t) => {
    taken.fill(0);
    for (let d = 0; d < D; d++) {
      let best = Math.min(threshold, 1 - 1e-10);
      let m = -1;
      for (const g of order) {
        if (taken[g] && !truths[g]!.crowd) continue;
        if (m > -1 && !truthIgnored[m] && truthIgnored[g]) break;
        const iou = ious[d]![g] as number;
        if (iou < best) continue;
        best = iou;
        m = g;
      }
      if (m === -1) {
        if (detectionOutside[d]) ignored[t * D + d] = 1;
        continue;
      }
      matched[t * D + d] = 1;
      ignored[t * D + d] = truthIgnored[m] ? 1 : 0;
      taken[m] = 1;
    }
  });
  return { scores: detections.map((d) => d.score), matched, ignored, counted: truthIgnored.filter((x) => !x).length };
}
