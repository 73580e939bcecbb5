import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCanvasRenderer, layerBox, type CanvasRenderer, type Draw2D, type Editor, type LayerShift, type RenderStats } from '../editor/index.js';
import type { ImageLoad } from './image-load.js';
import { useEditorState } from './use-editor-state.js';

interface Props {
  editor: Editor;
  /** The image, already loading (see image-load.ts). */
  image: ImageLoad;
  /** Called after every drawn frame (the benchmark listens here). */
  onFrame?: ((stats: RenderStats) => void) | undefined;
  /** Called with the renderer once it exists, and with null when it goes (the video view redraws frames through it). */
  onRenderer?: ((renderer: CanvasRenderer | null) => void) | undefined;
}

const CURSORS: Record<string, string> = { 'pan.idle': 'grab', 'pan.dragging': 'grabbing', 'select.dragging': 'move', 'select.idle': 'default' };

/**
 * The image with its regions: three stacked canvases (image, regions, overlay) drawn by the
 * engine's renderer. Pointer and wheel input go to the engine; nothing here knows about tools.
 */
export function ImageCanvas({ editor, image, onFrame, onRenderer }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvases = [useRef<HTMLCanvasElement>(null), useRef<HTMLCanvasElement>(null), useRef<HTMLCanvasElement>(null)] as const;
  const renderer = useRef<CanvasRenderer | null>(null);
  const loaded = useRef<CanvasImageSource | null>(null);
  const [failed, setFailed] = useState(false);
  const toolState = useEditorState(editor, (s) => s.toolState);
  const adjust = useEditorState(editor, (s) => s.adjust);
  const view = useEditorState(editor, (s) => s.view);
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;
  const onRendererRef = useRef(onRenderer);
  onRendererRef.current = onRenderer;
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  // The renderer lives as long as the canvases; the image arrives when it has loaded.
  useEffect(() => {
    const contexts = canvases.map((c) => c.current?.getContext('2d') ?? null);
    const [image, regions, overlay] = contexts;
    if (!image || !regions || !overlay) return undefined; // no canvas (tests under jsdom)
    // The image and region layers are moved by a CSS transform while the view pans or zooms.
    const shifter = (canvas: HTMLCanvasElement | null) => (shift: LayerShift | null) => {
      if (canvas) canvas.style.transform = shift ? `translate(${shift.x}px, ${shift.y}px) scale(${shift.scale})` : '';
    };
    const r = createCanvasRenderer({
      editor,
      pixelRatio: ratio,
      layers: {
        image: { ctx: image as Draw2D, shift: shifter(canvases[0].current) },
        regions: { ctx: regions as Draw2D, shift: shifter(canvases[1].current) },
        overlay: { ctx: overlay as Draw2D },
      },
    });
    renderer.current = r;
    if (loaded.current) r.setImage(loaded.current);
    const stop = r.onFrame((stats) => onFrameRef.current?.(stats));
    onRendererRef.current?.(r);
    return () => {
      stop();
      onRendererRef.current?.(null);
      r.destroy();
      renderer.current = null;
    };
  }, [editor, ratio]);

  useEffect(() => {
    setFailed(false);
    let cancelled = false;
    image.done.then(
      ({ source, width, height }) => {
        if (cancelled) return;
        loaded.current = source;
        editor.setImageSize({ width, height });
        renderer.current?.setImage(source);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [editor, image]);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => editor.setView({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(el);
    // Wheel must be a non-passive listener to keep the page from scrolling while zooming.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? rect.height : 1;
      editor.wheel(e.clientX - rect.left, e.clientY - rect.top, e.deltaY * unit, e.deltaX * unit);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer?.disconnect();
      el.removeEventListener('wheel', onWheel);
    };
  }, [editor]);

  const pointer = (e: ReactPointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top, { button: e.button, shift: e.shiftKey, alt: e.altKey, mod: e.ctrlKey || e.metaKey }] as const;
  };

  return (
    <div
      ref={box}
      className="le-canvas"
      data-testid="editor-canvas"
      data-tool-state={toolState}
      style={{ cursor: CURSORS[toolState] ?? 'crosshair' }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        editor.pointerDown(...pointer(e));
      }}
      onPointerMove={(e) => editor.pointerMove(...pointer(e))}
      onPointerUp={(e) => editor.pointerUp(...pointer(e))}
      onDoubleClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        editor.doubleClick(e.clientX - rect.left, e.clientY - rect.top, { shift: e.shiftKey, alt: e.altKey });
      }}
      onContextMenu={(e) => e.preventDefault()}
    >
      {canvases.map((ref, i) => {
        // Image and regions are drawn with a margin around the view (see layerBox); the overlay is view-sized.
        const box = i < 2 ? layerBox(view) : { left: 0, top: 0, width: view.width, height: view.height };
        const filter = i === 0 && (adjust.brightness !== 1 || adjust.contrast !== 1) ? `brightness(${adjust.brightness}) contrast(${adjust.contrast})` : undefined;
        return (
          <canvas
            key={i}
            ref={ref}
            width={Math.round(box.width * ratio)}
            height={Math.round(box.height * ratio)}
            style={{ left: box.left, top: box.top, width: box.width, height: box.height, filter }}
          />
        );
      })}
      {failed ? <p className="le-canvas-error" role="alert">{t('editor.image.failed')}</p> : null}
    </div>
  );
}
