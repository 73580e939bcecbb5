import { GeometryError } from '../geometry/geometry-error.js';
import { regionF1 } from '../metrics/region-agreement/region-f1.js';
import { spanF1 } from '../metrics/region-agreement/span-f1.js';
import type { RegionResultItem, ResultItem } from '../results/result-schema.js';
import { characterErrorRate } from './character-error-rate.js';
import { keypointScore } from './keypoint-similarity.js';
import { QualityError } from './quality-error.js';

/** How a control's answer is compared with gold. */
export type GoldMetric = 'exact' | 'region-f1' | 'span-f1' | 'keypoint-oks' | 'cer';

export interface GoldScoreOptions {
  /** Least IoU for a box or polygon to match its gold twin; default 0.5. */
  iouThreshold?: number;
  /** Spans match on identical offsets ('exact', default) or on any overlap. */
  spanMatch?: 'exact' | 'overlap';
  /** σ of the keypoint similarity in percent of the image; default 2. */
  keypointSigma?: number;
}

/** One control's score against gold. */
export interface ControlScore {
  fromName: string;
  type: string;
  metric: GoldMetric;
  /** In [0, 1], 1 = same as gold; null when it could not be measured (see `error`). */
  score: number | null;
  /** The counts behind the score (matched, counts, mean IoU, CER…). */
  details: Record<string, number | string | null>;
  error?: string;
}

export interface GoldScore {
  /** Mean of the controls' scores; null when no control could be scored. */
  score: number | null;
  controls: ControlScore[];
}

const METRIC: Partial<Record<RegionResultItem['type'], GoldMetric>> = {
  choices: 'exact',
  rating: 'exact',
  number: 'exact',
  pairwise: 'exact',
  ranker: 'exact',
  rectanglelabels: 'region-f1',
  polygonlabels: 'region-f1',
  labels: 'span-f1',
  keypointlabels: 'keypoint-oks',
  textarea: 'cer',
};

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A canonical text of a classification answer: each item's value sorted, the items sorted. */
function answerOf(items: readonly RegionResultItem[]): string {
  const values = items.map((item) => {
    const value = (item.value as Record<string, unknown>)[item.type === 'pairwise' ? 'selected' : item.type];
    return JSON.stringify(Array.isArray(value) ? [...value].map(String).sort() : value);
  });
  return values.sort().join('|');
}

const textOf = (items: readonly RegionResultItem[]): string =>
  items.flatMap((item) => (item.type === 'textarea' ? item.value.text : [])).join('\n');

function scoreControl(fromName: string, metric: GoldMetric, gold: readonly RegionResultItem[], given: readonly RegionResultItem[], all: { gold: readonly ResultItem[]; given: readonly ResultItem[] }, options: GoldScoreOptions): Pick<ControlScore, 'score' | 'details'> {
  switch (metric) {
    case 'exact': {
      const [expected, answer] = [answerOf(gold), answerOf(given)];
      return { score: expected === answer ? 1 : 0, details: { expected, given: answer } };
    }
    case 'region-f1': {
      const r = regionF1(all.gold, all.given, { threshold: options.iouThreshold ?? 0.5, fromName });
      return { score: finite(r.f1), details: { matched: r.matched, countGold: r.countA, countSubmission: r.countB, meanIoU: finite(r.meanIoU) } };
    }
    case 'span-f1': {
      const r = spanF1(all.gold, all.given, { match: options.spanMatch ?? 'exact', fromName });
      return { score: finite(r.f1), details: { matched: r.matched, countGold: r.countA, countSubmission: r.countB } };
    }
    case 'keypoint-oks': {
      const r = keypointScore(all.gold, all.given, { sigma: options.keypointSigma ?? 2, fromName });
      return { score: finite(r.score), details: { matched: r.matched, countGold: r.countGold, countSubmission: r.countSubmission, meanDistance: finite(r.meanDistance) } };
    }
    case 'cer': {
      const cer = characterErrorRate(textOf(gold), textOf(given));
      return { score: Math.max(0, 1 - cer), details: { cer } };
    }
  }
}

/**
 * Scores a submission against the gold answer of the same task, control by control (`from_name`):
 * exact match for choices, ratings, numbers, pairwise and ranker answers; IoU-matched F1 for
 * boxes and polygons (Hungarian, `iouThreshold`); span F1 for NER labels; an OKS-like keypoint
 * score; 1 − character error rate (floored at 0) for text areas. A control either side used is
 * scored, so a missing answer scores 0. Relations, hypertext spans and video tracks are not
 * scored. A control that cannot be measured (a self-crossing polygon) gets score null and an
 * error; the overall score is the mean of the rest. Throws QualityError on bad options.
 * @example scoreAgainstGold(gold.result, submission.result, { iouThreshold: 0.7 }).score
 */
export function scoreAgainstGold(gold: readonly ResultItem[], submission: readonly ResultItem[], options: GoldScoreOptions = {}): GoldScore {
  const threshold = options.iouThreshold ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) throw new QualityError(`IoU threshold must be in (0, 1], got ${threshold}`);
  if (options.spanMatch !== undefined && options.spanMatch !== 'exact' && options.spanMatch !== 'overlap') {
    throw new QualityError(`span match must be "exact" or "overlap", got "${String(options.spanMatch)}"`);
  }
  const controls = new Map<string, { type: RegionResultItem['type']; metric: GoldMetric; gold: RegionResultItem[]; given: RegionResultItem[] }>();
  const collect = (items: readonly ResultItem[], side: 'gold' | 'given') => {
    for (const item of items) {
      if (item.type === 'relation') continue;
      const metric = METRIC[item.type];
      if (!metric) continue;
      const entry = controls.get(item.from_name) ?? { type: item.type, metric, gold: [], given: [] };
      entry[side].push(item);
      controls.set(item.from_name, entry);
    }
  };
  collect(gold, 'gold');
  collect(submission, 'given');
  const scores: ControlScore[] = [];
  for (const [fromName, { type, metric, gold: g, given }] of [...controls].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    try {
      scores.push({ fromName, type, metric, ...scoreControl(fromName, metric, g, given, { gold, given: submission }, options) });
    } catch (err) {
      if (!(err instanceof GeometryError)) throw err;
      scores.push({ fromName, type, metric, score: null, details: {}, error: err.message });
    }
  }
  const defined = scores.map((c) => c.score).filter((s): s is number => s !== null);
  return { score: defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : null, controls: scores };
}
