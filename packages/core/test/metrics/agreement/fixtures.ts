import type { AgreementCell } from '../../../src/metrics/index.js';

const _ = null;

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
 * 12 units, values 1–5, missing data. Published: nominal .743, ordinal .815, interval .849,
 * ratio .797. Returned as units × observers.
 */
export function krippendorffPaperData(): AgreementCell[][] {
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  return observers[0]!.map((_cell, unit) => observers.map((row) => row[unit]));
}

/**
 * Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories, given as
 * counts per category. Published: P̄ = 0.378, P̄e = 0.213, κ = 0.210.
 */
export const FLEISS_WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/** A ratings matrix from per-category counts: raters take the categories in order (which rater says what does not matter to Fleiss). */
export function ratingsFromCounts(counts: readonly (readonly number[])[]): AgreementCell[][] {
  return counts.map((row) => row.flatMap((count, category) => new Array<number>(count).fill(category + 1)));
}

/** Two raters' ratings from a confusion table: table[i][j] items where rater 1 said labels[i] and rater 2 labels[j]. */
export function ratingsFromTable<T extends AgreementCell>(labels: readonly T[], table: readonly (readonly number[])[]): T[][] {
  return table.flatMap((row, i) => row.flatMap((count, j) => new Array(count).fill([labels[i]!, labels[j]!]) as T[][]));
}
