import { AgreementError } from './agreement-error.js';
import { indexOf, raterCount, resultSizes, sortedLabels, unitsOf, type AgreementResult, type RatingsMatrix } from './ratings.js';

/** Weights of Cohen's weighted kappa; absent means unweighted. */
export type KappaWeights = 'linear' | 'quadratic';

export interface CohenKappaOptions {
  /** Disagreement |i − j| (linear) or (i − j)² (quadratic) by index in the sorted label set. */
  weights?: KappaWeights;
}

export interface CohenKappaResult extends AgreementResult {
  weights: KappaWeights | null;
}

const WEIGHT = {
  none: (i: number, j: number) => (i === j ? 0 : 1),
  linear: (i: number, j: number) => Math.abs(i - j),
  quadratic: (i: number, j: number) => (i - j) ** 2,
} as const;

/**
 * Cohen's kappa for exactly two rater columns, κ = 1 − Σ w·o / Σ w·e over the confusion table o
 * and the product of marginals e. Items where either rater is missing are dropped. Weights go by
 * the index of a label in the sorted label set of both raters (numeric when all labels are
 * numbers, else lexicographic), as scikit-learn's `cohen_kappa_score` and R's `irr::kappa2`.
 * Returns NaN when expected disagreement is 0 (both raters used one and the same label only).
 * Throws AgreementError unless there are two raters and at least one item rated by both.
 * @example cohenKappa([['a', 'a'], ['b', 'a'], ['b', 'b']], { weights: 'linear' })
 */
export function cohenKappa(ratings: RatingsMatrix, options: CohenKappaOptions = {}): CohenKappaResult {
  const weights = options.weights ?? null;
  if (weights !== null && weights !== 'linear' && weights !== 'quadratic') {
    throw new AgreementError(`unknown kappa weights "${String(weights)}": use linear or quadratic`);
  }
  const width = raterCount(ratings);
  if (width !== 2) throw new AgreementError(`Cohen's kappa needs exactly two raters, got ${width}`);
  const units = unitsOf(ratings).filter((unit) => unit.values.length === 2);
  if (units.length === 0) throw new AgreementError("Cohen's kappa needs at least one item rated by both raters");

  const labels = sortedLabels(units.flatMap((unit) => unit.values.map((v) => v.label)));
  const index = indexOf(labels);
  const k = labels.length;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (const { values } of units) {
    // Values come in column order, so values[0] is rater 1 (row) and values[1] rater 2 (column).
    const i = index.get(values[0]!.label) as number;
    const j = index.get(values[1]!.label) as number;
    table[i]![j]! += 1;
    rows[i]! += 1;
    cols[j]! += 1;
  }

  // Counts stay integers, so both sums are exact: κ = 1 − N·Σ w·o_ij / Σ w·r_i·c_j.
  const weight = WEIGHT[weights ?? 'none'];
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += weight(i, j) * table[i]![j]!;
      expected += weight(i, j) * rows[i]! * cols[j]!;
    }
  }
  const value = expected === 0 ? Number.NaN : 1 - (units.length * observed) / expected;
  return { value, ...resultSizes(units), weights };
}
