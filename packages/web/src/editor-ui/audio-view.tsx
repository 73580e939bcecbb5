import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region as WaveRegion } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { addSegment, formatTime, labelColor, moveSegment, RATES, type Editor, type EditorState } from '../editor/index.js';
import { MediaButton } from './media-button.js';
import { useEditorState } from './use-editor-state.js';

/** `#e6194b` + alpha → `rgba(230, 25, 75, alpha)`; other colours pass through. */
function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return m ? `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})` : color;
}

/**
 * The waveform of an audio task (wavesurfer.js) with its segments (the regions plugin). The
 * editor's document is the truth: dragging on the waveform asks the editor for a segment with the
 * active label, moving or resizing one is an editor edit, and the waveform's regions are redrawn
 * from the document after every change. Playback follows the editor's audio state both ways.
 */
export function AudioView({ editor, url }: { editor: Editor; url: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const audio = useEditorState(editor, (s) => s.audio);
  const object = editor.model.audio?.name;

  useEffect(() => {
    const el = container.current;
    if (!el || object === undefined) return undefined;
    let ws: WaveSurfer;
    try {
      ws = WaveSurfer.create({
        container: el, url, height: 128, waveColor: '#9aa3ad', progressColor: '#1e6bff', cursorColor: '#e5484d',
        normalize: true, autoScroll: true, dragToSeek: false, fetchParams: { credentials: 'same-origin' },
      });
    } catch {
      setFailed(true);
      return undefined;
    }
    const plugin = ws.registerPlugin(RegionsPlugin.create());
    const shown = new Map<string, WaveRegion>();
    let adding = false;
    let reported = -1;

    const sync = (s: EditorState) => {
      const keep = new Set<string>();
      for (const r of s.doc.regions.values()) {
        if (r.geometry.kind !== 'segment' || r.object !== object || r.hidden) continue;
        keep.add(r.id);
        const color = withAlpha(labelColor(editor.model, r.control, r.labels[0]), s.selection.has(r.id) ? 0.45 : 0.2);
        const content = r.labels.join(', ');
        const editable = !r.locked && !s.readOnly;
        const existing = shown.get(r.id);
        if (existing === undefined) {
          adding = true;
          shown.set(r.id, plugin.addRegion({ id: r.id, start: r.geometry.start, end: r.geometry.end, color, content, drag: editable, resize: editable }));
          adding = false;
        } else if (!existing.isDragging) {
          existing.setOptions({ start: r.geometry.start, end: r.geometry.end, color, content, drag: editable, resize: editable });
        }
      }
      for (const [id, region] of shown) {
        if (keep.has(id)) continue;
        region.remove();
        shown.delete(id);
      }
    };

    const selectedSegment = () => {
      const [id, ...more] = [...editor.getState().selection];
      return more.length === 0 && id !== undefined ? shown.get(id) : undefined;
    };
    const play = (s: EditorState) => {
      const a = s.audio;
      if (a === null) return;
      ws.setPlaybackRate(a.rate);
      if (!a.playing) return ws.pause();
      const segment = a.loop ? selectedSegment() : undefined;
      if (segment) segment.play(true);
      else if (!ws.isPlaying()) void ws.play().catch(() => undefined);
    };

    const stops = [
      plugin.on('region-created', (region) => {
        if (adding || shown.get(region.id) === region) return;
        // Made by dragging on the waveform: the editor makes the segment, and `sync` draws it.
        const { start, end } = region;
        region.remove();
        editor.act((s, env) => addSegment(s, env.model, env.newId, start, end));
      }),
      plugin.on('region-updated', (region) => editor.act((s) => moveSegment(s, region.id, region.start, region.end))),
      plugin.on('region-clicked', (region, e) => {
        e.stopPropagation();
        editor.patch({ selection: new Set([region.id]) });
      }),
      plugin.on('region-out', (region) => {
        const a = editor.getState().audio;
        if (a?.playing && a.loop && selectedSegment() === region) region.play(true);
      }),
      ws.on('ready', (duration) => editor.setMediaInfo({ duration })),
      ws.on('timeupdate', (time) => {
        reported = time;
        editor.reportTime(time);
      }),
      ws.on('pause', () => {
        const a = editor.getState().audio;
        if (a?.playing && !(a.loop && selectedSegment())) editor.patch({ audio: { ...a, playing: false } });
      }),
      ws.on('finish', () => {
        const a = editor.getState().audio;
        if (a?.playing) editor.patch({ audio: { ...a, playing: false } });
      }),
      ws.on('error', () => setFailed(true)),
    ];
    const disableDrag = plugin.enableDragSelection({ color: 'rgba(30, 107, 255, 0.2)' });
    const unsubscribe = editor.store.subscribe((next, prev) => {
      if (next.doc.regions !== prev.doc.regions || next.selection !== prev.selection || next.readOnly !== prev.readOnly) sync(next);
      const [a, b] = [next.audio, prev.audio];
      if (a === null || b === null) return;
      if (a.playing !== b.playing || a.rate !== b.rate || a.loop !== b.loop) play(next);
      if (a.time !== b.time && Math.abs(a.time - reported) > 0.01) ws.setTime(a.time);
      if (a.zoom !== b.zoom) ws.zoom(a.zoom);
    });
    sync(editor.getState());
    return () => {
      unsubscribe();
      disableDrag();
      for (const stop of stops) stop();
      ws.destroy();
    };
  }, [editor, url, object]);

  if (audio === null) return null;
  return (
    <div className="le-audio" data-testid="audio-view">
      <div ref={container} className="le-waveform" data-testid="waveform" />
      {failed ? <p className="le-canvas-error" role="alert">{t('editor.audio.failed')}</p> : null}
      <div className="le-video-controls" role="toolbar" aria-label={t('editor.audio.controls')}>
        <div className="le-group">
          <MediaButton editor={editor} id="back1s" />
          <MediaButton editor={editor} id="playPause" icon={audio.playing ? 'pause' : 'play'} pressed={audio.playing} />
          <MediaButton editor={editor} id="forward1s" />
          <MediaButton editor={editor} id="loopSegment" pressed={audio.loop} />
        </div>
        <span className="le-time" data-testid="audio-time">{formatTime(audio.time)} / {formatTime(audio.duration ?? 0)}</span>
        <label className="le-rate" title={t('editor.video.rate')}>
          <select value={audio.rate} aria-label={t('editor.video.rate')} onChange={(e) => editor.patch({ audio: { ...audio, rate: Number(e.target.value) } })}>
            {RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
          </select>
        </label>
        <div className="le-group">
          <MediaButton editor={editor} id="waveZoomOut" icon="zoomOut" />
          <MediaButton editor={editor} id="waveZoomIn" icon="zoomIn" />
        </div>
        <span className="le-hint">{t('editor.audio.hint')}</span>
      </div>
    </div>
  );
}
