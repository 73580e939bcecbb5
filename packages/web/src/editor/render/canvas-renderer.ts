import type { Editor } from '../editor.js';
import { inflate } from '../geometry.js';
import type { EditorState, ImageSize, Region, Viewport } from '../types.js';
import { toWorld } from '../viewport.js';
import type { Draw2D } from './draw-surface.js';
import { drawOverlay } from './draw-overlay.js';
import { drawRegions } from './draw-regions.js';
import { layerShift, marginOf, settleShift, type LayerShift } from './layer-shift.js';

/**
 * One canvas layer. `shift`, when given, moves the layer's last drawing on screen without
 * redrawing it (the host sets a CSS transform: `translate(x, y) scale(k)`, origin top-left), or
 * resets it with null. Hosts that give it must size the canvas `layerBox(view)` and place it there.
 */
export interface RenderLayer {
  ctx: Draw2D;
  shift?: ((shift: LayerShift | null) => void) | undefined;
}

/** Three stacked canvases: the image, the regions, and the overlay (selection, handles, drafts). */
export interface RendererLayers {
  image: RenderLayer;
  regions: RenderLayer;
  overlay: RenderLayer;
}

export interface RenderStats {
  frames: number;
  /** Regions drawn by the last full draw of the regions layer. */
  regionsDrawn: number;
  /** Whether the last full draw of the image layer drew the image. */
  imageDrawn: boolean;
  /** Milliseconds the last frame took to draw. */
  lastFrameMs: number;
  /** What each layer did in the last frame. */
  lastLayers: readonly string[];
}

export interface RendererOptions {
  editor: Editor;
  layers: RendererLayers;
  /** Canvas pixels per CSS pixel (devicePixelRatio). */
  pixelRatio?: number;
  /** Runs a frame; requestAnimationFrame by default (tests pass a manual scheduler). */
  schedule?: (frame: () => void) => void;
  /** Runs `task` after `ms`; setTimeout by default. */
  later?: (task: () => void, ms: number) => unknown;
  now?: () => number;
}

export interface CanvasRenderer {
  setImage(source: CanvasImageSource | null): void;
  /** Draws the pending changes at once instead of on the next frame. */
  flush(): void;
  readonly stats: RenderStats;
  /** Called after each drawn frame. */
  onFrame(listener: (stats: RenderStats) => void): () => void;
  destroy(): void;
}

/** The drawing calls that put pixels on a canvas. */
const INK_CALLS = new Set<PropertyKey>(['stroke', 'fill', 'fillRect', 'strokeRect', 'fillText', 'drawImage', 'clearRect']);

/** The context, and whether anything was drawn through it since. */
function inkTracking(ctx: Draw2D): { ctx: Draw2D; readonly inked: boolean } {
  const seen = { inked: false };
  const tracked = new Proxy(ctx, {
    // Canvas properties and methods need the real context as `this`.
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]): unknown => Reflect.apply(value, target, args);
      return INK_CALLS.has(key) ? (...args: unknown[]) => ((seen.inked = true), call(...args)) : call;
    },
    set: (target, key, value) => Reflect.set(target, key, value, target),
  });
  return {
    ctx: tracked,
    get inked() {
      return seen.inked;
    },
  };
}

/** Extra world margin around the drawn area when culling, in screen pixels (strokes poke out). */
const CULL_MARGIN = 20;
/** When a frame skipped the spatial index, it is brought up to date this long after. */
const INDEX_DELAY_MS = 50;
/** After this long without a viewport change, shifted layers are drawn sharp again. */
const SETTLE_MS = 150;

interface LayerMemo {
  /** The viewport and view the layer was last fully drawn at; null: must be drawn. */
  viewport: Viewport | null;
  view: ImageSize | null;
  shifted: boolean;
}

/**
 * Draws the editor's state on three canvases and redraws only what changed. Selecting redraws the
 * overlay alone. Panning and zooming move the image and region layers' last drawings (with a
 * margin drawn around the view) by a compositor transform, which costs the main thread nothing,
 * and draw them sharp once the view rests or the drawing no longer covers the view. Regions
 * outside the drawn area are culled with the editor's R-tree.
 */
