// Video object tracks: a region that moves through a video, stored as keyframes.
// Coordinates are percent of the video frame, as in Label Studio results.

export type TrackKind = 'rectangle' | 'polygon' | 'polyline';

/** A vertex in percent coordinates: `[x, y]`. */
export type TrackPoint = [x: number, y: number];

/**
 * A box: top-left corner `x, y`, size `width, height` (percent of the frame) and `rotation` in
 * degrees, clockwise on screen about the top-left corner (Label Studio's convention).
 */
export interface RectangleShape {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
}

/** A polygon (closed) or polyline (open) as its vertices in order. */
export interface PointsShape {
  points: TrackPoint[];
}

export type TrackShape = RectangleShape | PointsShape;

/**
 * Where a keyframe sits and whether the object stays in view after it. A keyframe is always
 * shown on its own frame; `enabled: false` hides the object on the frames after it, up to the
 * next keyframe (Label Studio's "lifespan" toggle).
 */
export interface KeyframeState {
  frame: number;
  enabled: boolean;
}

export type RectangleKeyframe = RectangleShape & KeyframeState;
export type PointsKeyframe = PointsShape & KeyframeState;
export type Keyframe = RectangleKeyframe | PointsKeyframe;

interface TrackBase {
  id: string;
  label?: string;
}

/**
 * A box track. WARNING: every function here assumes `keyframes` sorted by `frame` with no two
 * on the same frame; `setKeyframe` and the Label Studio readers keep them so.
 */
export interface RectangleTrack extends TrackBase {
  kind: 'rectangle';
  keyframes: RectangleKeyframe[];
}

/** A polygon or polyline track; keyframes sorted by `frame` as for {@link RectangleTrack}. */
export interface PointsTrack extends TrackBase {
  kind: 'polygon' | 'polyline';
  keyframes: PointsKeyframe[];
}

export type Track = RectangleTrack | PointsTrack;

/** The shape type a track yields: boxes for rectangle tracks, points otherwise. */
export type ShapeOf<T extends Track> = T extends RectangleTrack ? RectangleShape : PointsShape;

/** The keyframe type a track holds. */
export type KeyframeOf<T extends Track> = T['keyframes'][number];

/** The shape of a track on one frame. */
export interface FrameShape<S extends TrackShape = TrackShape> {
  frame: number;
  shape: S;
}

/** An inclusive range of frames: `{ from: 1, to: 300 }` covers 300 frames. */
export interface FrameRange {
  from: number;
  to: number;
}
