import { isTrack } from '../regions/track.js';
import type { EditorState, Region, TrackGeometry } from '../types.js';

// Where things sit on the timeline canvas: a ruler of frames on top, a row per track below with
// its label in a gutter on the left. Pure, so drawing, hit-testing and tests share it.

export interface TimelineLayout {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Width of the label column on the left. */
  gutter: number;
  /** Height of the frame ruler on top. */
  ruler: number;
  rowHeight: number;
  /** The first track row shown (rows scroll). */
  firstRow: number;
}

export const DEFAULT_TIMELINE: TimelineLayout = { width: 0, height: 0, gutter: 132, ruler: 20, rowHeight: 18, firstRow: 0 };

/** A row of the timeline: a track and the tracker proposals for it (drawn on its row). */
export interface TimelineRow {
  region: Region & { geometry: TrackGeometry };
  proposals: (Region & { geometry: TrackGeometry })[];
}

/** The rows: every track in document order, each with its pending tracker proposals. */
export function timelineRows(state: EditorState): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const byId = new Map<string, TimelineRow>();
  const orphans: TimelineRow['region'][] = [];
  for (const region of state.doc.regions.values()) {
    if (!isTrack(region)) continue;
    const parent = region.suggestion?.forRegion;
    if (parent !== undefined) {
      orphans.push(region);
      continue;
    }
    const row = { region, proposals: [] };
    rows.push(row);
    byId.set(region.id, row);
  }
  for (const p of orphans) {
    const row = byId.get(p.suggestion?.forRegion ?? '');
    if (row) row.proposals.push(p);
    else rows.push({ region: p, proposals: [] });
  }
  return rows;
}

/** Track rows that fit below the ruler. */
export const visibleRowCount = (l: TimelineLayout): number => Math.max(0, Math.floor((l.height - l.ruler) / l.rowHeight));

/** Pixels per frame across the track area (the whole video fits). */
export const pixelsPerFrame = (l: TimelineLayout, frameCount: number): number => Math.max(1e-6, l.width - l.gutter) / Math.max(1, frameCount);

/** The x of the left edge of `frame` (1-based). */
export const frameX = (l: TimelineLayout, frameCount: number, frame: number): number => l.gutter + (frame - 1) * pixelsPerFrame(l, frameCount);

/** What is under a point of the timeline. */
export interface TimelineHit {
  /** The frame under x (within the video), or undefined in the gutter. */
  frame: number | undefined;
  /** The track row under y, if any. */
  row: TimelineRow | undefined;
  area: 'ruler' | 'gutter' | 'tracks';
}

export function timelineHit(l: TimelineLayout, rows: readonly TimelineRow[], frameCount: number, x: number, y: number): TimelineHit {
  const area = y < l.ruler ? 'ruler' : x < l.gutter ? 'gutter' : 'tracks';
  const frame = x < l.gutter ? undefined : Math.min(frameCount, Math.max(1, Math.floor((x - l.gutter) / pixelsPerFrame(l, frameCount)) + 1));
  const index = y < l.ruler ? -1 : Math.floor((y - l.ruler) / l.rowHeight) + l.firstRow;
  return { frame, row: index >= 0 ? rows[index] : undefined, area };
}

/** A step between ruler ticks (1, 2, 5, 10, 20, 50…) that leaves at least `minPixels` between them. */
export function tickStep(pixelsPerFrameValue: number, minPixels = 60): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of [1, 2, 5]) if (m * magnitude * pixelsPerFrameValue >= minPixels) return m * magnitude;
    if (magnitude > 1e9) return magnitude;
  }
}
