import { describe, expect, it } from 'vitest';
import { copyToNextFrame, interpolateAt, propagate, setKeyframe } from '../../src/tracks/index.js';
import { blinkingTrack, box, boxTrack, outline, outlineTrack } from './track-fixtures.js';

const framesOfKeys = (track: { keyframes: { frame: number; enabled: boolean }[] }) => track.keyframes.map((k) => [k.frame, k.enabled]);

describe('setKeyframe', () => {
  it('inserts in frame order and replaces a keyframe on the same frame, leaving the input alone', () => {
    const track = boxTrack(box(0, 1, 1, 1, 1), box(20, 2, 2, 2, 2));
    const inserted = setKeyframe(track, box(10, 5, 5, 5, 5));
    expect(inserted.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
    expect(setKeyframe(inserted, box(10, 7, 7, 7, 7)).keyframes[1]?.x).toBe(7);
    expect(setKeyframe(track, box(-5, 0, 0, 1, 1)).keyframes[0]?.frame).toBe(-5);
    expect(track.keyframes).toHaveLength(2);
  });
});

describe('copyToNextFrame', () => {
  it('copies a keyframe to the next frame', () => {
    const track = boxTrack(box(0, 10, 10, 20, 20), box(20, 30, 10, 20, 40));
    const copied = copyToNextFrame(track, 0);
    expect(copied.keyframes[1]).toEqual(box(1, 10, 10, 20, 20));
    expect(copied.keyframes).toHaveLength(3);
  });

  it('copies outlines as fresh arrays', () => {
    const track = outlineTrack('polygon', outline(0, [[0, 0], [1, 0], [1, 1]]));
    const copied = copyToNextFrame(track, 0);
    expect(copied.keyframes[1]?.points).toEqual([[0, 0], [1, 0], [1, 1]]);
    expect(copied.keyframes[1]?.points[0]).not.toBe(track.keyframes[0]?.points[0]);
  });
});

describe('propagate', () => {
  const track = boxTrack(box(0, 10, 10, 20, 20), box(20, 30, 10, 20, 40));

  it('pins the source frame and holds its shape for n frames', () => {
    // shape on frame 10 is (20, 10, 20, 30), halfway between the keyframes
    const held = propagate(track, 10, 5);
    expect(held.keyframes.map((k) => k.frame)).toEqual([0, 10, 15, 20]);
    for (const frame of [10, 12, 15]) expect(interpolateAt(held, frame)).toEqual({ x: 20, y: 10, width: 20, height: 30, rotation: 0 });
    // frame 5 is unchanged: still halfway from frame 0 to the (same) shape on 10
    expect(interpolateAt(held, 5)).toEqual(interpolateAt(track, 5));
  });

  it('replaces a keyframe on the target frame but keeps its enabled flag', () => {
    const out = propagate(blinkingTrack, 0, 10);
    expect(out.keyframes[1]).toEqual(box(10, 0, 0, 10, 10, { enabled: false }));
  });

  it('gives new keyframes the enabled flag in force, so in-view ranges only grow by the new keyframe', () => {
    // from the disabled keyframe on 10 into the out-of-view range: the copy on 12 is shown on its
    // own frame only; 11 and 13–19 stay out of view
    const out = propagate(blinkingTrack, 10, 2);
    expect(framesOfKeys(out)).toEqual([[0, true], [10, false], [12, false], [20, true], [30, false]]);
    expect(interpolateAt(out, 12)?.x).toBe(10);
    expect(interpolateAt(out, 11)).toBeUndefined();
    expect(interpolateAt(out, 13)).toBeUndefined();
    // after a held enabled last keyframe the copy is enabled
    expect(framesOfKeys(propagate(track, 20, 3)).at(-1)).toEqual([23, true]);
  });

  it('refuses a frame where the object is out of view and a bad n', () => {
    expect(() => propagate(blinkingTrack, 15, 1)).toThrow(/not in view on frame 15/);
    expect(() => propagate(track, -1, 1)).toThrow(RangeError);
    expect(() => propagate(track, 0, 0)).toThrow(RangeError);
    expect(() => propagate(track, 0, 1.5)).toThrow(RangeError);
  });
});
