// Video object tracks: keyframed boxes, polygons and polylines, their shape on any frame, edits,
// conversions to Label Studio VideoRectangle (and Laoshi videopolygon) values, MOT rows in and out,
// per-frame COCO/YOLO writers, track agreement and a model-free tracker.
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
export { boundingBoxInPixels, motGroundTruthRow, motRow, motRows, type MotOptions, type PixelBox } from './mot-writer.js';
export {
  pointKeyframesFromSequence, trackFromVideoPolygon, videoPolygonFromTrack, type VideoPolygonKeyframe, type VideoPolygonValue,
} from './label-studio-polygon-tracks.js';
export { lastFrameOf, tracksOfResult, type ResultTrack } from './result-tracks.js';
export { trackAgreement, trackSetAgreement, type TrackAgreement, type TrackAgreementOptions, type TrackSetAgreement } from './track-agreement.js';
export { keyframesFromFrames, type SimplifyOptions } from './keyframes-from-frames.js';
export { MotFormatError, readMot, readMotLabels, type MotReadOptions } from './mot-reader.js';
export { frameFileName, shapeBounds, videoStem, writeVideoCoco, type VideoCocoOptions, type VideoTracks } from './video-coco-writer.js';
export { yoloFrames, type YoloFrame, type YoloFramesOptions } from './yolo-frames.js';
export { extrapolateTrack } from './extrapolate-track.js';
export { DEFAULT_FRAME_RATE, taskFrameRate, videoFrameRate, type FrameRateSource } from './frame-rate.js';
