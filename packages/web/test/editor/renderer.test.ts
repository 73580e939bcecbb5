import { describe, expect, it } from 'vitest';
import { createCanvasRenderer, type LayerShift } from '../../src/editor/index.js';
import { drive } from './harness.js';
import { RecordingContext } from './recording-context.js';

function boxes(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `b${i}`, from_name: 'box', to_name: 'img', type: 'rectanglelabels',
    value: { x: (i % 50) * 2, y: Math.floor(i / 50) % 100, width: 1.5, height: 0.8, rotation: 0, rectanglelabels: [i % 2 ? 'Car' : 'Person'] },
  }));
}

/** An editor with a renderer on recording layers, frames and timers run by hand. */
function rig(n: number, shiftable = true) {
  const t = drive({ initialResult: boxes(n) });
  const layers = { image: new RecordingContext(), regions: new RecordingContext(), overlay: new RecordingContext() };
  const shifts: { image: (LayerShift | null)[]; regions: (LayerShift | null)[] } = { image: [], regions: [] };
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const renderer = createCanvasRenderer({
    editor: t.editor,
    layers: {
      image: { ctx: layers.image, shift: shiftable ? (s) => shifts.image.push(s) : undefined },
      regions: { ctx: layers.regions, shift: shiftable ? (s) => shifts.regions.push(s) : undefined },
      overlay: { ctx: layers.overlay },
    },
    schedule: (f) => frames.push(f),
    later: (task) => timers.push(task),
    now: () => 0,
  });
  const frame = () => {
    for (const l of Object.values(layers)) l.reset();
    const pending = frames.splice(0);
    for (const f of pending) f();
    return renderer.stats.lastLayers;
  };
  return { t, layers, shifts, frame, timers, renderer };
}

describe('canvas renderer', () => {
  it('draws every box of a fitted image in one frame, batched by colour', () => {
    const { layers, frame, renderer } = rig(5000);
    frame();
    expect(renderer.stats.regionsDrawn).toBe(5000);
    expect(layers.regions.count('strokeRect')).toBe(5000);
    // One fill style and one stroke style per label colour, not per box.
    expect(layers.regions.calls.filter((c) => c.op === 'beginPath')).toHaveLength(2);
    // Five thousand captions would cost more than the boxes: none at this density.
    expect(layers.regions.count('fillText')).toBe(0);
  });

  it('draws captions as canvas text when few regions are in view', () => {
    const { layers, frame } = rig(3);
    frame();
    expect(layers.regions.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual(['Person', 'Car', 'Person']);
  });

  it('culls regions outside the view with the spatial index', () => {
    const { t, frame, renderer } = rig(5000);
    t.editor.patch({ viewport: { x: 0, y: 0, scale: 8 } }); // the top-left 125 × 62 px of the image
    frame();
    expect(renderer.stats.regionsDrawn).toBeGreaterThan(0);
    expect(renderer.stats.regionsDrawn).toBeLessThan(400);
  });

  it('selecting a region redraws only the overlay', () => {
    const { t, frame } = rig(10);
    frame();
    t.editor.patch({ selection: new Set(['b3']) });
    expect(frame()).toEqual(['image:kept', 'regions:kept', 'overlay:drawn']);
  });

  it('editing a region redraws the regions layer but not the image', () => {
    const { t, frame } = rig(10);
    frame();
    t.editor.patch({ selection: new Set(['b3']) });
    t.key('ArrowRight');
    expect(frame()).toEqual(['image:kept', 'regions:drawn', 'overlay:drawn']);
  });

  it('panning moves the drawn layers by a transform, and draws them sharp once the view rests', () => {
    const { t, frame, shifts, timers, layers } = rig(500);
    frame();
    t.editor.wheel(500, 250, 0, 30); // a sideways wheel pans 30 px left
    expect(frame()).toEqual(['image:shifted', 'regions:shifted', 'overlay:empty']);
    expect(layers.regions.count('strokeRect')).toBe(0);
    expect(shifts.regions.at(-1)).toEqual({ scale: 1, x: -30, y: 0 });
    for (const timer of timers.splice(0)) timer();
    expect(frame()).toEqual(['image:drawn', 'regions:drawn']);
    expect(shifts.regions.at(-1)).toBeNull();
  });

  it('redraws when a zoom has gone too far for the old drawing', () => {
    const { t, frame } = rig(50);
    frame();
    t.editor.patch({ viewport: { x: 0, y: 0, scale: 4 } });
    expect(frame()).toEqual(['image:drawn', 'regions:drawn', 'overlay:empty']);
  });

  it('without a transform, every pan redraws', () => {
    const { t, frame } = rig(50, false);
    frame();
    t.editor.wheel(500, 250, 0, 30);
    expect(frame()).toEqual(['image:drawn', 'regions:drawn', 'overlay:empty']);
  });

  it('leaves an empty overlay untouched while the view moves, and clears it once its drawing goes', () => {
    const { t, frame, layers } = rig(10);
    frame();
    t.editor.wheel(500, 250, 0, 30);
    expect(frame()).toContain('overlay:empty');
    // Nothing on it: no clear, no drawing, so the canvas is not uploaded again.
    expect(layers.overlay.calls.map((c) => c.op)).toEqual(['setTransform']);
    t.editor.patch({ selection: new Set(['b3']) });
    expect(frame()).toContain('overlay:drawn');
    expect(layers.overlay.count('stroke')).toBeGreaterThan(0);
    t.editor.patch({ selection: new Set() });
    expect(frame()).toContain('overlay:drawn');
    expect(layers.overlay.count('clearRect')).toBe(1); // the outline goes
    expect(layers.overlay.count('stroke')).toBe(0);
    t.editor.wheel(500, 250, 0, 30);
    expect(frame()).toContain('overlay:empty');
    expect(layers.overlay.count('clearRect')).toBe(0);
  });

  it('draws the image once it is given, under the regions', () => {
    const { frame, renderer, layers } = rig(1);
    frame();
    expect(renderer.stats.imageDrawn).toBe(false);
    renderer.setImage({} as CanvasImageSource);
    expect(frame()).toEqual(['image:drawn', 'regions:kept']);
    expect(layers.image.calls.find((c) => c.op === 'drawImage')?.args.slice(1)).toEqual([0, 0, 1000, 500]);
  });

  it('draws handles for the selected box and the draft of the tool', () => {
    const { t, frame, layers } = rig(1);
    frame();
    t.editor.patch({ selection: new Set(['b0']) });
    t.key('v');
    frame();
    expect(layers.overlay.count('fillRect')).toBe(8); // eight resize handles
    expect(layers.overlay.count('arc')).toBe(1); // the rotate knob
    t.key('r');
    t.pointerDown(300, 300);
    t.pointerMove(400, 350);
    frame();
    expect(layers.overlay.calls.filter((c) => c.op === 'rect').at(-1)?.args).toEqual([300, 300, 100, 50]);
  });
});
