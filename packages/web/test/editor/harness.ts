import { parseLabelConfig, type LabelConfigInput } from '@laoshi/core';
import { expect } from 'vitest';
import { createEditor, type Editor, type EditorOptions, type PointerModifiers } from '../../src/editor/index.js';

/** A rectangle + polygon + keypoint config on one image, with a per-region choice and relations. */
export const IMAGE_CONFIG: LabelConfigInput = {
  objects: [{ type: 'image', name: 'img', value: '$image' }],
  controls: [
    { type: 'rectanglelabels', name: 'box', toName: ['img'], labels: [{ value: 'Car' }, { value: 'Person', background: '#00ff00' }] },
    { type: 'polygonlabels', name: 'poly', toName: ['img'], labels: [{ value: 'Road' }] },
    { type: 'keypointlabels', name: 'kp', toName: ['img'], labels: [{ value: 'Eye' }] },
    { type: 'choices', name: 'quality', toName: ['img'], perRegion: true, choices: [{ value: 'Good' }, { value: 'Bad' }] },
    { type: 'choices', name: 'scene', toName: ['img'], choices: [{ value: 'Day', hotkey: 'd' }, { value: 'Night', hotkey: 'n' }] },
    { type: 'relations', name: 'rel', labels: [{ value: 'near' }] },
  ],
};

/**
 * Drives an editor like a user, without a browser: an image of 1000 × 500 pixels shown at scale 1
 * (screen = world) unless a test changes the viewport.
 */
export function drive(options: Omit<Partial<EditorOptions>, 'config'> & { config?: LabelConfigInput } = {}) {
  let counter = 0;
  const editor: Editor = createEditor({ newId: () => `r${++counter}`, ...options, config: parseLabelConfig(options.config ?? IMAGE_CONFIG) });
  editor.setImageSize({ width: 1000, height: 500 });
  editor.patch({ viewport: { x: 0, y: 0, scale: 1 }, view: { width: 1000, height: 500 } });
  const changes: unknown[][] = [];
  editor.on('change', (result) => changes.push(result));
  const events: string[] = [];
  for (const e of ['submit', 'skip', 'help'] as const) editor.on(e, () => events.push(e));
  return {
    editor,
    changes,
    events,
    state: () => editor.getState(),
    regions: () => [...editor.getState().doc.regions.values()],
    pointerDown: (x: number, y: number, m?: PointerModifiers) => editor.pointerDown(x, y, m),
    pointerMove: (x: number, y: number, m?: PointerModifiers) => editor.pointerMove(x, y, m),
    pointerUp: (x: number, y: number, m?: PointerModifiers) => editor.pointerUp(x, y, m),
    click(x: number, y: number, m?: PointerModifiers) {
      editor.pointerDown(x, y, m);
      editor.pointerUp(x, y, m);
    },
    drag(from: [number, number], to: [number, number], m?: PointerModifiers) {
      editor.pointerDown(from[0], from[1], m);
      editor.pointerMove((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, m);
      editor.pointerMove(to[0], to[1], m);
      editor.pointerUp(to[0], to[1], m);
    },
    /** Presses a key written like a hotkey: `mod+z`, `shift+a`, `Delete`, `?`. */
    key(combo: string) {
      const parts = combo.split('+');
      const key = parts.pop() as string;
      return editor.keyDown({ key: key.length === 1 ? key : key[0]?.toUpperCase() + key.slice(1), ctrlKey: parts.includes('mod'), shiftKey: parts.includes('shift'), altKey: parts.includes('alt') });
    },
    expectState(id: string) {
      expect(editor.getState().toolState).toBe(id);
    },
  };
}
