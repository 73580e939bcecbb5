import { AgreementError } from './agreement-error.js';
import {
  countLabels,
  indexOf,
  pairableUnits,
  requireTwoRaters,
  resultSizes,
  type AgreementResult,
  type RatingsMatrix,
} from './ratings.js';

/**
 * Percent agreement: for each item with at least two ratings, the share of ordered pairs of its
 * ratings (by different raters) that carry the same label, Σ_c n_c(n_c − 1) / (m(m − 1)) for m
 * ratings of which n_c are label c; the value is the unweighted mean of that share over those
 * items (items with fewer than two ratings are dropped). With two raters it is the share of
 * items both labelled alike. Throws AgreementError with fewer than two raters or no such item.
 */
export function percentAgreement(ratings: RatingsMatrix): AgreementResult {
  requireTwoRaters(ratings, 'percent agreement');
  const units = pairableUnits(ratings);
  if (units.length === 0) {
    throw new AgreementError('percent agreement needs at least one item with two or more ratings');
  }
  let total = 0;
  for (const unit of units) {
    const index = indexOf([...new Set(unit.values.map((v) => v.label))]);
    const m = unit.values.length;
    const agreeing = countLabels(unit, index, index.size).reduce((sum, n) => sum + n * (n - 1), 0);
    total += agreeing / (m * (m - 1));
  }
  return { value: total / units.length, ...resultSizes(units) };
}
