import { MlError } from '../ml-error.js';
import { matchImage, prepareImageCategory, type DetectedRegion, type GroundTruthRegion, type ImageMatches } from './coco-matching.js';

/** The 12 numbers of COCO's summarize(); -1 where no ground truth falls in the range. AP is mAP@[.5:.95], AP50 is mAP@0.5. */
export interface CocoSummary {
  AP: number; AP50: number; AP75: number; APs: number; APm: number; APl: number;
  AR1: number; AR10: number; AR100: number; ARs: number; ARm: number; ARl: number;
}

export interface CocoEvaluation {
  summary: CocoSummary;
  /** The same 12 numbers per category (keyed by the category as text). */
  perCategory: Record<string, CocoSummary>;
  /** Per category: interpolated precision at the 101 recall points, IoU 0.5, all areas, 100 detections (-1s without ground truth) — a PR chart. */
  precisionAt50: Record<string, number[]>;
}

export interface CocoEvalOptions {
  /** Categories to evaluate; default those of the ground truth. Detections of other categories are not evaluated. */
  categories?: readonly (string | number)[];
  /** Images to evaluate; default every image with a ground truth or a detection. */
  imageIds?: readonly (string | number)[];
}

/** numpy.linspace, step by step as numpy computes it, so thresholds are bit-identical to pycocotools'. */
function linspace(start: number, stop: number, count: number): number[] {
  const step = (stop - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : i * step + start));
}

export const COCO_IOU_THRESHOLDS: readonly number[] = linspace(0.5, 0.95, 10);
const RECALL_POINTS = linspace(0, 1, 101);
const MAX_DETS = [1, 10, 100] as const;
const AREAS = { all: [0, 1e10], small: [0, 32 ** 2], medium: [32 ** 2, 96 ** 2], large: [96 ** 2, 1e10] } as const;
type AreaName = keyof typeof AREAS;
const EPS = 2.220446049250313e-16; // np.spacing(1)

