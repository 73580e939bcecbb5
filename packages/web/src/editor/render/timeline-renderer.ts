import type { Editor } from '../editor.js';
import type { EditorState } from '../types.js';
import { DEFAULT_TIMELINE, timelineRows, type TimelineLayout, type TimelineRow } from '../video/timeline-layout.js';
import type { Draw2D } from './draw-surface.js';
import { drawPlayhead, drawTimelineRows } from './draw-timeline.js';

export interface TimelineStats {
  frames: number;
  /** Rows drawn by the last redraw of the rows layer. */
  rowsDrawn: number;
  /** Milliseconds the last frame took (a playhead move alone, or rows and playhead). */
  lastFrameMs: number;
}

export interface TimelineRenderer {
  readonly stats: TimelineStats;
  layout(): TimelineLayout;
  /** Resizes or scrolls the timeline (CSS pixels); redraws on the next frame. */
  setLayout(patch: Partial<TimelineLayout>): void;
  /** The rows as last drawn (for hit-testing). */
  rows(): TimelineRow[];
  flush(): void;
  onFrame(listener: (stats: TimelineStats) => void): () => void;
  destroy(): void;
}

export interface TimelineRendererOptions {
  editor: Editor;
  /** Two stacked canvases: the rows (redrawn when tracks, selection or size change) and the playhead above them (redrawn every frame). */
  layers: { rows: Draw2D; playhead: Draw2D };
  pixelRatio?: number;
  schedule?: (frame: () => void) => void;
  now?: () => number;
}

/** What the rows show changed: tracks, selection or the video's length. */
function rowsChanged(prev: EditorState, next: EditorState): boolean {
  return prev.doc.regions !== next.doc.regions || prev.selection !== next.selection || prev.video?.frameCount !== next.video?.frameCount;
}

/**
 * Draws the editor's tracks on a timeline, once per animation frame at most, only after a change.
 * Playback moves the playhead on its own layer: the rows are not redrawn for it.
 */
export function createTimelineRenderer(options: TimelineRendererOptions): TimelineRenderer {
  const { editor, layers } = options;
  const schedule = options.schedule ?? ((frame: () => void) => void requestAnimationFrame(frame));
  const now = options.now ?? (() => performance.now());
  const ratio = options.pixelRatio ?? 1;
  let layout: TimelineLayout = { ...DEFAULT_TIMELINE };
  let rows: { from: EditorState['doc']['regions'] | null; rows: TimelineRow[] } = { from: null, rows: [] };
  let pending = false;
  let destroyed = false;
  let rowsDirty = true;
  const listeners = new Set<(stats: TimelineStats) => void>();
  const stats: TimelineStats = { frames: 0, rowsDrawn: 0, lastFrameMs: 0 };

  const currentRows = (s: EditorState) => {
    if (rows.from !== s.doc.regions) rows = { from: s.doc.regions, rows: timelineRows(s) };
    return rows.rows;
  };
  const frame = () => {
    pending = false;
    if (destroyed || layout.width <= 0 || layout.height <= 0) return;
    const started = now();
    const s = editor.getState();
    if (rowsDirty) {
      layers.rows.setTransform(ratio, 0, 0, ratio, 0, 0);
      stats.rowsDrawn = drawTimelineRows(layers.rows, s, editor.model, layout, currentRows(s));
      rowsDirty = false;
    }
    layers.playhead.setTransform(ratio, 0, 0, ratio, 0, 0);
    layers.playhead.clearRect(0, 0, layout.width, layout.height);
    drawPlayhead(layers.playhead, s, layout);
    stats.frames += 1;
    stats.lastFrameMs = now() - started;
    for (const l of listeners) l(stats);
  };
  const request = () => {
    if (pending || destroyed) return;
    pending = true;
    schedule(() => pending && frame());
  };
  const unsubscribe = editor.store.subscribe((next, prev) => {
    if (rowsChanged(prev, next)) rowsDirty = true;
    if (rowsDirty || prev.video?.frame !== next.video?.frame) request();
  });
  request();
  return {
    stats,
    layout: () => layout,
    setLayout(patch) {
      layout = { ...layout, ...patch };
      rowsDirty = true;
      request();
    },
    rows: () => currentRows(editor.getState()),
    flush() {
      if (pending) frame();
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      unsubscribe();
      listeners.clear();
    },
  };
}
