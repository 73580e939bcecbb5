import { describe, expect, it } from 'vitest';
import { GeometryError, regionLabels, shapeFromResult, shapeIoU, spanFromResult } from '../../src/geometry/index.js';
import type { RegionResultItem } from '../../src/results/index.js';

const rect = (value: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ id: 'r1', from_name: 'box', to_name: 'image', type: 'rectanglelabels', value: { rectanglelabels: ['Car'], ...value }, ...extra }) as RegionResultItem;

describe('shapeFromResult', () => {
  it('keeps an upright rectangle as a box in percent', () => {
    expect(shapeFromResult(rect({ x: 10, y: 20, width: 30, height: 40 }))).toEqual({ kind: 'box', box: { x: 10, y: 20, width: 30, height: 40, rotation: 0 } });
  });

  it('rotates a rectangle in pixels and gives its corners in percent', () => {
    // Image 200 × 100 px. The box at (50%, 10%) = (100, 10) px, 10% × 20% = 20 × 20 px, turned 90°
    // about its anchor, covers x ∈ [80, 100] px, y ∈ [10, 30] px = [40%, 50%] × [10%, 30%].
    const shape = shapeFromResult(rect({ x: 50, y: 10, width: 10, height: 20, rotation: 90 }, { original_width: 200, original_height: 100 }));
    expect(shape?.kind).toBe('polygon');
    expect(shapeIoU(shape!, { kind: 'box', box: { x: 40, y: 10, width: 10, height: 20 } })).toBeCloseTo(1, 12);
  });

  it('takes the image size from the options when the item has none', () => {
    const item = rect({ x: 50, y: 10, width: 10, height: 20, rotation: 90 });
    expect(() => shapeFromResult(item)).toThrow(GeometryError);
    expect(shapeFromResult(item, { imageSize: { width: 200, height: 100 } })?.kind).toBe('polygon');
  });

  it('reads polygons, spans and labels', () => {
    const poly = { id: 'p', from_name: 'poly', to_name: 'image', type: 'polygonlabels', value: { points: [[0, 0], [1, 0], [1, 1]], polygonlabels: ['Road'] } } as RegionResultItem;
    expect(shapeFromResult(poly)).toEqual({ kind: 'polygon', points: [[0, 0], [1, 0], [1, 1]] });
    expect(regionLabels(poly)).toEqual(['Road']);
    const span = { id: 's', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 3, end: 8, labels: ['PER'] } } as RegionResultItem;
    expect(spanFromResult(span)).toEqual({ start: 3, end: 8 });
    expect(shapeFromResult(span)).toBeUndefined();
  });
});
