import { useEffect, useMemo, useRef } from 'react';
import { frameAt, seekTime, type CanvasRenderer, type Editor, type RenderStats } from '../editor/index.js';
import { ImageCanvas } from './image-canvas.js';
import type { ImageLoad } from './image-load.js';
import type { MediaInfoLookup } from './media-info.js';
import { TimelineView } from './timeline-view.js';
import { VideoControls } from './video-controls.js';

interface Props {
  editor: Editor;
  url: string;
  muted: boolean;
  mediaInfo: MediaInfoLookup;
  onFrame?: ((stats: RenderStats) => void) | undefined;
}

type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?(callback: (now: number, metadata: { mediaTime: number }) => void): number;
  cancelVideoFrameCallback?(handle: number): void;
};

/**
 * A video with its tracks: the <video> element decodes frames on demand (it is never drawn
 * itself; each presented frame is drawn into the canvas under the regions, so zoom and pan apply
 * to both), the playback controls and the timeline. The editor's state is the truth: a frame
 * change there seeks the video; while playing, the video reports its frames back.
 */
export function VideoView({ editor, url, muted, mediaInfo, onFrame }: Props) {
  const renderer = useRef<CanvasRenderer | null>(null);
  const element = useMemo(() => {
    if (typeof document === 'undefined') return null;
    const v = document.createElement('video') as FrameCallbackVideo;
    v.preload = 'auto';
    v.playsInline = true;
    v.muted = muted;
    v.src = url;
    return v;
  }, [url, muted]);

  // The canvas draws the <video> as its image once the first frame has loaded.
  const load: ImageLoad = useMemo(() => {
    const done = new Promise<{ source: CanvasImageSource; width: number; height: number }>((resolve, reject) => {
      if (element === null) return reject(new Error('no document'));
      element.addEventListener('loadeddata', () => resolve({ source: element, width: element.videoWidth, height: element.videoHeight }), { once: true });
      element.addEventListener('error', () => reject(new Error(`cannot load ${url}`)), { once: true });
    });
    // ImageCanvas reports a failed load; an unobserved rejection must not reach the console first.
    done.catch(() => undefined);
    return { url, done };
  }, [element, url]);

  useEffect(() => {
    let cancelled = false;
    void load.done.then(
      (v) => !cancelled && editor.setMediaInfo({ width: v.width, height: v.height, duration: element?.duration }),
      () => undefined,
    );
    mediaInfo(url).then((info) => !cancelled && info && editor.setMediaInfo(info), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [editor, load, element, url, mediaInfo]);

  // State → video: seek when the frame changes while paused; play, pause and speed.
  useEffect(() => {
    const v = element;
    if (v === null) return undefined;
    let frameHandle: number | null = null;
    let rafHandle: number | null = null;
    const redraw = () => renderer.current?.setImage(v);
    const report = (seconds: number) => {
      editor.reportTime(seconds);
      redraw();
    };
    const follow = () => {
      if (v.requestVideoFrameCallback) {
        frameHandle = v.requestVideoFrameCallback((_now, meta) => {
          report(meta.mediaTime);
          follow();
        });
      } else {
        rafHandle = requestAnimationFrame(() => {
          report(v.currentTime);
          follow();
        });
      }
    };
    const stopFollowing = () => {
      if (frameHandle !== null) v.cancelVideoFrameCallback?.(frameHandle);
      if (rafHandle !== null) cancelAnimationFrame(rafHandle);
      frameHandle = rafHandle = null;
    };
    const sync = () => {
      const s = editor.getState().video;
      if (s === null || v.readyState < 1) return;
      v.playbackRate = s.rate;
      if (s.playing) {
        if (v.paused) {
          void v.play().catch(() => editor.patch({ video: { ...s, playing: false } }));
          follow();
        }
        return;
      }
      if (!v.paused) {
        v.pause();
        stopFollowing();
      }
      // Paused: show exactly the editor's frame.
      if (frameAt(v.currentTime, s.fps) !== s.frame || v.currentTime === 0) v.currentTime = seekTime(s.frame, s.fps);
    };
    const onEnded = () => {
      const s = editor.getState().video;
      stopFollowing();
      if (s) editor.patch({ video: { ...s, playing: false } });
    };
    v.addEventListener('seeked', redraw);
    v.addEventListener('loadedmetadata', sync);
    v.addEventListener('ended', onEnded);
    const stop = editor.store.subscribe((next, prev) => {
      if (next.video !== prev.video && (next.video?.frame !== prev.video?.frame || next.video?.playing !== prev.video?.playing || next.video?.rate !== prev.video?.rate)) sync();
    });
    sync();
    return () => {
      stop();
      stopFollowing();
      v.pause();
      v.removeEventListener('seeked', redraw);
      v.removeEventListener('loadedmetadata', sync);
      v.removeEventListener('ended', onEnded);
    };
  }, [editor, element]);

  useEffect(() => () => {
    // Let the browser drop the decoder and the buffered bytes when the task changes.
    element?.removeAttribute('src');
    element?.load();
  }, [element]);

  return (
    <div className="le-video" data-testid="video-view">
      <ImageCanvas editor={editor} image={load} onFrame={onFrame} onRenderer={(r) => (renderer.current = r)} />
      <VideoControls editor={editor} />
      <TimelineView editor={editor} />
    </div>
  );
}
