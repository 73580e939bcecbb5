import { describe, expect, it } from 'vitest';
import { decodeRle, encodeRle, rleArea, rleBoundingBox, rleCounts, rleCountsFromString, rleCountsToString } from '../../src/formats/index.js';
import { expectFormatError } from './helpers.js';

describe('COCO run-length encoding', () => {
  it('decodes a tiny known mask, column by column', () => {
    // size [height 2, width 3]; column-major pixel order is (0,0) (0,1) (1,0) (1,1) (2,0) (2,1) as (x, y)
    // counts [1, 2, 3]: 1 outside, 2 inside — pixels (0,1) and (1,0) — then 3 outside
    // row-major: row 0 = x0 0, x1 1, x2 0; row 1 = x0 1, x1 0, x2 0
    expect([...decodeRle({ size: [2, 3], counts: [1, 2, 3] })]).toEqual([0, 1, 0, 1, 0, 0]);
    expect(rleArea({ size: [2, 3], counts: [1, 2, 3] })).toBe(2);
    // inside pixels span x 0…1 and y 0…1, so the box is [0, 0, 2, 2]
    expect(rleBoundingBox({ size: [2, 3], counts: [1, 2, 3] })).toEqual([0, 0, 2, 2]);
  });

  it('bounds a run that stays in one column, and an empty mask', () => {
    // 4×4 image; counts [5, 2, 9]: pixels 5 and 6 in column-major order are x 1, y 1 and y 2
    expect(rleBoundingBox({ size: [4, 4], counts: [5, 2, 9] })).toEqual([1, 1, 1, 2]);
    expect(rleBoundingBox({ size: [4, 4], counts: [16] })).toEqual([0, 0, 0, 0]);
  });

  it('encodes a row-major mask back to the same runs', () => {
    const mask = [0, 1, 0, 1, 0, 0];
    expect(encodeRle(mask, 2, 3)).toEqual({ size: [2, 3], counts: [1, 2, 3] });
    // a mask that starts inside starts with an empty outside run; row-major [1, 0 / 1, 0] is the
    // left column inside: column-major 1, 1, 0, 0
    expect(encodeRle([1, 0, 1, 0], 2, 2).counts).toEqual([0, 2, 2]);
    // row-major [1, 1 / 0, 0] is the top row: column-major 1, 0, 1, 0
    expect(encodeRle([1, 1, 0, 0], 2, 2).counts).toEqual([0, 1, 1, 1, 1]);
    expect([...decodeRle(encodeRle([1, 0, 1, 1, 0, 1], 3, 2))]).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it("reads and writes COCO's compressed strings", () => {
    // Each run is base-32 in characters from '0' (48), lowest 5 bits first, 0x20 = more follows.
    // [1, 2, 3] → '1', '2', '3'; from the fourth run on, the difference to the run two back is
    // written: 4 − 2 = 2 → '2'
    expect(rleCountsToString([1, 2, 3, 4])).toBe('1232');
    // 100 = 3·32 + 4: first 4 | 0x20 = 36 → 'T', then 3 → '3'
    expect(rleCountsToString([100])).toBe('T3');
    // fourth run 0, two back 1: −1 → low bits 31 with the sign bit 0x10 set, no more → 48 + 31 = 'O'
    expect(rleCountsToString([5, 1, 2, 0])).toBe('512O');
    for (const counts of [[1, 2, 3, 4], [100], [5, 1, 2, 0], [0, 70000, 3, 1, 123456789]]) {
      expect(rleCountsFromString(rleCountsToString(counts))).toEqual(counts);
    }
    expect(rleCounts({ size: [10, 10], counts: 'T3' })).toEqual([100]);
  });

  it('refuses runs that do not fill the mask, bad characters and unfinished runs', async () => {
    await expectFormatError(() => rleCounts({ size: [2, 3], counts: [1, 2] }), 'coco', /cover 3 pixels, but a 2×3 mask has 6/);
    await expectFormatError(() => rleCounts({ size: [2, 3], counts: [1, -2, 7] }), 'coco', /run 1 is -2/);
    await expectFormatError(() => rleCountsFromString('1 2'), 'coco', /not part of COCO's compressed RLE alphabet/);
    await expectFormatError(() => rleCountsFromString('T'), 'coco', /ends inside run 0/);
    await expectFormatError(() => decodeRle({ size: [100_000, 100_000], counts: [10_000_000_000] }), 'coco', /larger than/);
  });
});
