import { extrapolateTrack, keyframesFromSequence, pointKeyframesFromSequence, type Keyframe, type ResultItem, type VideoPolygonKeyframe, type VideoRectangleKeyframe } from '@laoshi/core';
import { isTrack } from '../regions/track.js';
import type { EditorState } from '../types.js';

// The tracker hook: something that, given a track and a frame, proposes where the object is on the
// next frames. A model backend (POST /api/tasks/:id/predict with this request as its context) or
// the model-free motion tracker below; the editor shows the answer as a suggestion to accept or
// correct (see track-suggestions.ts).

/** What the editor asks a tracker. */
export interface TrackerRequest {
  /** The track as its result item (keyframes so far, 1-based frames), as a backend would store it. */
  item: ResultItem;
  trackId: string;
  /** The frame on screen: proposals are for the frames after it. */
  fromFrame: number;
  /** How many frames ahead. */
  frames: number;
  fps: number;
}

/** A tracker's answer: keyframes after `fromFrame` (one per frame or fewer: they are interpolated). */
export interface TrackerAnswer {
  keyframes: Keyframe[];
  score?: number | undefined;
  modelVersion?: string | undefined;
}

/** A tracker; null means "nothing to propose". The signal aborts when the annotator moves on. */
export type Tracker = (request: TrackerRequest, signal: AbortSignal) => Promise<TrackerAnswer | null>;

/** The tracker that needs no model: constant velocity since the previous keyframe (core's extrapolateTrack). */
export const motionTracker: Tracker = async (request) => {
  const value = request.item.value as { sequence?: unknown[]; closed?: boolean };
  const kind = request.item.type === 'videorectangle' ? 'rectangle' : value.closed === false ? 'polyline' : 'polygon';
  const sequence = (value.sequence ?? []) as (VideoRectangleKeyframe & VideoPolygonKeyframe)[];
  const keyframes = kind === 'rectangle' ? keyframesFromSequence(sequence) : pointKeyframesFromSequence(sequence);
  const track = { id: request.trackId, kind, keyframes } as Parameters<typeof extrapolateTrack>[0];
  return { keyframes: extrapolateTrack(track, request.fromFrame, request.frames), modelVersion: 'motion' };
};

/**
 * Keyframes for `trackId` from a model backend's answer (Label Studio result items): the
 * `videorectangle`/`videopolygon` item with that id, else the first one.
 */
export function keyframesFromResult(result: readonly Record<string, unknown>[], trackId: string): Keyframe[] {
  const tracks = result.filter((r) => r.type === 'videorectangle' || r.type === 'videopolygon');
  const item = tracks.find((r) => r.id === trackId) ?? tracks[0];
  const sequence = (item?.value as { sequence?: unknown } | undefined)?.sequence;
  if (!Array.isArray(sequence)) return [];
  return item?.type === 'videorectangle' ? keyframesFromSequence(sequence as VideoRectangleKeyframe[]) : pointKeyframesFromSequence(sequence as VideoPolygonKeyframe[]);
}

/** The one selected track the tracker would start from, if any. */
export function trackerTarget(state: EditorState): string | undefined {
  const [id, ...more] = [...state.selection];
  const region = id === undefined ? undefined : state.doc.regions.get(id);
  return more.length === 0 && isTrack(region) && region.suggestion === undefined ? id : undefined;
}
