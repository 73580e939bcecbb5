import { interpolateAt, keyframeIndexAt, propagate, setKeyframe, type Keyframe, type Track } from '@laoshi/core';
import { updateRegions } from '../document.js';
import { isTrack, keyframeOn, withoutKeyframe } from '../regions/track.js';
import type { EditorDocument, EditorPatch, EditorState, Region, TrackGeometry } from '../types.js';
import { seekFrame } from './playback.js';

// Keyframe edits of the selected tracks on the current frame: (state) → patch, one undo step each.
// They work on the stored document (not the frame's view), so they are `wholeDocument` commands.

type TrackRegion = Region & { geometry: TrackGeometry };

/** The selected, unlocked tracks (not suggestions). */
function selectedTracks(state: EditorState): TrackRegion[] {
  return [...state.selection].map((id) => state.doc.regions.get(id)).filter((r): r is TrackRegion => isTrack(r) && !r.locked && r.suggestion === undefined);
}

function editTracks(state: EditorState, edit: (track: Track, frame: number) => Track): EditorDocument | undefined {
  const v = state.video;
  if (v === null || state.readOnly) return undefined;
  const ids = selectedTracks(state).map((r) => r.id);
  if (ids.length === 0) return undefined;
  const doc = updateRegions(state.doc, ids, (r) => {
    if (!isTrack(r)) return r;
    const track = edit(r.geometry.track, v.frame);
    return track === r.geometry.track ? r : { ...r, geometry: { kind: 'track', track } };
  });
  return doc === state.doc ? undefined : doc;
}

const patchOf = (doc: EditorDocument | undefined): EditorPatch | undefined => (doc === undefined ? undefined : { doc });

/** Makes the current frame a keyframe of the selected tracks, keeping the shape they show there. */
export function addKeyframeHere(state: EditorState): EditorPatch | undefined {
  return patchOf(editTracks(state, (track, frame) => {
    const shape = interpolateAt(track, frame);
    if (shape === undefined || keyframeOn(track, frame) !== undefined) return track;
    return setKeyframe(track, { ...shape, frame, enabled: true } as never);
  }));
}

/** Removes the selected tracks' keyframe on the current frame (a track keeps its last keyframe). */
export function deleteKeyframeHere(state: EditorState): EditorPatch | undefined {
  return patchOf(editTracks(state, (track, frame) => withoutKeyframe({ kind: 'track', track }, frame).track));
}

/**
 * Out of view from here, or back in view: on a frame where a track is in view, it leaves view
 * after this frame (the frame becomes a keyframe with `enabled: false`, or such a keyframe turns
 * back on); on a frame where it is out of view, it comes back here with the shape it last had.
 */
export function toggleOutOfView(state: EditorState): EditorPatch | undefined {
  return patchOf(editTracks(state, (track, frame) => {
    const own = keyframeOn(track, frame);
    if (own !== undefined) return setKeyframe(track, { ...own, enabled: !own.enabled } as never);
    const shape = interpolateAt(track, frame);
    if (shape !== undefined) return setKeyframe(track, { ...shape, frame, enabled: false } as never);
    const before = track.keyframes[keyframeIndexAt(track.keyframes, frame)] ?? track.keyframes[0];
    if (before === undefined) return track;
    return setKeyframe(track, { ...(before as Keyframe), frame, enabled: true } as never);
  }));
}

/** Copies the selected tracks' shape on this frame to the next frame as a keyframe, and shows that frame. */
export function copyToNextFrame(state: EditorState): EditorPatch | undefined {
  const v = state.video;
  if (v === null || v.frame >= v.frameCount) return undefined;
  const doc = editTracks(state, (track, frame) => (interpolateAt(track, frame) === undefined ? track : propagate(track, frame, 1)));
  if (doc === undefined) return undefined;
  return { doc, ...seekFrame(state, v.frame + 1) };
}

/** Holds the selected tracks' shape on this frame for `span` more frames (a keyframe `span` frames on). */
export function propagateSelected(state: EditorState, span = state.video?.span ?? 10): EditorPatch | undefined {
  const v = state.video;
  if (v === null) return undefined;
  const n = Math.min(span, v.frameCount - v.frame);
  if (n < 1) return undefined;
  return patchOf(editTracks(state, (track, frame) => (interpolateAt(track, frame) === undefined ? track : propagate(track, frame, n))));
}

/** Shows the previous or next keyframe of the selected tracks (of every track when none is selected). */
export function jumpToKeyframe(state: EditorState, step: 1 | -1): EditorPatch | undefined {
  const v = state.video;
  if (v === null) return undefined;
  const chosen = selectedTracks(state);
  const tracks = chosen.length > 0 ? chosen : [...state.doc.regions.values()].filter(isTrack);
  let best: number | undefined;
  for (const r of tracks) {
    for (const k of r.geometry.track.keyframes) {
      if (step === 1 ? k.frame > v.frame && (best === undefined || k.frame < best) : k.frame < v.frame && (best === undefined || k.frame > best)) best = k.frame;
    }
  }
  return best === undefined ? undefined : seekFrame(state, best);
}

/** Whether a track is in view on the current frame (what the tracker needs to start from). */
export function trackInView(state: EditorState, id: string): boolean {
  const r = state.doc.regions.get(id);
  return state.video !== null && isTrack(r) && interpolateAt(r.geometry.track, state.video.frame) !== undefined;
}

export { selectedTracks };
