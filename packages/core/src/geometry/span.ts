import { GeometryError } from './geometry-error.js';
import type { Span } from './shapes.js';

/** Throws GeometryError unless start and end are finite and end is not before start. */
export function checkSpan(span: Span): void {
  if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) {
    throw new GeometryError(`a span needs finite start and end, got ${span.start}..${span.end}`);
  }
  if (span.end < span.start) throw new GeometryError(`a span cannot end (${span.end}) before it starts (${span.start})`);
}

/** Length of a span, end − start. */
export function spanLength(span: Span): number {
  checkSpan(span);
  return span.end - span.start;
}

/**
 * Length covered by both spans; half-open, so spans that only touch overlap by 0.
 * @example spanOverlap({ start: 0, end: 5 }, { start: 3, end: 9 }) // 2
 */
export function spanOverlap(a: Span, b: Span): number {
  checkSpan(a);
  checkSpan(b);
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Overlap over union of two spans, in [0, 1]; 0 when the union is empty. */
export function spanIoU(a: Span, b: Span): number {
  const overlap = spanOverlap(a, b);
  const union = spanLength(a) + spanLength(b) - overlap;
  return union > 0 ? overlap / union : 0;
}
