import { AgreementError } from './agreement-error.js';
import {
  countLabels,
  indexOf,
  requireTwoRaters,
  resultSizes,
  sortedLabels,
  unitsOf,
  type AgreementResult,
  type RatingsMatrix,
} from './ratings.js';

/**
 * Fleiss' kappa, κ = (P̄ − P̄e) / (1 − P̄e), over items that all have the same number n ≥ 2 of
 * ratings (which raters gave them does not matter). Items with no rating at all are skipped; any
 * other item with a different count throws AgreementError naming it — use Krippendorff's alpha
 * for unequal counts. Returns NaN when P̄e = 1 (every rating is the same label).
 */
export function fleissKappa(ratings: RatingsMatrix): AgreementResult {
  requireTwoRaters(ratings, "Fleiss' kappa");
  const units = unitsOf(ratings).filter((unit) => unit.values.length > 0);
  const first = units[0];
  if (first === undefined) throw new AgreementError("Fleiss' kappa needs at least one rated item");
  const n = first.values.length;
  for (const unit of units) {
    if (unit.values.length !== n) {
      throw new AgreementError(
        `Fleiss' kappa needs the same number of ratings on every item: item ${first.item} has ${n}, ` +
          `item ${unit.item} has ${unit.values.length}`,
      );
    }
  }
  if (n < 2) throw new AgreementError("Fleiss' kappa needs at least two ratings per item, got 1");

  const labels = sortedLabels(units.flatMap((unit) => unit.values.map((v) => v.label)));
  const index = indexOf(labels);
  const totals = new Array<number>(labels.length).fill(0);
  let agreement = 0;
  for (const unit of units) {
    const counts = countLabels(unit, index, labels.length);
    counts.forEach((count, c) => (totals[c]! += count));
    agreement += counts.reduce((sum, count) => sum + count * (count - 1), 0) / (n * (n - 1));
  }
  const ratingsUsed = units.length * n;
  const observed = agreement / units.length;
  const expected = totals.reduce((sum, total) => sum + (total / ratingsUsed) ** 2, 0);
  // P̄e is exactly 1 only with a single label; testing that avoids a float comparison.
  const value = labels.length < 2 ? Number.NaN : (observed - expected) / (1 - expected);
  return { value, ...resultSizes(units) };
}
