import { normalizeDegrees } from './interpolate-shapes.js';
import type { RectangleKeyframe, RectangleTrack } from './track-types.js';

// Label Studio's VideoRectangle result value. Its frames are 1-based (frame 1 is the first frame
// of the video) and `time` is `frame / fps` in seconds; tracks keep frame numbers unchanged, so a
// track read from Label Studio is 1-based too.

/** One keyframe of a Label Studio VideoRectangle `sequence`; coordinates in percent. */
export interface VideoRectangleKeyframe {
  frame: number;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number;
  enabled: boolean;
  time?: number;
}

/** The `value` of a Label Studio `videorectangle` result item. */
export interface VideoRectangleValue {
  sequence: VideoRectangleKeyframe[];
  framesCount?: number;
  duration?: number;
  labels?: string[];
}

/**
 * Keyframes from a Label Studio `sequence`: sorted by frame, a missing rotation read as 0, and of
 * two keyframes on one frame the later in the list wins. Extra keys (`time`, …) are dropped.
 */
export function keyframesFromSequence(sequence: readonly VideoRectangleKeyframe[]): RectangleKeyframe[] {
  const byFrame = new Map<number, RectangleKeyframe>();
  for (const k of sequence) {
    byFrame.set(k.frame, { frame: k.frame, x: k.x, y: k.y, width: k.width, height: k.height, rotation: k.rotation ?? 0, enabled: k.enabled });
  }
  return [...byFrame.values()].sort((a, b) => a.frame - b.frame);
}

/**
 * A box track from a Label Studio VideoRectangle value; `id` is the result item's id. The track
 * label is the first of `labels` (Label Studio video tracks carry one label).
 * @example trackFromVideoRectangle(item.id, item.value)
 */
export function trackFromVideoRectangle(id: string, value: Pick<VideoRectangleValue, 'sequence' | 'labels'>): RectangleTrack {
  const label = value.labels?.[0];
  const keyframes = keyframesFromSequence(value.sequence);
  return label === undefined ? { id, kind: 'rectangle', keyframes } : { id, kind: 'rectangle', label, keyframes };
}

/**
 * A track's keyframes as a Label Studio `sequence` (keyframes only, never the in-between
 * frames). With `fps`, each keyframe gets Label Studio's `time: frame / fps`.
 */
export function sequenceFromTrack(track: RectangleTrack, options: { fps?: number } = {}): VideoRectangleKeyframe[] {
  const { fps } = options;
  if (fps !== undefined && !(fps > 0 && Number.isFinite(fps))) throw new RangeError(`fps must be a positive number, got ${fps}`);
  return track.keyframes.map((k) => {
    const out: VideoRectangleKeyframe = {
      frame: k.frame, x: k.x, y: k.y, width: k.width, height: k.height, rotation: normalizeDegrees(k.rotation), enabled: k.enabled,
    };
    if (fps !== undefined) out.time = k.frame / fps;
    return out;
  });
}

/**
 * A full Label Studio VideoRectangle value: the sequence, the label, and — when `framesCount` is
 * given — `framesCount` and (with `fps`) `duration = framesCount / fps`.
 */
export function videoRectangleFromTrack(track: RectangleTrack, options: { fps?: number; framesCount?: number } = {}): VideoRectangleValue {
  const value: VideoRectangleValue = { sequence: sequenceFromTrack(track, options) };
  if (options.framesCount !== undefined) {
    value.framesCount = options.framesCount;
    if (options.fps !== undefined) value.duration = options.framesCount / options.fps;
  }
  if (track.label !== undefined) value.labels = [track.label];
  return value;
}