export function createCanvasRenderer(options: RendererOptions): CanvasRenderer {
  const { editor, layers } = options;
  const schedule = options.schedule ?? ((frame: () => void) => void requestAnimationFrame(frame));
  const later = options.later ?? ((task: () => void, ms: number) => setTimeout(task, ms));
  const now = options.now ?? (() => performance.now());
  const ratio = options.pixelRatio ?? 1;
  let image: CanvasImageSource | null = null;
  let pending = false;
  let destroyed = false;
  let overlayDirty = true;
  /** Whether the overlay canvas may hold a drawing (unknown at first, so it is cleared once). */
  let overlayInked = true;
  let settleToken = 0;
  const memo: Record<'image' | 'regions', LayerMemo> = {
    image: { viewport: null, view: null, shifted: false },
    regions: { viewport: null, view: null, shifted: false },
  };
  const listeners = new Set<(stats: RenderStats) => void>();
  const stats: RenderStats = { frames: 0, regionsDrawn: 0, imageDrawn: false, lastFrameMs: 0, lastLayers: [] };

  const request = () => {
    if (pending || destroyed) return;
    pending = true;
    schedule(() => {
      if (pending) frame();
    });
  };

  const onChange = (next: EditorState, prev: EditorState) => {
    if (prev.adjust !== next.adjust || prev.image !== next.image) memo.image.viewport = null;
    // A new frame of a video shows its tracks where they are on that frame.
    if (prev.doc.regions !== next.doc.regions || prev.image !== next.image || prev.video?.frame !== next.video?.frame) memo.regions.viewport = null;
    if (prev.viewport !== next.viewport) {
      const token = ++settleToken;
      later(() => {
        if (token !== settleToken || destroyed) return;
        if (memo.image.shifted) memo.image.viewport = null;
        if (memo.regions.shifted) memo.regions.viewport = null;
        request();
      }, SETTLE_MS);
    }
    overlayDirty = true;
    request();
  };

  /** Clears a layer and sets the transform so drawing code can use screen coordinates. */
  const clear = (layer: RenderLayer, view: ImageSize) => {
    const m = layer.shift ? marginOf(view) : { x: 0, y: 0 };
    layer.ctx.setTransform(ratio, 0, 0, ratio, ratio * m.x, ratio * m.y);
    layer.ctx.clearRect(-m.x, -m.y, view.width + 2 * m.x, view.height + 2 * m.y);
    return m;
  };

  const visibleRegions = (s: EditorState, margin: { x: number; y: number }): Region[] => {
    const a = toWorld(s.viewport, { x: -margin.x, y: -margin.y });
    const b = toWorld(s.viewport, { x: s.view.width + margin.x, y: s.view.height + margin.y });
    // When the whole image is in view nothing can be culled: skip the index (it is built on
    // first need instead, which keeps it off the first frame of a big task).
    if (s.image && a.x <= 0 && a.y <= 0 && b.x >= s.image.width && b.y >= s.image.height) {
      later(() => !destroyed && editor.index.sync(editor.frameState().doc.regions, editor.frameState().image), INDEX_DELAY_MS);
      return [...s.doc.regions.values()];
    }
    editor.index.sync(s.doc.regions, s.image);
    const found = editor.index.search(inflate({ minX: a.x, minY: a.y, maxX: b.x, maxY: b.y }, CULL_MARGIN / s.viewport.scale));
    // Draw in document order so later regions stay on top.
    found.sort((p, q) => p.order - q.order);
    const regions: Region[] = [];
    for (const item of found) {
      const region = s.doc.regions.get(item.id);
      if (region) regions.push(region);
    }
    return regions;
  };

  /** Brings a layer up to date: nothing, a shift of its last drawing, or a full draw. */
  const update = (name: 'image' | 'regions', s: EditorState, draw: (margin: { x: number; y: number }) => void): string => {
    const layer = layers[name];
    const m = memo[name];
    if (m.viewport !== null && m.view === s.view && m.viewport === s.viewport) return 'kept';
    if (m.viewport !== null && m.view === s.view && layer.shift) {
      const shift = layerShift(m.viewport, s.viewport, s.view);
      if (settleShift(shift, s.view)) {
        layer.shift(shift);
        m.shifted = true;
        return 'shifted';
      }
    }
    draw(clear(layer, s.view));
    layer.shift?.(null);
    Object.assign(m, { viewport: s.viewport, view: s.view, shifted: false });
    return 'drawn';
  };

  function frame(): void {
    pending = false;
    const started = now();
    const s = editor.frameState();
    const drawn: string[] = [];
    // Until the image size is known there is nothing to place on the image and region layers.
    if (s.image !== null) drawLayers(s, drawn);
    if (overlayDirty) {
      // An overlay with nothing on it (no selection, hover or draft: most of a pan or zoom) is left
      // alone rather than cleared and drawn empty, which would upload the whole canvas again.
      const ink = inkTracking(layers.overlay.ctx);
      if (overlayInked) clear(layers.overlay, s.view);
      else layers.overlay.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawOverlay(ink.ctx, s, editor.model);
      drawn.push(overlayInked || ink.inked ? 'overlay:drawn' : 'overlay:empty');
      overlayInked = ink.inked;
      overlayDirty = false;
    }
    stats.frames += 1;
    stats.lastFrameMs = now() - started;
    stats.lastLayers = drawn;
    for (const listener of listeners) listener(stats);
  }

  function drawLayers(s: EditorState, drawn: string[]): void {
    drawn.push(`image:${update('image', s, () => {
      stats.imageDrawn = false;
      if (image !== null && s.image !== null) {
        const v = s.viewport;
        layers.image.ctx.drawImage(image, v.x, v.y, s.image.width * v.scale, s.image.height * v.scale);
        stats.imageDrawn = true;
      }
    })}`);
    drawn.push(`regions:${update('regions', s, (margin) => {
      stats.regionsDrawn = drawRegions(layers.regions.ctx, s, editor.model, visibleRegions(s, margin));
    })}`);
  }

  const unsubscribe = editor.store.subscribe(onChange);
  request();

  return {
    setImage(source) {
      image = source;
      memo.image.viewport = null;
      request();
    },
    flush() {
      if (pending) frame();
    },
    stats,
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      pending = false;
      unsubscribe();
      listeners.clear();
    },
  };
}
