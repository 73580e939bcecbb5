import { spanFromResult } from '../../geometry/result-shape.js';
import { spanIoU } from '../../geometry/span.js';
import type { Span } from '../../geometry/shapes.js';
import { matchByIoU } from '../../matching/match-by-iou.js';
import type { ResultItem } from '../../results/result-schema.js';
import { AgreementError } from '../agreement/agreement-error.js';
import { F1Tally, type RegionF1Result } from './f1-counts.js';
import { byGroup, groupKeys, labelledRegions } from './region-items.js';

export interface SpanF1Options {
  /** 'exact' (default): same start and end; 'overlap': span IoU above 0 (or ≥ threshold). */
  match?: 'exact' | 'overlap';
  /** For 'overlap' only: least span IoU in (0, 1] to match; default any overlap at all. */
  threshold?: number;
  /** Compare only the items of this control; default every `labels` item. */
  fromName?: string;
}

/**
 * F1 per label between two annotators' spans (`labels` items with numeric offsets: NER on text,
 * segments of audio), as in CoNLL/seqeval ('exact') or a lenient overlap variant. Spans pair
 * one-to-one per object and label: exact ones by identical offsets, overlapping ones by the
 * Hungarian algorithm (most pairs, then most total IoU). `meanIoU` is the span IoU of the pairs.
 * Hypertext spans (xpath offsets) are not compared. Throws AgreementError on bad options.
 * @example spanF1(a.result, b.result, { match: 'overlap' }).labels // [{ label: 'PER', f1: 0.8, … }]
 */
export function spanF1(a: readonly ResultItem[], b: readonly ResultItem[], options: SpanF1Options = {}): RegionF1Result {
  const match = options.match ?? 'exact';
  if (match !== 'exact' && match !== 'overlap') throw new AgreementError(`span match must be "exact" or "overlap", got "${String(match)}"`);
  const threshold = options.threshold;
  if (threshold !== undefined) {
    if (match === 'exact') throw new AgreementError('a span IoU threshold only applies to match "overlap"');
    if (!(threshold > 0 && threshold <= 1)) throw new AgreementError(`span IoU threshold must be in (0, 1], got ${threshold}`);
  }
  const sideA = byGroup(labelledRegions<Span>(a, options.fromName, spanFromResult));
  const sideB = byGroup(labelledRegions<Span>(b, options.fromName, spanFromResult));
  const tally = new F1Tally();
  for (const key of groupKeys(sideA, sideB)) {
    const [ga, gb] = [sideA.get(key), sideB.get(key)];
    const label = (ga ?? gb)!.label;
    const [spansA, spansB] = [ga?.regions ?? [], gb?.regions ?? []];
    const matched = match === 'exact' ? exactMatches(spansA, spansB) : overlapMatches(spansA, spansB, threshold ?? 0);
    tally.add(label, { ...matched, countA: spansA.length, countB: spansB.length });
  }
  return tally.finish();
}

/** Pairs of identical spans, each span used once: Σ over offsets of min(count in a, count in b). */
function exactMatches(a: readonly Span[], b: readonly Span[]): { matched: number; iouSum: number } {
  const key = (s: Span) => `${s.start}:${s.end}`;
  const left = new Map<string, number>();
  for (const s of a) left.set(key(s), (left.get(key(s)) ?? 0) + 1);
  let matched = 0;
  for (const s of b) {
    const n = left.get(key(s)) ?? 0;
    if (n > 0) {
      left.set(key(s), n - 1);
      matched += 1;
    }
  }
  return { matched, iouSum: matched };
}

function overlapMatches(a: readonly Span[], b: readonly Span[], threshold: number): { matched: number; iouSum: number } {
  const iou = a.map((sa) => b.map((sb) => spanIoU(sa, sb)));
  const { pairs, total } = matchByIoU(iou, { threshold, maximize: 'matches' });
  return { matched: pairs.length, iouSum: total };
}
