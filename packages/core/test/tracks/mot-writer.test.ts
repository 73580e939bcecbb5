import { describe, expect, it } from 'vitest';
import { boundingBoxInPixels, motGroundTruthRow, motRow, motRows, type MotOptions } from '../../src/tracks/index.js';
import { blinkingTrack, box, boxTrack } from './track-fixtures.js';

const hd: MotOptions = { videoWidth: 1920, videoHeight: 1080, frameBase: 0 };
const upright = { x: 10, y: 20, width: 30, height: 40, rotation: 0 };

describe('MOT-challenge rows', () => {
  it('writes a known box in pixels with a 1-based frame', () => {
    // left = 10% of 1920 = 192, top = 20% of 1080 = 216
    // width = 30% of 1920 = 576, height = 40% of 1080 = 432
    // frame 0 of a 0-based track is MOT frame 0 + 1 = 1
    expect(motRow(0, 1, upright, hd)).toBe('1,1,192,216,576,432,1,-1,-1,-1');
    // a 1-based (Label Studio) track writes its frames as they are
    expect(motRow(1, 7, upright, { ...hd, frameBase: 1 })).toBe('1,7,192,216,576,432,1,-1,-1,-1');
  });

  it('writes the axis-aligned bounds of a rotated box', () => {
    // 90° clockwise about the top-left corner (192, 216): the 576-wide top edge points down and
    // the 432-high left edge points left, so the bounds span x 192 − 432 = −240 … 192 and
    // y 216 … 216 + 576 = 792
    expect(motRow(0, 1, { ...upright, rotation: 90 }, hd)).toBe('1,1,-240,216,432,576,1,-1,-1,-1');
    // 45° on a 100×100 video, box (50, 50, 10, 10): corners at (50, 50), (50 + 7.071, 50 + 7.071),
    // (50 − 7.071, 50 + 7.071) and (50, 50 + 14.142) → left 42.93, width and height 14.14
    const square = { videoWidth: 100, videoHeight: 100, frameBase: 0 as const };
    expect(motRow(4, 2, { x: 50, y: 50, width: 10, height: 10, rotation: 45 }, square)).toBe('5,2,42.93,50,14.14,14.14,1,-1,-1,-1');
  });

  it('rounds to the requested decimals and writes the given confidence', () => {
    // 33.3333% of 1000 = 333.333 px
    const third = { x: 100 / 3, y: 0, width: 10, height: 10, rotation: 0 };
    expect(motRow(0, 1, third, { videoWidth: 1000, videoHeight: 100, frameBase: 0, decimals: 1, confidence: 0.5 })).toBe('1,1,333.3,0,100,10,0.5,-1,-1,-1');
    expect(boundingBoxInPixels(third, 1000, 100).left).toBeCloseTo(333.333, 3);
  });

  it('refuses frames before the first and an empty video size', () => {
    expect(() => motRow(0, 1, upright, { ...hd, frameBase: 1 })).toThrow(RangeError);
    expect(() => motRow(0, 1, upright, { ...hd, videoWidth: 0 })).toThrow(RangeError);
  });

  it('writes every in-view frame of several tracks, by frame and then by track', () => {
    const steady = boxTrack(box(9, 0, 0, 10, 10), box(12, 0, 0, 10, 10));
    const rows = [...motRows([steady, blinkingTrack], { from: 9, to: 21 }, { videoWidth: 100, videoHeight: 100, frameBase: 0 })];
    // steady (id 1) is in view from 9 on (held after 12); blinkingTrack (id 2) on 9, 10, 20, 21
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      '10,1', '10,2', '11,1', '11,2',
      ...[12, 13, 14, 15, 16, 17, 18, 19, 20].map((f) => `${f},1`),
      '21,1', '21,2', '22,1', '22,2',
    ]);
    // blinkingTrack on frame 9: x = 0 + 10·0.9 = 9 → 9 px on a 100-px video
    expect(rows[1]).toBe('10,2,9,0,10,10,1,-1,-1,-1');
  });
});

describe('MOT ground-truth rows', () => {
  it('writes the 9-column gt.txt row with the class id and full visibility', () => {
    // the same box as above: 192, 216, 576, 432 px on a 1920 × 1080 frame; class 2 (labels.txt line 2)
    expect(motGroundTruthRow(7, 3, upright, 2, { ...hd, frameBase: 1 })).toBe('7,3,192,216,576,432,1,2,1');
    expect(() => motGroundTruthRow(1, 1, upright, 0, hd)).toThrow(/class ids/);
  });
});
