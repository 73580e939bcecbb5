import type { PointsKeyframe, PointsTrack, TrackPoint } from './track-types.js';

// Laoshi's result value for polygon and polyline tracks. Label Studio has no such item, so it is
// shaped like its `videorectangle` value: a `sequence` of keyframes only (1-based frames, `time =
// frame / fps`), where each keyframe carries `points` (percent, `[x, y]`) instead of a box:
//
//   { "type": "videopolygon", "from_name": "lanes", "to_name": "video", "id": "l1",
//     "value": { "closed": false, "labels": ["Lane"], "framesCount": 300, "duration": 10,
//                "sequence": [{ "frame": 1, "time": 0.0333, "enabled": true, "points": [[10, 90], [40, 50]] },
//                             { "frame": 30, "time": 1, "enabled": false, "points": [[12, 90], [41, 50]] }] } }
//
// `closed` false makes a polyline (a lane line), true or absent a polygon, as on `polygonlabels`.

/** One keyframe of a `videopolygon` sequence. */
export interface VideoPolygonKeyframe {
  frame: number;
  points: [number, number][];
  enabled: boolean;
  time?: number;
}

/** The `value` of a `videopolygon` result item. */
export interface VideoPolygonValue {
  sequence: VideoPolygonKeyframe[];
  closed?: boolean;
  framesCount?: number;
  duration?: number;
  labels?: string[];
}

/** Keyframes from a sequence: sorted by frame; of two on one frame the later in the list wins. */
export function pointKeyframesFromSequence(sequence: readonly VideoPolygonKeyframe[]): PointsKeyframe[] {
  const byFrame = new Map<number, PointsKeyframe>();
  for (const k of sequence) byFrame.set(k.frame, { frame: k.frame, points: k.points.map((p): TrackPoint => [p[0], p[1]]), enabled: k.enabled });
  return [...byFrame.values()].sort((a, b) => a.frame - b.frame);
}

/**
 * A polygon (or, with `closed: false`, polyline) track from a `videopolygon` value; `id` is the
 * result item's id and the label the first of `labels`.
 */
export function trackFromVideoPolygon(id: string, value: Pick<VideoPolygonValue, 'sequence' | 'labels' | 'closed'>): PointsTrack {
  const kind = value.closed === false ? 'polyline' : 'polygon';
  const label = value.labels?.[0];
  const keyframes = pointKeyframesFromSequence(value.sequence);
  return label === undefined ? { id, kind, keyframes } : { id, kind, label, keyframes };
}

/**
 * A full `videopolygon` value for a track: keyframes only, `time` with `fps`, `framesCount` and
 * `duration` when given, `closed` from the track kind.
 */
export function videoPolygonFromTrack(track: PointsTrack, options: { fps?: number; framesCount?: number } = {}): VideoPolygonValue {
  const { fps } = options;
  if (fps !== undefined && !(fps > 0 && Number.isFinite(fps))) throw new RangeError(`fps must be a positive number, got ${fps}`);
  const sequence = track.keyframes.map((k) => {
    const out: VideoPolygonKeyframe = { frame: k.frame, points: k.points.map(([x, y]): [number, number] => [x, y]), enabled: k.enabled };
    if (fps !== undefined) out.time = k.frame / fps;
    return out;
  });
  const value: VideoPolygonValue = { sequence, closed: track.kind === 'polygon' };
  if (options.framesCount !== undefined) {
    value.framesCount = options.framesCount;
    if (fps !== undefined) value.duration = options.framesCount / fps;
  }
  if (track.label !== undefined) value.labels = [track.label];
  return value;
}
