import { describe, expect, it } from 'vitest';
import { boxArea, boxCorners, boxIoU, fromCentredBox, GeometryError, toCentredBox, type Box } from '../../src/geometry/index.js';

const unit = (x: number, y: number): Box => ({ x, y, width: 1, height: 1 });

describe('boxIoU', () => {
  it('gives 1/3 for two unit squares offset by half a side', () => {
    // Overlap 0.5 × 1 = 0.5; union 1 + 1 − 0.5 = 1.5; IoU = 0.5 / 1.5 = 1/3.
    expect(boxIoU(unit(0, 0), unit(0.5, 0))).toBeCloseTo(1 / 3, 12);
  });

  it('gives 1/7 for unit squares offset diagonally by half a side', () => {
    // Overlap 0.5 × 0.5 = 0.25; union 2 − 0.25 = 1.75; IoU = 1/7.
    expect(boxIoU(unit(0, 0), unit(0.5, 0.5))).toBeCloseTo(1 / 7, 12);
  });

  it('gives 1 for a box and itself and 0 for boxes that only touch', () => {
    expect(boxIoU(unit(3, 4), unit(3, 4))).toBe(1);
    expect(boxIoU(unit(0, 0), unit(1, 0))).toBe(0);
  });

  it('gives 0, not NaN, for two boxes without area', () => {
    expect(boxIoU({ x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0, width: 0, height: 5 })).toBe(0);
  });

  it('treats a box rotated 90° about its centre as the box with swapped sides', () => {
    // A 4 × 2 box at (0, 0) has its centre at (2, 1). Turned 90° about the centre it covers the
    // 2 × 4 box at (1, −1). In Label Studio's form the anchor (top-left corner before rotation)
    // goes from (0, 0) to centre + R(90°)·(−2, −1) = (2, 1) + (1, −2) = (3, −1).
    const turned: Box = { x: 3, y: -1, width: 4, height: 2, rotation: 90 };
    const swapped: Box = { x: 1, y: -1, width: 2, height: 4 };
    expect(boxIoU(turned, swapped)).toBeCloseTo(1, 12);
    expect(fromCentredBox({ cx: 2, cy: 1, width: 4, height: 2, rotation: 90 })).toMatchObject({ x: expect.closeTo(3, 12), y: expect.closeTo(-1, 12) });
    // Against the unturned box: overlap is the 2 × 2 square [1, 3] × [0, 2]; union 8 + 8 − 4 = 12.
    expect(boxIoU(turned, { x: 0, y: 0, width: 4, height: 2 })).toBeCloseTo(4 / 12, 12);
  });

  it('measures a box rotated 45° against its upright self', () => {
    // A unit square turned 45° about its centre: the overlap is the square minus four corner
    // triangles with legs 1 − √2/2, i.e. 1 − 2(1 − √2/2)² = 2√2 − 2; union 2 − (2√2 − 2) = 4 − 2√2.
    const c = Math.SQRT2 / 2;
    const turned = fromCentredBox({ cx: 0.5, cy: 0.5, width: 1, height: 1, rotation: 45 });
    expect(turned.x).toBeCloseTo(0.5, 12); // the anchor swings up to the top vertex (0.5, 0.5 − c)
    expect(turned.y).toBeCloseTo(0.5 - c, 12);
    expect(boxIoU(turned, unit(0, 0))).toBeCloseTo((2 * Math.SQRT2 - 2) / (4 - 2 * Math.SQRT2), 12);
  });

  it('places a box turned by a half turn up and to the left of its anchor', () => {
    // rotation 180 about (2, 2) maps the 1 × 1 box onto [1, 2] × [1, 2].
    expect(boxIoU({ x: 2, y: 2, width: 1, height: 1, rotation: 180 }, unit(1, 1))).toBe(1);
    expect(boxIoU({ x: 2, y: 2, width: 1, height: 1, rotation: -180 }, unit(2, 2))).toBe(0);
  });
});

describe('box helpers', () => {
  it('lists corners clockwise on screen from the anchor', () => {
    const corners = boxCorners({ x: 1, y: 1, width: 2, height: 1, rotation: 90 });
    // Width now points down (+y) and height points left (−x).
    const expected = [[1, 1], [1, 3], [0, 3], [0, 1]];
    corners.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i]![0]!, 12);
      expect(y).toBeCloseTo(expected[i]![1]!, 12);
    });
  });

  it('round-trips through centre form', () => {
    const box: Box = { x: 10, y: 20, width: 30, height: 5, rotation: 33 };
    const back = fromCentredBox(toCentredBox(box));
    expect(back.x).toBeCloseTo(10, 10);
    expect(back.y).toBeCloseTo(20, 10);
    expect(back).toMatchObject({ width: 30, height: 5, rotation: 33 });
  });

  it('rejects a box with negative width or a non-finite coordinate', () => {
    expect(() => boxArea({ x: 0, y: 0, width: -1, height: 1 })).toThrow(GeometryError);
    expect(() => boxIoU(unit(Number.NaN, 0), unit(0, 0))).toThrow(/finite/);
  });
});
