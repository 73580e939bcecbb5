import { boxCorners } from '../../geometry/box.js';
import { isSimplePolygon } from '../../geometry/polygon-overlap.js';
import { polygonArea, polygonBounds } from '../../geometry/polygon.js';
import type { ImageSize } from '../../geometry/result-shape.js';
import type { Point, Shape } from '../../geometry/shapes.js';
import { cocoEvaluate } from './coco-detection.js';
import type { GroundTruthRegion, DetectedRegion } from './coco-matching.js';
import type { DetectionRunMetrics, SliceHeadline } from './evaluation-run-report.js';
import { isCrowd, itemImageSize, itemsOf, regionScore, stringsOf, type EvaluationSample, type LooseItem } from './run-inputs.js';

export type IouType = 'bbox' | 'segm';

/** One image (task) ready for COCO evaluation, with its regions in pixels. */
export interface DetectionImage {
  sample: EvaluationSample;
  truths: GroundTruthRegion[];
  detections: DetectedRegion[];
}

/** What was left out while reading regions, for the run's warnings. */
export interface DetectionNotes {
  /** Tasks whose regions had no image size: their coordinates stay in percent (AP is unchanged; the small/medium/large ranges are not meaningful). */
  withoutSize: number;
  /** Regions without a label (no category). */
  unlabelled: number;
  /** Polygons that cross themselves or have fewer than 3 points (no area to compare). */
  badPolygons: number;
}

export interface DetectionPrepared {
  images: DetectionImage[];
  /** Tasks with a reference and no prediction: evaluated with no detections (every truth missed). */
  withoutPrediction: number;
  notes: DetectionNotes;
}

const PERCENT: ImageSize = { width: 100, height: 100 };

interface PixelRegion {
  label: string;
  shape: Shape;
  /** The region's own area (a rotated box's w×h, a polygon's area): COCO's annotation area. */
  area: number;
}

function upright(points: readonly Point[]): Shape {
  const [minX, minY, maxX, maxY] = polygonBounds(points);
  return { kind: 'box', box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY, rotation: 0 } };
}

/**
 * A `rectanglelabels` or `polygonlabels` item in pixels. With iouType 'bbox' every region is its
 * axis-aligned bounding box (a rotated rectangle too, as COCO's bbox has no rotation); with
 * 'segm' a rotated rectangle is its four corners and a polygon itself.
 */
function pixelRegion(item: LooseItem, size: ImageSize, iouType: IouType, notes: DetectionNotes): PixelRegion | null {
  const label = stringsOf(item, item.type as string)[0];
  if (label === undefined) {
    notes.unlabelled++;
    return null;
  }
  const v = item.value!;
  const [sx, sy] = [size.width / 100, size.height / 100];
  if (item.type === 'rectanglelabels') {
    const [x, y, w, h, rotation] = [v.x, v.y, v.width, v.height, v.rotation ?? 0];
    if (![x, y, w, h, rotation].every((n) => typeof n === 'number' && Number.isFinite(n)) || (w as number) < 0 || (h as number) < 0) return null;
    const box = { x: (x as number) * sx, y: (y as number) * sy, width: (w as number) * sx, height: (h as number) * sy, rotation: rotation as number };
    const area = box.width * box.height;
    if (box.rotation % 360 === 0) return { label, shape: { kind: 'box', box: { ...box, rotation: 0 } }, area };
    const corners = boxCorners(box);
    return { label, shape: iouType === 'bbox' ? upright(corners) : { kind: 'polygon', points: corners }, area };
  }
  const raw = v.points;
  const points: Point[] = Array.isArray(raw)
    ? raw.flatMap((p: unknown) => (Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [[(p[0] as number) * sx, (p[1] as number) * sy] as const] : []))
    : [];
  if (points.length < 3 || (Array.isArray(raw) && points.length !== raw.length) || !isSimplePolygon(points)) {
    notes.badPolygons++;
    return null;
  }
  const area = polygonArea(points);
  return { label, shape: iouType === 'bbox' ? upright(points) : { kind: 'polygon', points }, area };
}

function regionsOf(result: readonly unknown[], fromName: string, fallback: ImageSize | null | undefined, iouType: IouType, notes: DetectionNotes, noSize: { seen: boolean }) {
  return itemsOf(result, fromName, ['rectanglelabels', 'polygonlabels']).flatMap((item) => {
    let size = itemImageSize(item, fallback);
    if (size === null) {
      noSize.seen = true;
      size = PERCENT;
    }
    const region = pixelRegion(item, size, iouType, notes);
    return region ? [{ item, region }] : [];
  });
}

/**
 * Reads every task's reference and predicted regions of a rectangle or polygon control into COCO
 * ground truths and detections in pixels (percent × original size). Crowd regions are the COCO
 * import's `meta.iscrowd`; a detection's score is its region score, else the prediction's, else 1.
 */
export function prepareDetection(samples: readonly EvaluationSample[], fromName: string, iouType: IouType): DetectionPrepared {
  const notes: DetectionNotes = { withoutSize: 0, unlabelled: 0, badPolygons: 0 };
  let withoutPrediction = 0;
  const images = samples.map((sample): DetectionImage => {
    const noSize = { seen: false };
    const truths = regionsOf(sample.reference, fromName, sample.imageSize, iouType, notes, noSize).map(({ item, region }): GroundTruthRegion => ({
      imageId: sample.taskId, category: region.label, shape: region.shape, area: region.area, crowd: isCrowd(item),
    }));
    if (!sample.prediction) withoutPrediction++;
    const prediction = sample.prediction;
    const detections = prediction
      ? regionsOf(prediction.result, fromName, sample.imageSize, iouType, notes, noSize).map(({ item, region }): DetectedRegion => ({
        imageId: sample.taskId, category: region.label, shape: region.shape, score: regionScore(item, prediction.score),
        // pycocotools' loadRes: a bbox result's area is its box; a segmentation's is its mask.
        ...(iouType === 'segm' ? { area: region.area } : {}),
      }))
      : [];
    if (noSize.seen) notes.withoutSize++;
    return { sample, truths, detections };
  });
  return { images, withoutPrediction, notes };
}

/** The categories to report: the control's labels in config order that occur, then any other, sorted. */
export function detectionCategories(images: readonly DetectionImage[], configLabels: readonly string[] = []): string[] {
  const seen = new Set(images.flatMap((i) => [...i.truths, ...i.detections].map((r) => String(r.category))));
  return [...configLabels.filter((l) => seen.has(l)), ...[...seen].filter((l) => !configLabels.includes(l)).sort()];
}

/** The 12 COCO numbers, per category and the PR curve at IoU 0.5 of some images. */
export function detectionMetrics(images: readonly DetectionImage[], categories: readonly string[], iouType: IouType): DetectionRunMetrics {
  const evaluation = cocoEvaluate(images.flatMap((i) => i.truths), images.flatMap((i) => i.detections), {
    categories, imageIds: images.map((i) => i.sample.taskId),
  });
  return { iouType, summary: evaluation.summary, perCategory: evaluation.perCategory, precisionAt50: evaluation.precisionAt50 };
}

/** AP, AP50, AR100; null where COCO says -1 (no ground truth). */
export function detectionHeadline(metrics: DetectionRunMetrics): SliceHeadline {
  const value = (x: number) => (x < 0 || !Number.isFinite(x) ? null : x);
  return { AP: value(metrics.summary.AP), AP50: value(metrics.summary.AP50), AR100: value(metrics.summary.AR100) };
}
