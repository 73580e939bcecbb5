import { isTrack, newTrackGeometry, trackShapeAt, withKeyframe, type FrameGeometry } from '../regions/track.js';
import type { EditorDocument, Region } from '../types.js';

// The frame lens: tools, hit-tests, the spatial index and the renderer all work on plain image
// regions. On a video, the lens shows them the document as it is on the current frame — each
// track as the rectangle or polygon it has there, tracks out of view left out — and writes their
// edits back: a moved, resized or reshaped box becomes a keyframe of its track on that frame, a
// shape drawn on the video becomes a new track, a region gone from the view is deleted.
//
// Views of unchanged regions are cached per region object, so the same region on the same frame is
// always the same object: edits are found by reference, as everywhere else in the engine.

interface View {
  frame: number;
  region: Region;
}

/** A lens for one editor (its caches are its own). */
export interface FrameLens {
  /** The document as the current frame shows it (the document itself when it holds no tracks). */
  view(doc: EditorDocument, frame: number): EditorDocument;
  /** The document after an edit of its view: `edited` was made from `view(doc, frame)`, or from an older view. */
  writeBack(doc: EditorDocument, edited: EditorDocument, frame: number, isVideo: (object: string) => boolean): EditorDocument;
}

const isFrameGeometry = (g: Region['geometry']): g is FrameGeometry => g.kind === 'rectangle' || g.kind === 'polygon';

export function createFrameLens(): FrameLens {
  const regionViews = new WeakMap<Region, View>();
  let last: { doc: EditorDocument; frame: number; view: EditorDocument } | null = null;

  const viewOf = (region: Region, frame: number): Region | undefined => {
    if (!isTrack(region)) return region;
    const cached = regionViews.get(region);
    if (cached?.frame === frame) return cached.region;
    const geometry = trackShapeAt(region.geometry, frame);
    if (geometry === undefined) return undefined;
    const shown: Region = { ...region, geometry };
    regionViews.set(region, { frame, region: shown });
    return shown;
  };

  const view = (doc: EditorDocument, frame: number): EditorDocument => {
    if (last?.doc === doc && last.frame === frame) return last.view;
    let tracks = false;
    const regions = new Map<string, Region>();
    for (const [id, region] of doc.regions) {
      tracks ||= isTrack(region);
      const shown = viewOf(region, frame);
      if (shown !== undefined) regions.set(id, shown);
    }
    const result = tracks ? { ...doc, regions } : doc;
    last = { doc, frame, view: result };
    return result;
  };

  const writeBack: FrameLens['writeBack'] = (doc, edited, frame, isVideo) => {
    if (edited.regions === doc.regions) return edited;
    const shownNow = view(doc, frame).regions;
    if (edited.regions === shownNow) return { ...edited, regions: doc.regions };
    const regions = new Map<string, Region>();
    for (const [id, region] of doc.regions) {
      const shown = shownNow.get(id);
      const after = edited.regions.get(id);
      if (shown === undefined) {
        // Out of view on this frame: the view never had it, so nothing made from it changed it.
        regions.set(id, after !== undefined && isTrack(after) ? after : region);
        continue;
      }
      if (after === undefined) continue; // deleted in the view
      if (after === shown) regions.set(id, region);
      else regions.set(id, merge(region, shown, after, frame));
    }
    for (const [id, after] of edited.regions) {
      if (regions.has(id) || doc.regions.has(id)) continue;
      // A shape drawn on the video starts a track there.
      if (isFrameGeometry(after.geometry) && isVideo(after.object)) regions.set(id, { ...after, geometry: newTrackGeometry(id, after.geometry, frame) });
      else regions.set(id, after);
    }
    return { ...edited, regions };
  };

  return { view, writeBack };
}

/** A stored region after an edit of its view: fields as edited, a changed shape as a keyframe. */
function merge(stored: Region, shown: Region, after: Region, frame: number): Region {
  if (!isTrack(stored)) return after;
  const geometry = after.geometry !== shown.geometry && isFrameGeometry(after.geometry) ? withKeyframe(stored.geometry, after.geometry, frame) : stored.geometry;
  return { ...after, geometry, version: Math.max(after.version, stored.version + 1) };
}
