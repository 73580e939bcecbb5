import type { ConfigModel } from '../config-model.js';
import { handleRegions, screenHandles } from '../hit-test.js';
import { imageKindOf } from '../regions/index.js';
import { rectangleCentre } from '../regions/rectangle.js';
import { polygonVertices } from '../regions/polygon.js';
import type { EditorState, Point, Region } from '../types.js';
import { toScreen } from '../viewport.js';
import type { Draw2D } from './draw-surface.js';
import { regionStyle } from './region-style.js';

const SELECTION = '#1e6bff';
const HANDLE = 6;

/** Draws what sits above the regions: hover and selection outlines, handles, relations and the draft. */
export function drawOverlay(ctx: Draw2D, state: EditorState, model: ConfigModel): void {
  const image = state.image;
  if (image === null) return;
  const v = state.viewport;
  const hovered = state.hover === null ? undefined : state.doc.regions.get(state.hover);
  if (hovered && !hovered.hidden && !state.selection.has(hovered.id)) outline(ctx, state, hovered, regionStyle(model, hovered).color, 2.5);
  const selected = [...state.selection].map((id) => state.doc.regions.get(id)).filter((r): r is Region => r !== undefined && !r.hidden);
  for (const region of selected) outline(ctx, state, region, SELECTION, 2);
  drawRelations(ctx, state);
  for (const region of handleRegions(state)) {
    for (const h of screenHandles(state, model, region)) {
      ctx.fillStyle = '#fff';
      ctx.strokeStyle = SELECTION;
      ctx.lineWidth = 1;
      if (h.kind === 'rotate') {
        const top = toScreen(v, h.at);
        ctx.beginPath();
        ctx.moveTo(top.x, top.y);
        ctx.lineTo(h.screen.x, h.screen.y);
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(h.screen.x + HANDLE / 2 + 1, h.screen.y);
        ctx.arc(h.screen.x, h.screen.y, HANDLE / 2 + 1, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      } else {
        ctx.fillRect(h.screen.x - HANDLE / 2, h.screen.y - HANDLE / 2, HANDLE, HANDLE);
        ctx.strokeRect(h.screen.x - HANDLE / 2, h.screen.y - HANDLE / 2, HANDLE, HANDLE);
      }
    }
  }
  drawDraft(ctx, state);
}

function outline(ctx: Draw2D, state: EditorState, region: Region, color: string, width: number): void {
  const image = state.image;
  const kind = imageKindOf(region.geometry);
  if (image === null || kind === undefined) return;
  ctx.beginPath();
  kind.trace(ctx, region.geometry, image, state.viewport);
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.stroke();
}

/** The world point a relation arrow starts or ends at. */
function anchorOf(state: EditorState, region: Region | undefined): Point | undefined {
  const image = state.image;
  if (image === null || region === undefined || region.hidden) return undefined;
  const g = region.geometry;
  if (g.kind === 'rectangle') return rectangleCentre(g, image);
  if (g.kind === 'keypoint') return { x: (g.x * image.width) / 100, y: (g.y * image.height) / 100 };
  if (g.kind === 'polygon') {
    const vs = polygonVertices(g, image);
    return { x: vs.reduce((a, p) => a + p.x, 0) / vs.length, y: vs.reduce((a, p) => a + p.y, 0) / vs.length };
  }
  return undefined;
}

function drawRelations(ctx: Draw2D, state: EditorState): void {
  for (const relation of state.doc.relations) {
    const from = anchorOf(state, state.doc.regions.get(relation.from));
    const to = anchorOf(state, state.doc.regions.get(relation.to));
    if (!from || !to) continue;
    const [a, b] = [toScreen(state.viewport, from), toScreen(state.viewport, to)];
    ctx.strokeStyle = '#f5a623';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    if (relation.direction !== 'left') arrowHead(ctx, a, b);
    if (relation.direction !== 'right') arrowHead(ctx, b, a);
    ctx.stroke();
  }
}

function arrowHead(ctx: Draw2D, from: Point, to: Point): void {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  for (const side of [-1, 1]) {
    ctx.moveTo(to.x, to.y);
    ctx.lineTo(to.x - 10 * Math.cos(angle + side * 0.4), to.y - 10 * Math.sin(angle + side * 0.4));
  }
}

function drawDraft(ctx: Draw2D, state: EditorState): void {
  const draft = state.draft;
  if (draft === null) return;
  const v = state.viewport;
  ctx.strokeStyle = SELECTION;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(draft.kind === 'marquee' ? [4, 4] : []);
  ctx.beginPath();
  if (draft.kind === 'polygon') {
    const points = draft.cursor ? [...draft.points, draft.cursor] : draft.points;
    points.forEach((p, i) => {
      const s = toScreen(v, p);
      if (i === 0) ctx.moveTo(s.x, s.y);
      else ctx.lineTo(s.x, s.y);
    });
    ctx.stroke();
    ctx.fillStyle = '#fff';
    for (const p of draft.points) {
      const s = toScreen(v, p);
      ctx.fillRect(s.x - 3, s.y - 3, 6, 6);
      ctx.strokeRect(s.x - 3, s.y - 3, 6, 6);
    }
  } else {
    const [a, b] = [toScreen(v, draft.from), toScreen(v, draft.to)];
    ctx.rect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}