/** Numbers ascending, then text ascending: COCO sorts its integer image ids. */
function idOrder(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Every detection of a category across images, highest score first: image index and rank within
 * its image. Sorted once and shared by every area range and detection cap (a cap keeps ranks
 * below it; a stable sort keeps the order numpy's mergesort gives over the concatenated images).
 */
interface DetectionOrder {
  image: Int32Array;
  rank: Int32Array;
}

function detectionOrder(prepared: readonly { detections: readonly { score: number }[] }[]): DetectionOrder {
  const entries: { score: number; image: number; rank: number }[] = [];
  prepared.forEach((p, image) => p.detections.forEach((d, rank) => entries.push({ score: d.score, image, rank })));
  entries.sort((a, b) => b.score - a.score);
  return { image: Int32Array.from(entries, (e) => e.image), rank: Int32Array.from(entries, (e) => e.rank) };
}

/**
 * COCO's accumulate for one category, area range and detection cap: precision at the recall points
 * per threshold and the final recall per threshold; null without counted ground truth.
 */
function accumulate(matches: readonly (ImageMatches | null)[], order: DetectionOrder, maxDets: number): { precision: number[][]; recall: number[] } | null {
  const counted = matches.reduce((n, e) => n + (e?.counted ?? 0), 0);
  if (counted === 0) return null;
  let n = 0;
  for (const rank of order.rank) if (rank < maxDets) n++;
  const rc = new Float64Array(n);
  const pr = new Float64Array(n);
  const precision: number[][] = [];
  const recall: number[] = [];
  for (let t = 0; t < COCO_IOU_THRESHOLDS.length; t++) {
    let [tp, fp, i] = [0, 0, 0];
    for (let j = 0; j < order.rank.length; j++) {
      const d = order.rank[j] as number;
      if (d >= maxDets) continue;
      const e = matches[order.image[j] as number] as ImageMatches;
      const cell = t * e.scores.length + d;
      if (!e.ignored[cell]) {
        if (e.matched[cell]) tp++;
        else fp++;
      }
      rc[i] = tp / counted;
      pr[i] = tp / (fp + tp + EPS);
      i++;
    }
    recall.push(n ? (rc[n - 1] as number) : 0);
    for (let k = n - 1; k > 0; k--) if ((pr[k] as number) > (pr[k - 1] as number)) pr[k - 1] = pr[k] as number;
    const q = RECALL_POINTS.map(() => 0);
    let k = 0;
    for (let r = 0; r < RECALL_POINTS.length; r++) {
      while (k < n && (rc[k] as number) < (RECALL_POINTS[r] as number)) k++;
      if (k >= n) break;
      q[r] = pr[k] as number;
    }
    precision.push(q);
  }
  return { precision, recall };
}

type Accumulated = Map<AreaName, Map<number, ReturnType<typeof accumulate>>>;

function mean(values: number[]): number {
  return values.length === 0 ? -1 : values.reduce((s, v) => s + v, 0) / values.length;
}

/** COCO's summarize over the accumulated results of some categories. */
function summarize(results: readonly Accumulated[]): CocoSummary {
  const at = (area: AreaName, maxDets: number) => results.map((r) => r.get(area)?.get(maxDets)).filter((x) => x !== null && x !== undefined);
  const ap = (area: AreaName, threshold?: number) => {
    const t = threshold === undefined ? -1 : COCO_IOU_THRESHOLDS.indexOf(threshold);
    return mean(at(area, 100).flatMap((x) => (t === -1 ? x.precision.flat() : (x.precision[t] as number[]))));
  };
  const ar = (area: AreaName, maxDets: number) => mean(at(area, maxDets).flatMap((x) => x.recall));
  return {
    AP: ap('all'), AP50: ap('all', 0.5), AP75: ap('all', 0.75), APs: ap('small'), APm: ap('medium'), APl: ap('large'),
    AR1: ar('all', 1), AR10: ar('all', 10), AR100: ar('all', 100), ARs: ar('small', 100), ARm: ar('medium', 100), ARl: ar('large', 100),
  };
}

/**
 * Detection (or polygon segmentation) metrics exactly as pycocotools' COCOeval defines them: IoU
 * thresholds .50:.05:.95, 101 recall points, area ranges on the ground-truth area, maxDets 1/10/100,
 * crowd regions ignored, -1 where no ground truth falls in a range.
 * @example cocoEvaluate(truths, detections).summary.AP50 // mAP@0.5
 */
export function cocoEvaluate(truths: readonly GroundTruthRegion[], detections: readonly DetectedRegion[], options: CocoEvalOptions = {}): CocoEvaluation {
  detections.forEach((d, i) => {
    if (!Number.isFinite(d.score)) throw new MlError(`detections[${i}].score must be a finite number, got ${d.score}`);
  });
  const categories = [...new Set(options.categories ?? truths.map((g) => g.category))].sort(idOrder);
  const images = [...new Set(options.imageIds ?? [...truths, ...detections].map((r) => r.imageId))].sort(idOrder);
  const key = (image: string | number, category: string | number) => `${typeof image}:${image}\u0000${typeof category}:${category}`;
  const group = <T extends { imageId: string | number; category: string | number }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item.imageId, item.category);
      const list = map.get(k);
      if (list) list.push(item);
      else map.set(k, [item]);
    }
    return map;
  };
  const [truthsBy, detectionsBy] = [group(truths), group(detections)];
  const perCategory: Record<string, CocoSummary> = {};
  const precisionAt50: Record<string, number[]> = {};
  const all: Accumulated[] = [];
  for (const category of categories) {
    const prepared = images.map((image) => prepareImageCategory(truthsBy.get(key(image, category)) ?? [], detectionsBy.get(key(image, category)) ?? [], 100));
    const order = detectionOrder(prepared);
    const accumulated: Accumulated = new Map();
    for (const area of Object.keys(AREAS) as AreaName[]) {
      const matches = prepared.map((p) => matchImage(p, COCO_IOU_THRESHOLDS, AREAS[area]));
      accumulated.set(area, new Map(MAX_DETS.map((m) => [m, accumulate(matches, order, m)])));
    }
    all.push(accumulated);
    const name = String(category);
    Object.defineProperty(perCategory, name, { value: summarize([accumulated]), enumerable: true, writable: true, configurable: true });
    const curve = accumulated.get('all')?.get(100)?.precision[0] ?? RECALL_POINTS.map(() => -1);
    Object.defineProperty(precisionAt50, name, { value: curve, enumerable: true, writable: true, configurable: true });
  }
  return { summary: summarize(all), perCategory, precisionAt50 };
}
