import type { LabelConfigInput } from '@laoshi/core';
import type { EditorOptions, Region, TrackGeometry } from '../../src/editor/index.js';
import { drive } from './harness.js';

/** A 10 fps video of 100 frames with box and polygon tracks labelled by one labels control. */
export const VIDEO_CONFIG: LabelConfigInput = {
  objects: [{ type: 'video', name: 'video', value: '$video', frameRate: 10 }],
  controls: [
    { type: 'labels', name: 'kind', toName: ['video'], labels: [{ value: 'Car' }, { value: 'Lane' }] },
    { type: 'videorectangle', name: 'box', toName: ['video'] },
    { type: 'videopolygon', name: 'shape', toName: ['video'] },
  ],
};

export interface LooseKeyframe {
  frame: number;
  enabled: boolean;
  x?: number;
  y?: number;
  points?: [number, number][];
}

/** Drives a video editor like a user: 1000 × 500 frame shown at scale 1, 100 frames. */
export function driveVideo(options: Omit<Partial<EditorOptions>, 'config'> & { config?: LabelConfigInput } = {}) {
  const t = drive({ config: VIDEO_CONFIG, ...options });
  t.editor.setMediaInfo({ frameCount: 100 });
  return {
    ...t,
    frame: () => t.state().video?.frame,
    /** The stored tracks. */
    tracks: () => t.regions().filter((r): r is Region & { geometry: TrackGeometry } => r.geometry.kind === 'track'),
    /** The regions as the current frame shows them. */
    shown: () => [...t.editor.frameState().doc.regions.values()],
    seek(frame: number) {
      while ((t.state().video?.frame ?? 0) + 10 <= frame) t.key('>');
      while ((t.state().video?.frame ?? 0) < frame) t.key('.');
      while ((t.state().video?.frame ?? 0) > frame) t.key(',');
    },
    /** The keyframes of the i-th track, loosely typed for assertions. */
    keyframes: (i = 0): LooseKeyframe[] => {
      const r = t.regions().filter((x) => x.geometry.kind === 'track')[i];
      return r?.geometry.kind === 'track' ? r.geometry.track.keyframes.map((k) => ({ ...k })) : [];
    },
  };
}
