import type { PointsKeyframe, PointsTrack, RectangleKeyframe, RectangleTrack, TrackPoint } from '../../src/tracks/index.js';

/** A box keyframe; rotation 0 and enabled unless given. */
export function box(frame: number, x: number, y: number, width: number, height: number, extra: Partial<RectangleKeyframe> = {}): RectangleKeyframe {
  return { frame, x, y, width, height, rotation: 0, enabled: true, ...extra };
}

export function boxTrack(...keyframes: RectangleKeyframe[]): RectangleTrack {
  return { id: 'car-1', kind: 'rectangle', label: 'Car', keyframes };
}

export function outline(frame: number, points: TrackPoint[], enabled = true): PointsKeyframe {
  return { frame, points, enabled };
}

export function outlineTrack(kind: 'polygon' | 'polyline', ...keyframes: PointsKeyframe[]): PointsTrack {
  return { id: 'road-1', kind, label: 'Road', keyframes };
}

/** Keyframes on 0 (in view after), 10 (leaves view after), 20 (back in view) and 30 (leaves again). */
export const blinkingTrack = boxTrack(
  box(0, 0, 0, 10, 10),
  box(10, 10, 0, 10, 10, { enabled: false }),
  box(20, 50, 50, 10, 10),
  box(30, 60, 50, 10, 10, { enabled: false }),
);
