import { interpolateAt, keyframeIndexAt, setKeyframe, type Keyframe, type PointsTrack, type RectangleTrack, type Track, type TrackPoint } from '@laoshi/core';
import type { PolygonGeometry, RectangleGeometry, Region, TrackGeometry } from '../types.js';

// Video tracks as regions: a region whose geometry is a core Track. On a frame it shows as the
// rectangle or polygon the track has there; an edit of that shape becomes a keyframe there.

/** The shape a track geometry shows on screen. */
export type FrameGeometry = RectangleGeometry | PolygonGeometry;

export const isTrack = (region: Region | undefined): region is Region & { geometry: TrackGeometry } => region?.geometry.kind === 'track';

/** The track's shape on `frame` as an image geometry, or undefined when it is out of view there. */
export function trackShapeAt(g: TrackGeometry, frame: number): FrameGeometry | undefined {
  const shape = interpolateAt(g.track, frame);
  if (shape === undefined) return undefined;
  if ('points' in shape) return { kind: 'polygon', points: shape.points, closed: g.track.kind === 'polygon' };
  return { kind: 'rectangle', ...shape };
}

/** The keyframe on `frame`, if there is one. */
export function keyframeOn(track: Track, frame: number): Keyframe | undefined {
  const k = track.keyframes[keyframeIndexAt(track.keyframes, frame)];
  return k?.frame === frame ? k : undefined;
}

/** A keyframe for an image geometry drawn or edited on `frame`. */
function keyframeOf(g: FrameGeometry, frame: number, enabled: boolean): Keyframe {
  if (g.kind === 'rectangle') return { frame, x: g.x, y: g.y, width: g.width, height: g.height, rotation: g.rotation, enabled };
  return { frame, points: g.points.map(([x, y]): TrackPoint => [x, y]), enabled };
}

/** A new track holding `g` from `frame` on (an enabled keyframe is held until the video ends). */
export function newTrackGeometry(id: string, g: FrameGeometry, frame: number): TrackGeometry {
  const keyframes = [keyframeOf(g, frame, true)];
  if (g.kind === 'rectangle') return { kind: 'track', track: { id, kind: 'rectangle', keyframes } as RectangleTrack };
  return { kind: 'track', track: { id, kind: g.closed ? 'polygon' : 'polyline', keyframes } as PointsTrack };
}

/**
 * The track with `g` as its keyframe on `frame`. A keyframe already there keeps its `enabled`; a
 * new one is enabled (the shape was just shown there, so the object is in view). A shape of the
 * other kind (a polygon edit on a box track) leaves the track as it is.
 */
export function withKeyframe(geometry: TrackGeometry, g: FrameGeometry, frame: number): TrackGeometry {
  const track = geometry.track;
  if ((track.kind === 'rectangle') !== (g.kind === 'rectangle')) return geometry;
  const enabled = keyframeOn(track, frame)?.enabled ?? true;
  return { kind: 'track', track: setKeyframe(track, keyframeOf(g, frame, enabled) as never) };
}

/** The track without its keyframe on `frame` (unchanged when that is its only keyframe or it has none there). */
export function withoutKeyframe(geometry: TrackGeometry, frame: number): TrackGeometry {
  const { track } = geometry;
  if (track.keyframes.length <= 1 || keyframeOn(track, frame) === undefined) return geometry;
  return { kind: 'track', track: { ...track, keyframes: (track.keyframes as Keyframe[]).filter((k) => k.frame !== frame) } as Track };
}

/** Frames of the track's keyframes, in order. */
export function keyframeFrames(g: TrackGeometry): number[] {
  return g.track.keyframes.map((k) => k.frame);
}
