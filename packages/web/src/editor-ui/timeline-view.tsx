import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createTimelineRenderer, seekFrame, timelineHit, type Draw2D, type Editor, type TimelineRenderer } from '../editor/index.js';
import { useEditorState } from './use-editor-state.js';

const MAX_ROWS = 8;

/**
 * Every track of the video on one canvas: a row each with its keyframes, the stretches it is in
 * view and its gaps, and the playhead. Pressing on it seeks (drag to scrub); pressing a row also
 * selects that track; the wheel scrolls the rows.
 */
export function TimelineView({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvases = [useRef<HTMLCanvasElement>(null), useRef<HTMLCanvasElement>(null)] as const;
  const renderer = useRef<TimelineRenderer | null>(null);
  const scrubbing = useRef(false);
  const regions = useEditorState(editor, (s) => s.doc.regions);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const trackCount = [...regions.values()].filter((r) => r.geometry.kind === 'track' && r.suggestion?.forRegion === undefined).length;
  const height = 20 + 18 * Math.max(2, Math.min(MAX_ROWS, trackCount)) + 2;

  useEffect(() => {
    const [rows, playhead] = canvases.map((c) => c.current?.getContext('2d') ?? null);
    if (!rows || !playhead) return undefined; // no canvas under jsdom
    const r = createTimelineRenderer({ editor, layers: { rows: rows as Draw2D, playhead: playhead as Draw2D }, pixelRatio: ratio });
    renderer.current = r;
    return () => {
      r.destroy();
      renderer.current = null;
    };
  }, [editor, ratio]);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => setSize({ width: el.clientWidth, height });
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(el);
    const onWheel = (e: WheelEvent) => {
      const r = renderer.current;
      if (!r) return;
      e.preventDefault();
      const l = r.layout();
      const last = Math.max(0, r.rows().length - Math.floor((l.height - l.ruler) / l.rowHeight));
      r.setLayout({ firstRow: Math.min(last, Math.max(0, l.firstRow + Math.sign(e.deltaY))) });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer?.disconnect();
      el.removeEventListener('wheel', onWheel);
    };
  }, [height]);

  useEffect(() => {
    renderer.current?.setLayout({ width: size.width, height: size.height });
  }, [size]);

  const hit = (e: ReactPointerEvent<HTMLDivElement>) => {
    const r = renderer.current;
    const video = editor.getState().video;
    if (!r || !video) return undefined;
    const rect = e.currentTarget.getBoundingClientRect();
    return timelineHit(r.layout(), r.rows(), video.frameCount, e.clientX - rect.left, e.clientY - rect.top);
  };
  const seek = (frame: number | undefined) => {
    if (frame !== undefined) editor.patch(seekFrame(editor.getState(), frame) ?? {});
  };

  return (
    <div
      ref={box}
      className="le-timeline"
      style={{ height }}
      data-testid="timeline"
      aria-label={t('editor.video.timeline')}
      onPointerDown={(e) => {
        const h = hit(e);
        if (!h) return;
        if (h.row && h.area !== 'ruler') editor.patch({ selection: new Set([h.row.region.id]) });
        if (h.area === 'gutter') return;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        scrubbing.current = true;
        seek(h.frame);
      }}
      onPointerMove={(e) => scrubbing.current && seek(hit(e)?.frame)}
      onPointerUp={() => (scrubbing.current = false)}
    >
      {canvases.map((ref, i) => (
        <canvas key={i} ref={ref} width={Math.round(size.width * ratio)} height={Math.round(size.height * ratio)} style={{ width: size.width, height: size.height }} />
      ))}
    </div>
  );
}
