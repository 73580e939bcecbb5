import { describe, expect, it } from 'vitest';
import { GeometryError, spanIoU, spanLength, spanOverlap } from '../../src/geometry/index.js';

describe('spans', () => {
  it('measures overlap of half-open spans', () => {
    // [0, 5) and [3, 9) share [3, 5): 2; union 5 + 6 − 2 = 9.
    expect(spanOverlap({ start: 0, end: 5 }, { start: 3, end: 9 })).toBe(2);
    expect(spanIoU({ start: 0, end: 5 }, { start: 3, end: 9 })).toBeCloseTo(2 / 9, 12);
  });

  it('gives 0 for touching spans and 1 for equal ones', () => {
    expect(spanOverlap({ start: 0, end: 5 }, { start: 5, end: 8 })).toBe(0);
    expect(spanIoU({ start: 2, end: 4 }, { start: 2, end: 4 })).toBe(1);
    expect(spanIoU({ start: 2, end: 2 }, { start: 2, end: 2 })).toBe(0);
  });

  it('rejects a span that ends before it starts', () => {
    expect(() => spanLength({ start: 5, end: 3 })).toThrow(GeometryError);
  });
});
