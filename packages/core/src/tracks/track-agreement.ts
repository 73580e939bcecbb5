import { boxIoU } from '../geometry/box.js';
import { polygonIoU } from '../geometry/polygon-overlap.js';
import type { Point } from '../geometry/shapes.js';
import { matchByIoU } from '../matching/match-by-iou.js';
import { framesOf } from './frames-of.js';
import type { FrameRange, PointsShape, RectangleShape, Track, TrackShape } from './track-types.js';

/** The frame size in pixels: rotated boxes turn in pixel space, so their overlap needs it. */
export interface TrackAgreementOptions {
  videoWidth: number;
  videoHeight: number;
  /**
   * The frames compared (inclusive). By default from the first keyframe of either track to the
   * last keyframe of either: an enabled last keyframe is held no further than that.
   */
  frames?: FrameRange;
}

/** How well two tracks of one object agree. */
export interface TrackAgreement {
  /** Mean per-frame IoU over `frames`; 0 when no frame shows either track. */
  iou: number;
  /** Frames on which either track is in view (the union the mean is taken over). */
  frames: number;
  /** Frames on which both are in view. */
  both: number;
}

function shapeIoU(kind: Track['kind'], a: TrackShape, b: TrackShape, options: TrackAgreementOptions): number {
  if (kind === 'rectangle') {
    const sx = options.videoWidth / 100;
    const sy = options.videoHeight / 100;
    const px = (s: RectangleShape) => ({ x: s.x * sx, y: s.y * sy, width: s.width * sx, height: s.height * sy, rotation: s.rotation });
    return boxIoU(px(a as RectangleShape), px(b as RectangleShape));
  }
  // IoU does not change under a scaling of the axes, so polygons are compared in percent.
  return polygonIoU((a as PointsShape).points as readonly Point[], (b as PointsShape).points as readonly Point[]);
}

function defaultRange(a: Track, b: Track): FrameRange {
  const firsts = [a.keyframes[0]?.frame, b.keyframes[0]?.frame].filter((f): f is number => f !== undefined);
  const lasts = [a.keyframes.at(-1)?.frame, b.keyframes.at(-1)?.frame].filter((f): f is number => f !== undefined);
  return { from: Math.min(...firsts), to: Math.max(...lasts) };
}

/**
 * Track agreement: the per-frame IoU of two tracks, averaged over the union of the frames on which
 * either is in view (a frame only one of them shows scores 0), so a track that starts late or
 * leaves early is penalised as much as one that drifts. Rectangles and polygons only: a polyline
 * has no area. Throws a RangeError for different kinds, polylines or a non-positive frame size.
 * @example trackAgreement(mine, theirs, { videoWidth: 1920, videoHeight: 1080 }).iou // 0.83
 */
export function trackAgreement(a: Track, b: Track, options: TrackAgreementOptions): TrackAgreement {
  if (a.kind !== b.kind) throw new RangeError(`cannot compare a ${a.kind} track with a ${b.kind} track`);
  if (a.kind === 'polyline') throw new RangeError('polyline tracks have no area, so they have no IoU');
  if (!(options.videoWidth > 0 && options.videoHeight > 0)) throw new RangeError(`video size must be positive, got ${options.videoWidth}×${options.videoHeight}`);
  if (a.keyframes.length === 0 && b.keyframes.length === 0) return { iou: 0, frames: 0, both: 0 };
  const range = options.frames ?? defaultRange(a, b);
  const left = framesOf(a, range);
  const right = framesOf(b, range);
  let x = left.next();
  let y = right.next();
  let sum = 0;
  let frames = 0;
  let both = 0;
  while (x.done !== true || y.done !== true) {
    frames++;
    if (x.done !== true && y.done !== true && x.value.frame === y.value.frame) {
      sum += shapeIoU(a.kind, x.value.shape, y.value.shape, options);
      both++;
      x = left.next();
      y = right.next();
    } else if (y.done === true || (x.done !== true && x.value.frame < y.value.frame)) {
      x = left.next();
    } else {
      y = right.next();
    }
  }
  return { iou: frames === 0 ? 0 : sum / frames, frames, both };
}

/** Agreement between two annotators' sets of tracks on one video. */
export interface TrackSetAgreement {
  /** 2 · Σ IoU of matched pairs / (tracks of A + tracks of B): 1 when every track has an identical twin. */
  score: number;
  /** Matched pairs: index into A, index into B, their track IoU. */
  pairs: { a: number; b: number; iou: number }[];
}

/**
 * Matches the tracks of two annotators one to one (Hungarian, on track IoU; only tracks of the
 * same kind and label pair up, and only above `threshold`, default 0.5) and scores the set:
 * unmatched tracks on either side count as 0. Polyline tracks are left out of both sides.
 */
export function trackSetAgreement(a: readonly Track[], b: readonly Track[], options: TrackAgreementOptions & { threshold?: number }): TrackSetAgreement {
  const left = a.filter((t) => t.kind !== 'polyline');
  const right = b.filter((t) => t.kind !== 'polyline');
  if (left.length + right.length === 0) return { score: 1, pairs: [] };
  const scores = left.map((x) => right.map((y) => (x.kind === y.kind && x.label === y.label ? trackAgreement(x, y, options).iou : 0)));
  const matching = matchByIoU(scores, { threshold: options.threshold ?? 0.5 });
  const pairs = matching.pairs.map((p) => ({ a: a.indexOf(left[p.row] as Track), b: b.indexOf(right[p.col] as Track), iou: p.score }));
  return { score: (2 * matching.total) / (left.length + right.length), pairs };
}
