import type { ImageSize, Viewport } from '../types.js';

/** How a layer's last drawing moves on screen: `translate(x, y) scale(scale)` about its top-left. */
export interface LayerShift {
  scale: number;
  x: number;
  y: number;
}

/** Share of the view drawn beyond each edge of the shiftable layers, so a pan does not uncover blank canvas. */
export const LAYER_MARGIN = 0.25;
/** Zoom ratios beyond which a shifted drawing looks too blurry (or too small) and is redrawn. */
const MAX_SHIFT_SCALE = 3;
const MIN_SHIFT_SCALE = 0.6;

/** The margin drawn around the view on shiftable layers, in CSS pixels. */
export function marginOf(view: ImageSize): { x: number; y: number } {
  return { x: Math.round(view.width * LAYER_MARGIN), y: Math.round(view.height * LAYER_MARGIN) };
}

/**
 * Where and how big a shiftable layer's canvas is, relative to the view's top-left, in CSS pixels.
 * @example layerBox({ width: 800, height: 600 }) // { left: -200, top: -150, width: 1200, height: 900 }
 */
export function layerBox(view: ImageSize): { left: number; top: number; width: number; height: number } {
  const m = marginOf(view);
  return { left: -m.x, top: -m.y, width: view.width + 2 * m.x, height: view.height + 2 * m.y };
}

/**
 * The transform that moves a drawing made at viewport `from` to where viewport `to` shows it. The
 * canvas sits at (−margin) and its content at canvas point p is screen point p − margin, so for
 * world point w: −m + k·(from(w) + m) + t = to(w), giving t = (1 − k)·m + to.offset − k·from.offset.
 */
export function layerShift(from: Viewport, to: Viewport, view: ImageSize): LayerShift {
  const k = to.scale / from.scale;
  const m = marginOf(view);
  return { scale: k, x: (1 - k) * m.x + to.x - k * from.x, y: (1 - k) * m.y + to.y - k * from.y };
}

/** Whether a shifted drawing still covers the whole view and is sharp enough to show. */
export function settleShift(shift: LayerShift, view: ImageSize): boolean {
  if (shift.scale > MAX_SHIFT_SCALE || shift.scale < MIN_SHIFT_SCALE) return false;
  const box = layerBox(view);
  // Screen position of the shifted canvas: −m + t + k·[0, size].
  const left = box.left + shift.x;
  const top = box.top + shift.y;
  return left <= 0 && top <= 0 && left + shift.scale * box.width >= view.width && top + shift.scale * box.height >= view.height;
}
