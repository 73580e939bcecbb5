import { MlError } from '../ml-error.js';
import { classificationReport, type ClassificationReport, type ClassificationReportOptions } from './classification-report.js';

/**
 * The slice a task belongs to: the value of a task-data field, by a dotted path ("meta.region").
 * Strings stay as they are, numbers and booleans become text, objects become JSON; a missing
 * field or null gives null (its own slice, "no value").
 */
export function sliceValue(data: unknown, field: string): string | null {
  if (field === '') throw new MlError('slice field must not be empty');
  let value: unknown = data;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Items grouped by slice value, in order of first appearance. */
export function groupBySlice<T>(items: readonly T[], sliceOf: (item: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const key = sliceOf(item);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return groups;
}

/** The best and the worst slice on one metric and the gap between them. */
export interface SliceGap {
  best: { slice: string | null; value: number };
  worst: { slice: string | null; value: number };
  /** best − worst: 0 means every slice scores the same. */
  gap: number;
}

/** The gap between the best and worst slice on `metric` among slices with at least `minSupport` items (null when none qualifies). */
export function sliceGap<S extends { slice: string | null; support: number }>(slices: readonly S[], metric: (s: S) => number, minSupport = 1): SliceGap | null {
  const eligible = slices.filter((s) => s.support >= minSupport);
  if (eligible.length === 0) return null;
  let [best, worst] = [eligible[0] as S, eligible[0] as S];
  for (const s of eligible) {
    if (metric(s) > metric(best)) best = s;
    if (metric(s) < metric(worst)) worst = s;
  }
  return { best: { slice: best.slice, value: metric(best) }, worst: { slice: worst.slice, value: metric(worst) }, gap: metric(best) - metric(worst) };
}

/** A classified item with the slice it belongs to. */
export interface SlicedPrediction {
  yTrue: string;
  yPred: string;
  slice: string | null;
}

export interface ClassificationSlice {
  slice: string | null;
  support: number;
  report: ClassificationReport;
}

export interface ClassificationSlices {
  slices: ClassificationSlice[];
  /** Gaps on accuracy, macro F1 and weighted F1 among slices with at least `minSupport` items. */
  gaps: { accuracy: SliceGap | null; macroF1: SliceGap | null; weightedF1: SliceGap | null };
}

/**
 * Classification metrics per slice (algorithm fairness: is the model worse for one region, device
 * or dialect?). Every slice's report uses the same label list, so their numbers line up.
 * @example classificationSlices(items, { minSupport: 30 }).gaps.accuracy?.gap
 */
export function classificationSlices(items: readonly SlicedPrediction[], options: ClassificationReportOptions & { minSupport?: number } = {}): ClassificationSlices {
  if (items.length === 0) throw new MlError('slices need at least one item');
  const minSupport = options.minSupport ?? 1;
  if (!Number.isInteger(minSupport) || minSupport < 1) throw new MlError(`minSupport must be a positive integer, got ${minSupport}`);
  const labels = options.labels ?? [...new Set(items.flatMap((i) => [i.yTrue, i.yPred]))].sort();
  const slices = [...groupBySlice(items, (i) => i.slice)].map(([slice, group]): ClassificationSlice => ({
    slice,
    support: group.length,
    report: classificationReport(group.map((i) => i.yTrue), group.map((i) => i.yPred), { labels }),
  }));
  return {
    slices,
    gaps: {
      accuracy: sliceGap(slices, (s) => s.report.accuracy, minSupport),
      macroF1: sliceGap(slices, (s) => s.report.macro.f1, minSupport),
      weightedF1: sliceGap(slices, (s) => s.report.weighted.f1, minSupport),
    },
  };
}
