// Video object tracks: keyframed boxes, polygons and polylines, their shape on any frame, edits,
// and conversions to Label Studio VideoRectangle values and MOT-challenge rows.
// Names carry "Track" where geometry/ already uses the plain word (Point, Shape).
export type {
  FrameRange, FrameShape, Keyframe, KeyframeOf, KeyframeState, PointsKeyframe, PointsShape, PointsTrack,
  RectangleKeyframe, RectangleShape, RectangleTrack, ShapeOf, Track, TrackKind, TrackPoint, TrackShape,
} from './track-types.js';
export { interpolateAt, keyframeIndexAt } from './interpolate-track.js';
export { lerpDegrees, normalizeDegrees } from './interpolate-shapes.js';
export { alignOutlines, arcFractions, pointsAtFractions, resampleByArcLength } from './resample-points.js';
export { framesOf } from './frames-of.js';
export { copyToNextFrame, propagate, setKeyframe } from './edit-track.js';
export {
  keyframesFromSequence, sequenceFromTrack, trackFromVideoRectangle, videoRectangleFromTrack,
  type VideoRectangleKeyframe, type VideoRectangleValue,
} from './label-studio-tracks.js';
export { boundingBoxInPixels, motRow, motRows, type MotOptions, type PixelBox } from './mot-writer.js';
