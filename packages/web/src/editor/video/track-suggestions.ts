import { keyframeIndexAt, setKeyframe, type Keyframe, type Track } from '@laoshi/core';
import { removeRegions } from '../document.js';
import { isTrack } from '../regions/track.js';
import type { EditorDocument, Region, Suggestion, TrackGeometry } from '../types.js';

// A tracker's proposal for the next frames of a track is a suggestion region of its own: a track
// holding the proposed keyframes, drawn dashed, left out of the result, and accepted ("a") or
// corrected like any suggestion. Accepting merges its keyframes into the track it is for.

/**
 * The suggestion region for proposed keyframes of `parent` after `fromFrame`: it starts with the
 * parent's shape on `fromFrame` (so it shows the move from there) and ends out of view after the
 * last proposal (a proposal says nothing about the frames after it).
 */
export function proposalRegion(id: string, parent: Region & { geometry: TrackGeometry }, start: Keyframe, proposed: readonly Keyframe[], meta: Omit<Suggestion, 'forRegion'>): Region | undefined {
  const after = proposed.filter((k) => k.frame > start.frame).sort((a, b) => a.frame - b.frame);
  if (after.length === 0) return undefined;
  const keyframes = [start, ...after.map((k, i) => ({ ...k, enabled: i < after.length - 1 }))];
  const track = { ...parent.geometry.track, id, keyframes } as Track;
  return {
    id, version: 1, control: parent.control, object: parent.object, geometry: { kind: 'track', track }, labels: parent.labels,
    hidden: false, locked: false, suggestion: { ...meta, forRegion: parent.id }, extra: {}, valueExtra: {},
  };
}

/** `parent` with the proposal's keyframes (those on frames up to `until`, all by default) set on it. */
function mergeInto(parent: Region & { geometry: TrackGeometry }, proposal: Track, until = Infinity): Region {
  let track = parent.geometry.track;
  const keyframes: readonly Keyframe[] = proposal.keyframes;
  for (const k of keyframes) {
    if (k.frame > until) break;
    // The proposal's own flags only end its dashed preview: merged keyframes keep the track's
    // flag on their frame, so accepting never changes where the track is in view.
    const inForce = track.keyframes[keyframeIndexAt(track.keyframes, k.frame)];
    track = setKeyframe(track, { ...k, enabled: inForce?.enabled ?? true } as never);
  }
  return { ...parent, geometry: { kind: 'track', track }, version: parent.version + 1 };
}

/** Whether a region is a tracker's proposal whose track still exists in `doc`. */
const proposalFor = (doc: EditorDocument, region: Region): (Region & { geometry: TrackGeometry }) | undefined => {
  const parent = region.suggestion?.forRegion === undefined ? undefined : doc.regions.get(region.suggestion.forRegion);
  return isTrack(region) && isTrack(parent) ? parent : undefined;
};

/**
 * Accepts tracker proposals among `ids` (all when undefined): their keyframes join the tracks they
 * are for and the proposal regions go. Proposals whose track is gone are left for the plain
 * suggestion handling (they become tracks of their own).
 */
export function acceptTrackProposals(doc: EditorDocument, ids?: readonly string[]): EditorDocument {
  const chosen = ids === undefined ? undefined : new Set(ids);
  let next = doc;
  const gone: string[] = [];
  for (const region of doc.regions.values()) {
    if (chosen !== undefined && !chosen.has(region.id) && !chosen.has(region.suggestion?.forRegion ?? '')) continue;
    const parent = proposalFor(next, region);
    if (parent === undefined || !isTrack(region)) continue;
    const regions = new Map(next.regions);
    regions.set(parent.id, mergeInto(parent, region.geometry.track));
    next = { ...next, regions };
    gone.push(region.id);
  }
  return removeRegions(next, gone);
}

/**
 * After an edit on `frame`: a proposal whose shape the annotator corrected there (it lost its
 * suggestion mark) is taken up to that frame — earlier proposals and the correction join its
 * track — and the later ones are dropped (the tracker can be asked again from the corrected frame).
 */
export function resolveCorrectedProposals(before: EditorDocument, after: EditorDocument, frame: number): EditorDocument {
  let next = after;
  const gone: string[] = [];
  for (const region of after.regions.values()) {
    const old = before.regions.get(region.id);
    if (old?.suggestion?.forRegion === undefined || region.suggestion !== undefined || !isTrack(region)) continue;
    const parent = proposalFor(next, old);
    if (parent === undefined) continue;
    const regions = new Map(next.regions);
    regions.set(parent.id, mergeInto(parent, region.geometry.track, frame));
    next = { ...next, regions };
    gone.push(region.id);
  }
  return removeRegions(next, gone);
}
