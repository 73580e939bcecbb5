import type { ResultItem } from '../../results/result-schema.js';
import { AgreementError } from '../agreement/agreement-error.js';
import { F1Tally, type RegionF1Result } from './f1-counts.js';

/** One annotator's result on a task. */
export interface AnnotatorResult {
  annotator: string;
  result: readonly ResultItem[];
}

/** A pairwise F1 between two results, e.g. `(a, b) => regionF1(a, b, { threshold: 0.7 })`. */
export type PairwiseF1 = (a: readonly ResultItem[], b: readonly ResultItem[]) => RegionF1Result;

export interface TaskF1Result extends RegionF1Result {
  /** Every pair of annotators in input order (i < j) with its own F1. */
  pairs: { annotators: [string, string]; result: RegionF1Result }[];
  /** Mean of the pairs' micro F1, skipping pairs where neither drew anything; NaN if all did. */
  meanPairF1: number;
}

/**
 * Region or span agreement of a task over all pairs of its annotators: the counts of every pair
 * summed per label, so `f1` is a micro F1 over pairs and labels, plus the mean pairwise F1.
 * Throws AgreementError with fewer than two annotations.
 * @example taskF1(annotations, (a, b) => spanF1(a, b, { match: 'overlap' })).f1
 */
export function taskF1(annotations: readonly AnnotatorResult[], compare: PairwiseF1): TaskF1Result {
  if (annotations.length < 2) throw new AgreementError(`task agreement needs at least two annotations, got ${annotations.length}`);
  const pairs: TaskF1Result['pairs'] = [];
  const tally = new F1Tally();
  annotations.forEach((a, i) => {
    for (const b of annotations.slice(i + 1)) {
      const result = compare(a.result, b.result);
      pairs.push({ annotators: [a.annotator, b.annotator], result });
      for (const { label, matched, countA, countB, iouSum } of result.labels) tally.add(label, { matched, countA, countB, iouSum });
    }
  });
  const defined = pairs.map((p) => p.result.f1).filter((f1) => !Number.isNaN(f1));
  const meanPairF1 = defined.length > 0 ? defined.reduce((sum, f1) => sum + f1, 0) / defined.length : Number.NaN;
  return { ...tally.finish(), pairs, meanPairF1 };
}
