import { AgreementError } from './agreement-error.js';

/** A label one rater gave one item. `1` and `'1'` are different labels. */
export type AgreementLabel = string | number;

/** One cell of a ratings matrix: a label, or `null`/`undefined` when the rater did not rate the item. */
export type AgreementCell = AgreementLabel | null | undefined;

/**
 * Ratings as items × raters: `ratings[item][rater]`. Rows may be shorter than the widest row;
 * the cells they lack count as missing. The number of raters is the length of the widest row.
 */
export type RatingsMatrix = readonly (readonly AgreementCell[])[];

/** What every agreement statistic returns. */
export interface AgreementResult {
  /** The statistic; NaN only where it is 0/0 (documented on each function). */
  value: number;
  /** Items (units) the statistic used. */
  items: number;
  /** Rater columns that gave at least one value to a used item. */
  raters: number;
  /** Values in the used items (the pairable values). */
  pairable: number;
}

/** The values one item received, with the column of each. */
export interface Unit {
  item: number;
  values: { rater: number; label: AgreementLabel }[];
}

/** The number of rater columns: the length of the widest row. */
export function raterCount(ratings: RatingsMatrix): number {
  let width = 0;
  for (const row of ratings) width = Math.max(width, row.length);
  return width;
}

/** Throws unless the matrix has at least two rater columns. */
export function requireTwoRaters(ratings: RatingsMatrix, metric: string): number {
  const width = raterCount(ratings);
  if (width < 2) throw new AgreementError(`${metric} needs at least two raters, got ${width}`);
  return width;
}

function checkCell(cell: AgreementCell, item: number, rater: number): AgreementLabel | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  throw new AgreementError(
    `item ${item}, rater ${rater}: a label must be a string or a finite number, got ${String(cell)}`,
  );
}

/** Every item's non-missing values, in item order (items without values included). */
export function unitsOf(ratings: RatingsMatrix): Unit[] {
  return ratings.map((row, item) => {
    const values: Unit['values'] = [];
    row.forEach((cell, rater) => {
      const label = checkCell(cell, item, rater);
      if (label !== undefined) values.push({ rater, label });
    });
    return { item, values };
  });
}

/**
 * The same values as `unitsOf`, flat: item i's values are `raters[offsets[i]..offsets[i+1])` and
 * `labels[…]` alike. No object per value, so a million labels cost two arrays (the hot paths of
 * Krippendorff's alpha and Dawid–Skene read this).
 */
export interface FlatRatings {
  offsets: Int32Array;
  raters: Int32Array;
  labels: AgreementLabel[];
}

/** Reads a ratings matrix into FlatRatings, checking every cell as `unitsOf` does. */
export function flatRatings(ratings: RatingsMatrix): FlatRatings {
  let cells = 0;
  for (const row of ratings) cells += row.length;
  const offsets = new Int32Array(ratings.length + 1);
  const raters = new Int32Array(cells);
  const labels: AgreementLabel[] = [];
  let n = 0;
  for (let item = 0; item < ratings.length; item++) {
    const row = ratings[item]!;
    for (let rater = 0; rater < row.length; rater++) {
      const label = checkCell(row[rater], item, rater);
      if (label === undefined) continue;
      raters[n++] = rater;
      labels.push(label);
    }
    offsets[item + 1] = n;
  }
  return { offsets, raters: raters.subarray(0, n), labels };
}

/** Items with at least two values (pairable units). */
export function pairableUnits(ratings: RatingsMatrix): Unit[] {
  return unitsOf(ratings).filter((unit) => unit.values.length >= 2);
}

/** Sizes shared by every result: used items, contributing raters and values. */
export function resultSizes(units: readonly Unit[]): Omit<AgreementResult, 'value'> {
  const raters = new Set<number>();
  let pairable = 0;
  for (const unit of units) {
    pairable += unit.values.length;
    for (const { rater } of unit.values) raters.add(rater);
  }
  return { items: units.length, raters: raters.size, pairable };
}

/**
 * The distinct labels in order: numerically when all are numbers, else lexicographically by
 * UTF-16 code units of their text (a number before a string with the same text), as
 * scikit-learn's `cohen_kappa_score` and R's `irr::kappa2` order weighted categories.
 */
export function sortedLabels(labels: Iterable<AgreementLabel>): AgreementLabel[] {
  const distinct = [...new Set(labels)];
  if (distinct.every((label) => typeof label === 'number')) {
    return (distinct as number[]).sort((a, b) => a - b);
  }
  return distinct.sort((a, b) => {
    const [x, y] = [String(a), String(b)];
    if (x !== y) return x < y ? -1 : 1;
    return typeof a === 'number' ? -1 : 1;
  });
}

/** Counts per label index for one unit. */
export function countLabels(unit: Unit, index: ReadonlyMap<AgreementLabel, number>, size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const { label } of unit.values) counts[index.get(label) as number]! += 1;
  return counts;
}

/** A map from each label to its position in `labels`. */
export function indexOf(labels: readonly AgreementLabel[]): Map<AgreementLabel, number> {
  return new Map(labels.map((label, position) => [label, position]));
}
