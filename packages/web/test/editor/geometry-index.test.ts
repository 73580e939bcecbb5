import { describe, expect, it } from 'vitest';
import { EMPTY_DOCUMENT, putRegions, removeRegions, updateRegions } from '../../src/editor/document.js';
import { rectangleKind, resizeRectangle, rotateRectangle, rectangleCorners } from '../../src/editor/regions/rectangle.js';
import { polygonKind } from '../../src/editor/regions/polygon.js';
import { SpatialIndex } from '../../src/editor/spatial-index.js';
import type { EditorDocument, RectangleGeometry, Region } from '../../src/editor/types.js';

const size = { width: 200, height: 100 };
const box = (x: number, y: number, width: number, height: number, rotation = 0): RectangleGeometry => ({ kind: 'rectangle', x, y, width, height, rotation });
const region = (id: string, geometry: Region['geometry']): Region => ({ id, version: 1, control: 'box', object: 'img', geometry, labels: [], hidden: false, locked: false, extra: {}, valueExtra: {} });

describe('rectangle geometry', () => {
  it('rotates in pixels about the anchor, as Label Studio does', () => {
    // 10% × 20% of 200 × 100 px is a 20 × 20 px square; a quarter turn about (20, 20) px.
    const corners = rectangleCorners(box(10, 20, 10, 20, 90), size);
    expect(corners.map((c) => [Math.round(c.x), Math.round(c.y)])).toEqual([[20, 20], [20, 40], [0, 40], [0, 20]]);
  });

  it('hit-tests a rotated rectangle in its own frame', () => {
    const g = box(50, 50, 20, 10, 45);
    const [a, , c] = rectangleCorners(g, size);
    const centre = { x: ((a?.x ?? 0) + (c?.x ?? 0)) / 2, y: ((a?.y ?? 0) + (c?.y ?? 0)) / 2 };
    expect(rectangleKind.hitTest(g, centre, size, 0)).toBe(true);
    // The unrotated box's far corner is outside the rotated one.
    expect(rectangleKind.hitTest(g, { x: 139, y: 59 }, size, 0)).toBe(false);
  });

  it('turning about the centre keeps the centre and the size', () => {
    const g = box(10, 10, 20, 40);
    const turned = rotateRectangle(g, 30, size);
    const centre = (r: RectangleGeometry) => {
      const [a, , c] = rectangleCorners(r, size);
      return [((a?.x ?? 0) + (c?.x ?? 0)) / 2, ((a?.y ?? 0) + (c?.y ?? 0)) / 2];
    };
    expect(centre(turned)[0]).toBeCloseTo(centre(g)[0] as number);
    expect(centre(turned)[1]).toBeCloseTo(centre(g)[1] as number);
    expect(turned).toMatchObject({ width: 20, height: 40, rotation: 30 });
    expect(rotateRectangle(g, -90, size).rotation).toBe(270);
  });

  it('rejects a rectangle with a negative side', () => {
    expect(rectangleKind.validate(box(0, 0, -1, 5))).toMatch(/negative/);
    expect(rectangleKind.validate(box(0, 0, 1, 5))).toBeUndefined();
  });

  it('resizing an upright box keeps it inside the image', () => {
    expect(resizeRectangle(box(80, 80, 10, 10), 'se', { x: 400, y: 400 }, size)).toMatchObject({ x: 80, y: 80, width: 20, height: 20 });
  });
});

describe('polygon geometry', () => {
  it('an open polyline is hit near its segments only', () => {
    const line = { kind: 'polygon' as const, closed: false, points: [[0, 0], [50, 0], [50, 100]] as [number, number][] };
    expect(polygonKind.hitTest(line, { x: 50, y: 1 }, size, 2)).toBe(true);
    expect(polygonKind.hitTest(line, { x: 80, y: 20 }, size, 2)).toBe(false);
    expect(polygonKind.hitTest({ ...line, closed: true }, { x: 80, y: 20 }, size, 2)).toBe(true);
  });

  it('moving keeps every vertex inside the image', () => {
    const g = { kind: 'polygon' as const, closed: true, points: [[90, 10], [95, 10], [95, 20]] as [number, number][] };
    expect(polygonKind.translate(g, 100, 0, size).points.map((p) => p[0])).toEqual([95, 100, 100]);
  });

  it('needs three points closed, two open', () => {
    expect(polygonKind.validate({ kind: 'polygon', closed: true, points: [[0, 0], [1, 1]] })).toMatch(/three/);
    expect(polygonKind.validate({ kind: 'polygon', closed: false, points: [[0, 0], [1, 1]] })).toBeUndefined();
  });
});

describe('spatial index', () => {
  const many = (n: number): EditorDocument => putRegions(EMPTY_DOCUMENT, Array.from({ length: n }, (_, i) => region(`b${i}`, box((i % 100), Math.floor(i / 100), 0.5, 0.5))));

  it('finds only the regions in an area', () => {
    const index = new SpatialIndex();
    const doc = many(5000);
    index.sync(doc.regions, size);
    expect(index.count).toBe(5000);
    const area = { minX: 0, minY: 0, maxX: 10, maxY: 4.9 };
    const found = index.search(area).map((r) => r.id).sort();
    // The same answer by brute force: every box's bounds against the area.
    const expected = [...doc.regions.values()]
      .filter((r) => {
        const b = rectangleKind.bounds(r.geometry as RectangleGeometry, size);
        return b.minX <= area.maxX && b.maxX >= area.minX && b.minY <= area.maxY && b.maxY >= area.minY;
      })
      .map((r) => r.id)
      .sort();
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThan(10);
    expect(found.length).toBeLessThan(100);
  });

  it('re-indexes only what changed, and forgets removed regions', () => {
    const index = new SpatialIndex();
    let doc = many(300);
    index.sync(doc.regions, size);
    doc = updateRegions(doc, ['b0'], (r) => ({ ...r, geometry: box(90, 90, 5, 5) }));
    doc = removeRegions(doc, ['b1']);
    index.sync(doc.regions, size);
    expect(index.count).toBe(299);
    expect(index.search({ minX: 180, minY: 90, maxX: 200, maxY: 100 }).map((r) => r.id)).toEqual(['b0']);
    expect(index.search({ minX: 2, minY: 0, maxX: 2.5, maxY: 0.5 })).toEqual([]);
  });

  it('text spans are not indexed', () => {
    const index = new SpatialIndex();
    index.sync(putRegions(EMPTY_DOCUMENT, [region('s', { kind: 'span', start: 0, end: 3, text: 'abc' })]).regions, size);
    expect(index.count).toBe(0);
  });
});
