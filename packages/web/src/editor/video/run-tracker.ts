import { interpolateAt, keyframeIndexAt, type Keyframe } from '@laoshi/core';
import type { Editor } from '../editor.js';
import { writeResult } from '../results-io.js';
import { isTrack } from '../regions/track.js';
import type { EditorDocument, Region } from '../types.js';
import { proposalRegion } from './track-suggestions.js';
import { trackerTarget, type Tracker } from './tracker.js';

/**
 * Wires a tracker to the editor: the `track` event ("t") asks it about the selected track from the
 * current frame for `video.span` frames, and its answer arrives as a suggestion region (not an undo
 * step: accepting it is). A newer request aborts an older one. Returns the function that stops it.
 */
export function runTracker(editor: Editor, tracker: Tracker, newId: () => string, addSuggestion: (region: Region) => void): () => void {
  let controller: AbortController | null = null;
  const stop = editor.on('track', () => {
    const state = editor.getState();
    const video = state.video;
    const id = trackerTarget(state);
    const parent = id === undefined ? undefined : state.doc.regions.get(id);
    if (video === null || !isTrack(parent)) return;
    const shape = interpolateAt(parent.geometry.track, video.frame);
    const inForce = parent.geometry.track.keyframes[keyframeIndexAt(parent.geometry.track.keyframes, video.frame)];
    // Nothing to follow where the object leaves view after this frame.
    if (shape === undefined || inForce?.enabled !== true) return;
    const frames = Math.min(video.span, video.frameCount - video.frame);
    if (frames < 1) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    const tracking = (status: 'idle' | 'busy' | 'failed') => {
      const v = editor.getState().video;
      if (v !== null && !mine.signal.aborted) editor.patch({ video: { ...v, tracking: status } });
    };
    const one: EditorDocument = { regions: new Map([[parent.id, parent]]), relations: [], classifications: new Map(), passthrough: [] };
    const [item] = writeResult(one, state.image, { fps: video.fps, frameCount: video.frameCount });
    if (item === undefined) return;
    const request = { item, trackId: parent.id, fromFrame: video.frame, frames, fps: video.fps };
    tracking('busy');
    tracker(request, mine.signal).then(
      (answer) => {
        tracking('idle');
        if (mine.signal.aborted || answer === null) return;
        const current = editor.getState().doc.regions.get(parent.id);
        if (!isTrack(current)) return;
        const start = { ...shape, frame: video.frame, enabled: true } as Keyframe;
        const last = video.frame + frames;
        const proposed = answer.keyframes.filter((k) => k.frame > video.frame && k.frame <= last);
        const region = proposalRegion(newId(), current, start, proposed, { score: answer.score, modelVersion: answer.modelVersion });
        if (region !== undefined) addSuggestion(region);
      },
      // A failed tracker proposes nothing: the controls say so, and the annotator goes on by hand.
      () => tracking('failed'),
    );
  });
  return () => {
    controller?.abort();
    stop();
  };
}
