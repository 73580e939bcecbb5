import type { ConfigModel } from '../config-model.js';
import { imageKindOf } from '../regions/index.js';
import type { EditorState, Region } from '../types.js';
import { toScreen } from '../viewport.js';
import type { Draw2D } from './draw-surface.js';
import { regionCaption, regionStyle, styleKey, type RegionStyle } from './region-style.js';

/** Above this many visible regions captions are left out: text is the slowest thing a canvas draws. */
export const MAX_CAPTIONS = 300;

/**
 * Draws the given regions (already culled to the view) batched by style: one path, one fill and
 * one stroke per colour, however many regions share it. Returns how many were drawn.
 */
export function drawRegions(ctx: Draw2D, state: EditorState, model: ConfigModel, regions: readonly Region[]): number {
  const image = state.image;
  if (image === null) return 0;
  const groups = new Map<string, { style: RegionStyle; fillable: boolean; regions: Region[] }>();
  const styles = new Map<string, RegionStyle>();
  for (const region of regions) {
    const kind = imageKindOf(region.geometry);
    if (kind === undefined || region.hidden) continue;
    const styleId = `${region.control}\u0000${region.labels[0] ?? ''}\u0000${region.suggestion ? 1 : 0}`;
    let style = styles.get(styleId);
    if (style === undefined) styles.set(styleId, (style = regionStyle(model, region)));
    const fillable = kind.fillable(region.geometry);
    const key = styleKey(style, fillable);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { style, fillable, regions: [] }));
    group.regions.push(region);
  }
  let drawn = 0;
  const v = state.viewport;
  for (const { style, fillable, regions: members } of groups.values()) {
    // Upright rectangles go through fillRect/strokeRect, which Skia rasterises far faster than
    // one path of thousands of contours; other shapes share one path per style.
    const rects: number[] = [];
    ctx.beginPath();
    let paths = 0;
    for (const region of members) {
      const g = region.geometry;
      if (g.kind === 'rectangle' && g.rotation === 0) {
        rects.push(((g.x * image.width) / 100) * v.scale + v.x, ((g.y * image.height) / 100) * v.scale + v.y, ((g.width * image.width) / 100) * v.scale, ((g.height * image.height) / 100) * v.scale);
      } else {
        imageKindOf(g)?.trace(ctx, g, image, v);
        paths += 1;
      }
    }
    if (fillable && style.fillAlpha > 0) {
      ctx.globalAlpha = style.fillAlpha;
      ctx.fillStyle = style.color;
      for (let i = 0; i < rects.length; i += 4) ctx.fillRect(rects[i] as number, rects[i + 1] as number, rects[i + 2] as number, rects[i + 3] as number);
      if (paths > 0) ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.lineWidth;
    ctx.setLineDash(style.dashed ? [5, 3] : []);
    for (let i = 0; i < rects.length; i += 4) ctx.strokeRect(rects[i] as number, rects[i + 1] as number, rects[i + 2] as number, rects[i + 3] as number);
    if (paths > 0) ctx.stroke();
    drawn += members.length;
  }
  ctx.setLineDash([]);
  if (drawn <= MAX_CAPTIONS) drawCaptions(ctx, state, model, regions);
  return drawn;
}

function drawCaptions(ctx: Draw2D, state: EditorState, model: ConfigModel, regions: readonly Region[]): void {
  const image = state.image;
  if (image === null) return;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  for (const region of regions) {
    const kind = imageKindOf(region.geometry);
    const caption = regionCaption(region);
    if (kind === undefined || region.hidden || caption === '') continue;
    const at = toScreen(state.viewport, kind.labelAnchor(region.geometry, image));
    const width = ctx.measureText(caption).width + 6;
    ctx.fillStyle = regionStyle(model, region).color;
    ctx.fillRect(at.x, at.y - 14, width, 14);
    ctx.fillStyle = '#fff';
    // Canvas text is drawn as text: labels and scores can never become markup.
    ctx.fillText(caption, at.x + 3, at.y - 1);
  }
}
