import { describe, expect, it } from 'vitest';
import { framesOf, keyframesFromFrames, MotFormatError, readMot, readMotLabels } from '../../src/tracks/index.js';

describe('keyframes from per-frame shapes', () => {
  const moving = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ frame: from + i, shape: { x: 10 + 2 * i, y: 20, width: 10, height: 10, rotation: 0 } }));

  it('keeps the two ends of a steady move, the last out of view after it', () => {
    expect(keyframesFromFrames('rectangle', moving(1, 50))).toEqual([
      { frame: 1, x: 10, y: 20, width: 10, height: 10, rotation: 0, enabled: true },
      { frame: 50, x: 108, y: 20, width: 10, height: 10, rotation: 0, enabled: false },
    ]);
  });

  it('keeps the corner of a move that turns back, and makes a gap where frames are missing', () => {
    // right by 1 per frame on 1…10, back left on 11…20; absent on 21…24; seen on 25 and 26
    const frames = [
      ...Array.from({ length: 10 }, (_, i) => ({ frame: 1 + i, shape: { x: i, y: 0, width: 5, height: 5, rotation: 0 } })),
      ...Array.from({ length: 10 }, (_, i) => ({ frame: 11 + i, shape: { x: 8 - i, y: 0, width: 5, height: 5, rotation: 0 } })),
      { frame: 25, shape: { x: 50, y: 50, width: 5, height: 5, rotation: 0 } },
      { frame: 26, shape: { x: 51, y: 50, width: 5, height: 5, rotation: 0 } },
    ];
    const keyframes = keyframesFromFrames('rectangle', frames);
    expect(keyframes.map((k) => [k.frame, k.enabled])).toEqual([[1, true], [10, true], [20, false], [25, true], [26, false]]);
    // and it reproduces every given frame, and nothing on the missing ones
    const track = { id: 't', kind: 'rectangle' as const, keyframes: keyframes as never };
    const back = [...framesOf(track, { from: 1, to: 30 })];
    expect(back.map((f) => f.frame)).toEqual(frames.map((f) => f.frame));
    back.forEach((f, i) => expect((f.shape as { x: number }).x).toBeCloseTo(frames[i]!.shape.x, 9));
  });

  it('keeps every keyframe of outlines whose vertex count changes', () => {
    const k = keyframesFromFrames('polygon', [
      { frame: 1, shape: { points: [[0, 0], [1, 0], [1, 1]] } },
      { frame: 2, shape: { points: [[0, 0], [1, 0], [1, 1], [0, 1]] } },
      { frame: 3, shape: { points: [[0, 0], [1, 0], [1, 1]] } },
    ]);
    expect(k.map((x) => x.frame)).toEqual([1, 2, 3]);
  });
});

describe('MOT reader', () => {
  // As CVAT's "MOT 1.1" writes gt/gt.txt: frame,id,x,y,w,h,not-ignored,class,visibility
  const gt = [
    '1,1,100,50,200,100,1,1,1',
    '2,1,110,50,200,100,1,1,1',
    '3,1,120,50,200,100,1,1,1',
    '1,2,0,0,10,10,1,2,0.5',
    '3,2,0,0,10,10,1,2,0.5',
    '2,3,5,5,5,5,0,1,1',
    '',
  ].join('\n');

  it('reads each id as a box track in percent with keyframes and gaps, labels from labels.txt', () => {
    const tracks = readMot(gt, { videoWidth: 1000, videoHeight: 500, labels: readMotLabels('car\nperson\n') });
    expect(tracks.map((t) => [t.id, t.label])).toEqual([['mot-1', 'car'], ['mot-2', 'person']]);
    // id 1: 100 px of 1000 = 10 %, 50 of 500 = 10 %, 200 → 20 %, 100 → 20 %; +1 % per frame → two keyframes
    expect(tracks[0]?.keyframes).toEqual([
      { frame: 1, x: 10, y: 10, width: 20, height: 20, rotation: 0, enabled: true },
      { frame: 3, x: 12, y: 10, width: 20, height: 20, rotation: 0, enabled: false },
    ]);
    // id 2 is missing on frame 2: shown on 1, out of view, back on 3
    expect(tracks[1]?.keyframes.map((k) => [k.frame, k.enabled])).toEqual([[1, false], [3, false]]);
  });

  it('drops ignored rows (conf 0) unless asked, and reads 10-column detection rows without classes', () => {
    expect(readMot(gt, { videoWidth: 1000, videoHeight: 500 }).map((t) => t.id)).toEqual(['mot-1', 'mot-2']);
    expect(readMot(gt, { videoWidth: 1000, videoHeight: 500, keepIgnored: true }).map((t) => t.id)).toEqual(['mot-1', 'mot-2', 'mot-3']);
    const det = readMot('1,7,10,10,20,20,-1,-1,-1,-1\n', { videoWidth: 100, videoHeight: 100 });
    expect(det[0]).toMatchObject({ id: 'mot-7', keyframes: [{ frame: 1, x: 10, width: 20, enabled: false }] });
    expect(det[0]?.label).toBeUndefined();
  });

  it('names the line of a malformed row', () => {
    expect(() => readMot('1,1,0,0,1,1\n2,1,x,0,1,1', { videoWidth: 10, videoHeight: 10 })).toThrow(new MotFormatError(2, 'value 3 ("x") is not a number'));
    expect(() => readMot('0,1,0,0,1,1', { videoWidth: 10, videoHeight: 10 })).toThrow(/line 1: frame must be a whole number ≥ 1/);
    expect(() => readMot('1,1,0,0', { videoWidth: 10, videoHeight: 10 })).toThrow(/at least 6/);
    expect(() => readMot('1,1,0,0,1,1,1,3', { videoWidth: 10, videoHeight: 10, labels: ['a'] })).toThrow(/class 3 is not in the 1 labels/);
  });
});
