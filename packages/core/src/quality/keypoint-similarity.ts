import { matchByIoU } from '../matching/match-by-iou.js';
import { byGroup, groupKeys, labelledRegions } from '../metrics/region-agreement/region-items.js';
import type { RegionResultItem, ResultItem } from '../results/result-schema.js';
import { QualityError } from './quality-error.js';

export interface KeypointScoreOptions {
  /**
   * Distance (in percent of the image, per axis) at which a point's similarity falls to
   * exp(−½) ≈ 0.61, like the σ·s of COCO's object keypoint similarity; default 2.
   */
  sigma?: number;
  /** Compare only the items of this control; default every `keypointlabels` item. */
  fromName?: string;
}

export interface KeypointScore {
  /** Σ similarity of the matched points / max(points in gold, points submitted), in [0, 1]; NaN when neither side has a point. */
  score: number;
  matched: number;
  countGold: number;
  countSubmission: number;
  /** Mean distance of the matched pairs in percent units; NaN when nothing matched. */
  meanDistance: number;
}

interface Point {
  x: number;
  y: number;
}

const pointOf = (item: RegionResultItem): Point | undefined => (item.type === 'keypointlabels' ? { x: item.value.x, y: item.value.y } : undefined);

/**
 * OKS-like keypoint score of a submission against gold: per object and label, points pair
 * one-to-one by the Hungarian algorithm on similarity exp(−d²/(2σ²)); the score sums the pairs'
 * similarity and divides by the larger point count, so a missed or an extra point costs as much
 * as a point placed far away. Distances are in percent of the image along each axis.
 * @example keypointScore(gold.result, submission.result, { sigma: 2 }).score
 */
export function keypointScore(gold: readonly ResultItem[], submission: readonly ResultItem[], options: KeypointScoreOptions = {}): KeypointScore {
  const sigma = options.sigma ?? 2;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new QualityError(`keypoint sigma must be a positive number, got ${sigma}`);
  const sideG = byGroup(labelledRegions<Point>(gold, options.fromName, pointOf));
  const sideS = byGroup(labelledRegions<Point>(submission, options.fromName, pointOf));
  let [similarity, matched, countGold, countSubmission, distance] = [0, 0, 0, 0, 0];
  for (const key of groupKeys(sideG, sideS)) {
    const g = sideG.get(key)?.regions ?? [];
    const s = sideS.get(key)?.regions ?? [];
    countGold += g.length;
    countSubmission += s.length;
    const scores = g.map((p) => s.map((q) => Math.exp(-((p.x - q.x) ** 2 + (p.y - q.y) ** 2) / (2 * sigma * sigma))));
    // Threshold 0: any two points of one label may pair (a far one still beats none).
    const { pairs, total } = matchByIoU(scores, { threshold: 0, maximize: 'matches' });
    similarity += total;
    matched += pairs.length;
    for (const { row, col } of pairs) distance += Math.hypot(g[row]!.x - s[col]!.x, g[row]!.y - s[col]!.y);
  }
  const most = Math.max(countGold, countSubmission);
  return {
    score: most > 0 ? similarity / most : Number.NaN,
    matched,
    countGold,
    countSubmission,
    meanDistance: matched > 0 ? distance / matched : Number.NaN,
  };
}
