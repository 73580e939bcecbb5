import type { ConfigModel } from './config-model.js';
import { inflate } from './geometry.js';
import { imageKindOf, type Handle } from './regions/index.js';
import type { SpatialIndex } from './spatial-index.js';
import type { Aabb, EditorState, Point, Region } from './types.js';
import { toScreen } from './viewport.js';

/** How close, in screen pixels, the pointer must be to an outline or handle. */
export const HIT_SLOP = 6;
/** Distance of a rectangle's rotate knob above its top edge, in screen pixels. */
export const ROTATE_KNOB_OFFSET = 24;
/** Handles are offered on at most this many selected regions (a select-all of thousands shows none). */
const MAX_HANDLE_REGIONS = 50;

/**
 * The region under world point `p`: of all visible regions hit, the one with the smallest bounds
 * (so a small box inside a big one stays clickable), the topmost of equals.
 */
export function hitRegion(state: EditorState, index: SpatialIndex, p: Point): Region | undefined {
  const image = state.image;
  if (image === null) return undefined;
  const tolerance = HIT_SLOP / state.viewport.scale;
  let best: { region: Region; area: number; order: number } | undefined;
  for (const item of index.search(inflate({ minX: p.x, minY: p.y, maxX: p.x, maxY: p.y }, tolerance))) {
    const region = state.doc.regions.get(item.id);
    if (region === undefined || region.hidden) continue;
    const kind = imageKindOf(region.geometry);
    if (!kind?.hitTest(region.geometry, p, image, tolerance)) continue;
    const area = (item.maxX - item.minX) * (item.maxY - item.minY);
    if (best === undefined || area < best.area || (area === best.area && item.order > best.order)) best = { region, area, order: item.order };
  }
  return best?.region;
}

/** Visible regions whose bounds lie wholly inside `area` (world). */
export function regionsInside(state: EditorState, index: SpatialIndex, area: Aabb): string[] {
  return index
    .search(area)
    .filter((b) => b.minX >= area.minX && b.maxX <= area.maxX && b.minY >= area.minY && b.maxY <= area.maxY && state.doc.regions.get(b.id)?.hidden === false)
    .map((b) => b.id);
}

/** A handle with its position on screen (where the overlay draws it and the pointer grabs it). */
export interface ScreenHandle extends Handle {
  screen: Point;
}

/** The handles of a region as drawn: resize handles and vertices on the outline, the rotate knob above. */
export function screenHandles(state: EditorState, model: ConfigModel, region: Region): ScreenHandle[] {
  const image = state.image;
  const kind = imageKindOf(region.geometry);
  if (image === null || kind === undefined || region.locked || region.hidden) return [];
  const control = model.regionControls.get(region.control);
  const canRotate = !(control?.type === 'rectanglelabels' && control.canRotate === false);
  const handles: ScreenHandle[] = [];
  for (const h of kind.handles(region.geometry, image)) {
    const screen = toScreen(state.viewport, h.at);
    if (h.kind !== 'rotate') handles.push({ ...h, screen });
    else if (canRotate && region.geometry.kind === 'rectangle') {
      const turn = (region.geometry.rotation * Math.PI) / 180;
      handles.push({ ...h, screen: { x: screen.x + Math.sin(turn) * ROTATE_KNOB_OFFSET, y: screen.y - Math.cos(turn) * ROTATE_KNOB_OFFSET } });
    }
  }
  return handles;
}

/** The regions whose handles are shown: the selected ones, unless too many are selected. */
export function handleRegions(state: EditorState): Region[] {
  if (state.selection.size > MAX_HANDLE_REGIONS) return [];
  return [...state.selection].map((id) => state.doc.regions.get(id)).filter((r): r is Region => r !== undefined);
}

/** The handle under screen point `p`, if any. */
export function hitHandle(state: EditorState, model: ConfigModel, p: Point): { region: Region; handle: Handle } | undefined {
  if (state.tool !== 'select') return undefined;
  for (const region of handleRegions(state)) {
    for (const handle of screenHandles(state, model, region)) {
      if (Math.abs(handle.screen.x - p.x) <= HIT_SLOP && Math.abs(handle.screen.y - p.y) <= HIT_SLOP) return { region, handle };
    }
  }
  return undefined;
}
