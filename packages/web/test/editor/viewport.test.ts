import { describe, expect, it } from 'vitest';
import { parseLabelConfig } from '@laoshi/core';
import { createEditor, fitViewport, toScreen, toWorld, zoomAt } from '../../src/editor/index.js';
import { drive, IMAGE_CONFIG } from './harness.js';

describe('viewport', () => {
  it('zooming keeps the world point under the cursor where it is', () => {
    const v = zoomAt({ x: 10, y: 20, scale: 0.5 }, { x: 300, y: 200 }, 2.5);
    const before = toWorld({ x: 10, y: 20, scale: 0.5 }, { x: 300, y: 200 });
    expect(toScreen(v, before).x).toBeCloseTo(300);
    expect(toScreen(v, before).y).toBeCloseTo(200);
    expect(v.scale).toBeCloseTo(1.25);
  });

  it('fitting centres the whole image in the view', () => {
    const v = fitViewport({ width: 1032, height: 532 }, { width: 2000, height: 1000 });
    expect(v.scale).toBe(0.5);
    expect(toScreen(v, { x: 0, y: 0 })).toEqual({ x: 16, y: 16 });
    expect(toScreen(v, { x: 2000, y: 1000 })).toEqual({ x: 1016, y: 516 });
  });

  it('the wheel zooms about the cursor', () => {
    const t = drive();
    t.editor.wheel(500, 250, -100);
    expect(t.state().viewport.scale).toBeGreaterThan(1);
    const world = toWorld(t.state().viewport, { x: 500, y: 250 });
    expect(world.x).toBeCloseTo(500);
    expect(world.y).toBeCloseTo(250);
  });

  it('a sideways wheel pans', () => {
    const t = drive();
    t.editor.wheel(500, 250, 0, 40);
    expect(t.state().viewport).toEqual({ x: -40, y: 0, scale: 1 });
  });

  it('Space-drag pans in any tool and returns to it', () => {
    const t = drive();
    t.key('r');
    t.editor.keyDown({ key: ' ' });
    t.pointerDown(100, 100);
    t.expectState('pan.dragging');
    t.pointerMove(130, 90);
    t.pointerUp(130, 90);
    t.editor.keyUp({ key: ' ' });
    t.expectState('rectangle.idle');
    expect(t.state().viewport).toMatchObject({ x: 30, y: -10 });
    expect(t.regions()).toHaveLength(0);
  });

  it('the middle button pans too', () => {
    const t = drive();
    t.pointerDown(100, 100, { button: 1 });
    t.pointerMove(90, 100, { button: 1 });
    t.pointerUp(90, 100, { button: 1 });
    expect(t.state().viewport.x).toBe(-10);
  });

  it('the hand tool pans with the primary button', () => {
    const t = drive();
    t.key('h');
    t.drag([100, 100], [150, 120]);
    expect(t.state().viewport).toMatchObject({ x: 50, y: 20 });
  });

  it('keys zoom in and out about the centre and F fits', () => {
    const t = drive();
    t.editor.keyDown({ key: '+', shiftKey: true });
    expect(t.state().viewport.scale).toBeCloseTo(1.25);
    t.key('-');
    t.key('-');
    expect(t.state().viewport.scale).toBeCloseTo(0.8);
    t.key('f');
    expect(t.state().viewport).toEqual(fitViewport({ width: 1000, height: 500 }, { width: 1000, height: 500 }));
  });

  it('draws in image coordinates whatever the zoom', () => {
    const t = drive();
    t.editor.patch({ viewport: { x: 100, y: 50, scale: 2 } });
    t.drag([100, 50], [300, 250]); // world (0, 0) to (100, 100)
    expect(t.regions()[0]?.geometry).toMatchObject({ x: 0, y: 0, width: 10, height: 20 });
  });

  it('fits the image once both the view and the image size are known', () => {
    const t = drive();
    t.editor.setView({ width: 532, height: 282 });
    t.editor.setImageSize({ width: 2000, height: 1000 });
    expect(t.state().viewport.scale).toBe(0.25);
  });

  describe('before the image has loaded', () => {
    const box = (original: Record<string, number>) => ({
      id: 'a', from_name: 'box', to_name: 'img', type: 'rectanglelabels', ...original,
      value: { x: 10, y: 10, width: 20, height: 20, rotation: 0, rectanglelabels: ['Car'] },
    });
    const editorOn = (original: Record<string, number>) => {
      const editor = createEditor({ config: parseLabelConfig(IMAGE_CONFIG), initialResult: [box(original)] });
      editor.setView({ width: 1032, height: 532 });
      return editor;
    };

    it('lays the regions out on the image size the result items were made on', () => {
      const editor = editorOn({ original_width: 2000, original_height: 1000 });
      expect(editor.getState().image).toEqual({ width: 2000, height: 1000 });
      expect(editor.getState().viewport).toEqual(fitViewport({ width: 1032, height: 532 }, { width: 2000, height: 1000 }));
    });

    it('keeps the view when the image turns out that size, and refits when it does not', () => {
      const editor = editorOn({ original_width: 2000, original_height: 1000 });
      editor.patch({ viewport: { x: -40, y: -10, scale: 1 } }); // zoomed in while the photo was loading
      editor.setImageSize({ width: 2000, height: 1000 });
      expect(editor.getState().viewport).toEqual({ x: -40, y: -10, scale: 1 });
      editor.setImageSize({ width: 1000, height: 1000 });
      expect(editor.getState().viewport).toEqual(fitViewport({ width: 1032, height: 532 }, { width: 1000, height: 1000 }));
    });

    it('waits for the image when the items do not say its size', () => {
      expect(editorOn({}).getState().image).toBeNull();
      expect(editorOn({ original_width: 0, original_height: 1000 }).getState().image).toBeNull();
    });
  });
});
