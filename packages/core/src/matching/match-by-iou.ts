import { checkMatrix, hungarian, type Matrix } from './hungarian.js';
import { MatchingError } from './matching-error.js';

/** One matched pair: a row (e.g. a region of annotator A), a column (of annotator B) and their score. */
export interface MatchedPair {
  row: number;
  col: number;
  score: number;
}

export interface MatchByIoUOptions {
  /** Pairs need a score of at least this (and above 0) to match; default 0.5. */
  threshold?: number;
  /**
   * 'iou' (default) maximises the total score of the matched pairs; 'matches' maximises how many
   * pairs match, then the total score among those — what an F1 count wants, since one strong
   * pair can otherwise block two weaker ones.
   */
  maximize?: 'iou' | 'matches';
}

export interface IoUMatching {
  /** Matched pairs in row order. */
  pairs: MatchedPair[];
  /** Sum of the scores of the matched pairs. */
  total: number;
}

/**
 * One-to-one matching of rows to columns by a score matrix such as IoU, through the Hungarian
 * algorithm; pairs under the threshold (or at 0) never match. Rows and columns may differ in count.
 * Throws MatchingError on a ragged matrix, a negative or non-finite score or threshold.
 * @example matchByIoU([[0.9, 0.6], [0.7, 0]], { threshold: 0.5 }) // pairs (0,1) and (1,0), total 1.3
 */
export function matchByIoU(scores: Matrix, options: MatchByIoUOptions = {}): IoUMatching {
  const threshold = options.threshold ?? 0.5;
  const maximize = options.maximize ?? 'iou';
  if (!Number.isFinite(threshold) || threshold < 0) throw new MatchingError(`threshold must be a finite number ≥ 0, got ${threshold}`);
  if (maximize !== 'iou' && maximize !== 'matches') throw new MatchingError(`maximize must be "iou" or "matches", got "${String(maximize)}"`);
  const cols = checkMatrix(scores, 'scores');
  let best = 0;
  for (const row of scores) {
    for (const score of row) {
      if (score < 0) throw new MatchingError(`scores must not be negative, got ${score}`);
      best = Math.max(best, score);
    }
  }
  const eligible = (score: number) => score > 0 && score >= threshold;
  // A bonus above any possible total score makes one more pair outweigh every score difference.
  const bonus = maximize === 'matches' ? Math.min(scores.length, cols) * best + 1 : 0;
  // With non-negative weights and ineligible cells at 0, a maximum assignment is a maximum matching.
  const cost = scores.map((row) => row.map((score) => (eligible(score) ? -(score + bonus) : 0)));
  const pairs: MatchedPair[] = [];
  let total = 0;
  hungarian(cost).rowToCol.forEach((col, row) => {
    const score = scores[row]![col];
    if (score === undefined || !eligible(score)) return;
    pairs.push({ row, col, score });
    total += score;
  });
  return { pairs, total };
}
