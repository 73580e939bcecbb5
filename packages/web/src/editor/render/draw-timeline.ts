import { keyframeIndexAt, type Keyframe } from '@laoshi/core';
import { labelColor, type ConfigModel } from '../config-model.js';
import type { EditorState, TrackGeometry } from '../types.js';
import { frameX, pixelsPerFrame, tickStep, visibleRowCount, type TimelineLayout, type TimelineRow } from '../video/timeline-layout.js';
import type { Draw2D } from './draw-surface.js';

const BACKGROUND = '#fbfbfc';
const GRID = '#e3e5e8';
const TEXT = '#3c4149';
const PLAYHEAD = '#e5484d';
const SELECTED = 'rgba(30, 107, 255, 0.12)';
const DIAMOND = 4;

/** The timeline on one canvas: the rows, then the playhead over them. Returns how many rows were drawn. */
export function drawTimeline(ctx: Draw2D, state: EditorState, model: ConfigModel, layout: TimelineLayout, rows: readonly TimelineRow[]): number {
  const drawn = drawTimelineRows(ctx, state, model, layout, rows);
  drawPlayhead(ctx, state, layout);
  return drawn;
}

/**
 * Draws the timeline's rows: a frame ruler, then one row per track — bars where it is in view,
 * keyframes as diamonds (ticks where they are too close for diamonds; hollow for a tracker's
 * proposals), gaps where it is out of view. Only rows in view are drawn. Returns how many were.
 */
export function drawTimelineRows(ctx: Draw2D, state: EditorState, model: ConfigModel, layout: TimelineLayout, rows: readonly TimelineRow[]): number {
  const video = state.video;
  const { width, height, gutter, ruler, rowHeight } = layout;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  if (video === null) return 0;
  const count = video.frameCount;
  const x = (frame: number) => frameX(layout, count, frame);
  drawRuler(ctx, layout, count);
  const first = Math.min(layout.firstRow, Math.max(0, rows.length - 1));
  const shown = rows.slice(first, first + visibleRowCount(layout) + 1);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  shown.forEach((row, i) => {
    const top = ruler + i * rowHeight;
    const { region } = row;
    const color = labelColor(model, region.control, region.labels[0]);
    if (state.selection.has(region.id)) {
      ctx.fillStyle = SELECTED;
      ctx.fillRect(0, top, width, rowHeight);
    }
    ctx.fillStyle = color;
    ctx.fillRect(6, top + rowHeight / 2 - 4, 8, 8);
    ctx.fillStyle = TEXT;
    // Canvas text is drawn as text: a label can never become markup.
    ctx.fillText(caption(row, i + first), 20, top + rowHeight / 2, gutter - 24);
    drawSpans(ctx, region.geometry, x, top, rowHeight, count, color);
    drawKeyframes(ctx, region.geometry, x, top + rowHeight / 2, color, false);
    for (const p of row.proposals) drawKeyframes(ctx, p.geometry, x, top + rowHeight / 2, color, true);
    ctx.fillStyle = GRID;
    ctx.fillRect(0, top + rowHeight - 1, width, 1);
  });
  ctx.fillStyle = GRID;
  ctx.fillRect(gutter - 1, 0, 1, height);
  return shown.length;
}

/** Draws the playhead: it covers the whole current frame once frames are wider than a pixel. */
export function drawPlayhead(ctx: Draw2D, state: EditorState, layout: TimelineLayout): void {
  const video = state.video;
  if (video === null) return;
  const left = frameX(layout, video.frameCount, video.frame);
  ctx.globalAlpha = 0.25;
  ctx.fillStyle = PLAYHEAD;
  ctx.fillRect(left, 0, Math.max(1.5, pixelsPerFrame(layout, video.frameCount)), layout.height);
  ctx.globalAlpha = 1;
  ctx.fillRect(left, 0, 1.5, layout.height);
}

function caption(row: TimelineRow, index: number): string {
  return `${index + 1}. ${row.region.labels.join(', ') || '—'}`;
}

function drawRuler(ctx: Draw2D, layout: TimelineLayout, count: number): void {
  const step = tickStep(pixelsPerFrame(layout, count));
  ctx.fillStyle = GRID;
  ctx.fillRect(0, layout.ruler - 1, layout.width, 1);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let frame = 1; frame <= count; frame = frame === 1 && step > 1 ? step : frame + step) {
    const at = frameX(layout, count, frame);
    ctx.fillStyle = GRID;
    ctx.fillRect(at, layout.ruler - 6, 1, 6);
    ctx.fillStyle = TEXT;
    ctx.fillText(String(frame), at + 2, layout.ruler / 2 - 1);
  }
}

/**
 * Bars over the frames a track is in view: from an enabled keyframe to the next (or the end), and
 * a disabled keyframe's own frame. Touching stretches make one bar, so a track keyed on every
 * frame costs one rectangle, not thousands.
 */
function drawSpans(ctx: Draw2D, g: TrackGeometry, x: (frame: number) => number, top: number, rowHeight: number, count: number, color: string): void {
  const keyframes: readonly Keyframe[] = g.track.keyframes;
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = color;
  let from = -1;
  let to = -1;
  const flush = () => {
    if (from < 0) return;
    const left = x(from);
    ctx.fillRect(left, top + 3, Math.max(1, x(to) - left), rowHeight - 6);
  };
  for (let i = Math.max(0, keyframeIndexAt(keyframes, 1)); i < keyframes.length; i++) {
    const k = keyframes[i]!;
    if (k.frame > count) break;
    const start = Math.max(1, k.frame);
    const end = k.enabled ? Math.min(count + 1, keyframes[i + 1]?.frame ?? count + 1) : k.frame + 1;
    if (start !== to) {
      flush();
      from = start;
    }
    to = end;
  }
  flush();
  ctx.globalAlpha = 1;
}

function drawKeyframes(ctx: Draw2D, g: TrackGeometry, x: (frame: number) => number, middle: number, color: string, proposal: boolean): void {
  const keyframes: readonly Keyframe[] = g.track.keyframes;
  // Diamonds closer than their own width would overlap: then each keyframe is a 1 px tick, at most one per pixel.
  const crowded = keyframes.length > 1 && (x(keyframes[keyframes.length - 1]!.frame) - x(keyframes[0]!.frame)) / (keyframes.length - 1) < 2 * DIAMOND;
  if (crowded) {
    // One path of ticks, one fill: thousands of separate fillRect calls cost a frame on their own.
    ctx.beginPath();
    let column = -Infinity;
    for (const k of keyframes) {
      const cx = Math.round(x(k.frame));
      if (cx === column) continue;
      column = cx;
      ctx.rect(cx, middle - DIAMOND, 1, 2 * DIAMOND);
    }
    ctx.fillStyle = color;
    ctx.fill();
    return;
  }
  ctx.beginPath();
  for (const k of keyframes) {
    const cx = x(k.frame);
    ctx.moveTo(cx, middle - DIAMOND);
    ctx.lineTo(cx + DIAMOND, middle);
    ctx.lineTo(cx, middle + DIAMOND);
    ctx.lineTo(cx - DIAMOND, middle);
    ctx.closePath();
  }
  if (proposal) {
    ctx.setLineDash([2, 2]);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.setLineDash([]);
    return;
  }
  ctx.fillStyle = color;
  ctx.fill();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1;
  ctx.stroke();
}
