import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, frameStart, RATES, seekFrame, type Editor } from '../editor/index.js';
import { MediaButton } from './media-button.js';
import { useEditorState } from './use-editor-state.js';

/** Frame and time, stepping, play/pause, speed, and the keyframe commands of the selected track. */
export function VideoControls({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const video = useEditorState(editor, (s) => s.video);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const [typed, setTyped] = useState<string | null>(null);
  if (video === null) return null;
  const { frame, frameCount, fps } = video;
  const jump = () => {
    const n = Number(typed);
    if (typed !== null && Number.isFinite(n)) editor.patch(seekFrame(editor.getState(), n) ?? {});
    setTyped(null);
  };
  const button = (id: string, icon?: string) => <MediaButton editor={editor} id={id} icon={icon} disabled={readOnly && EDITS.has(id)} />;
  return (
    <div className="le-video-controls" role="toolbar" aria-label={t('editor.video.controls')}>
      <div className="le-group">
        {button('firstFrame')}
        {button('back10Frames')}
        {button('previousFrame')}
        <MediaButton editor={editor} id="playPause" icon={video.playing ? 'pause' : 'play'} pressed={video.playing} />
        {button('nextFrame')}
        {button('forward10Frames')}
        {button('lastFrame')}
      </div>
      <label className="le-frame">
        {t('editor.video.frame')}
        <input
          type="number" min={1} max={frameCount} value={typed ?? String(frame)} aria-label={t('editor.video.frame')} data-testid="video-frame-input"
          onChange={(e) => setTyped(e.target.value)} onBlur={jump} onKeyDown={(e) => e.key === 'Enter' && jump()}
        />
        <span data-testid="video-frame" data-frame={frame}>/ {frameCount}</span>
      </label>
      <span className="le-time" data-testid="video-time">{formatTime(frameStart(frame, fps))} / {formatTime(frameCount / fps)}</span>
      <label className="le-rate" title={t('editor.video.rate')}>
        <select value={video.rate} aria-label={t('editor.video.rate')} onChange={(e) => editor.patch({ video: { ...video, rate: Number(e.target.value) } })}>
          {RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
        </select>
      </label>
      <span className="le-fps" title={t(`editor.video.fpsSource.${video.fpsSource}`)}>{t('editor.video.fps', { fps: Number(fps.toFixed(3)) })}</span>
      <div className="le-group le-keyframes">
        {button('addKeyframe')}
        {button('deleteKeyframe')}
        {button('toggleOutOfView')}
        {button('copyToNextFrame')}
        {button('propagate')}
        <label className="le-span-input" title={t('editor.video.span')}>
          <input
            type="number" min={1} max={1000} value={video.span} aria-label={t('editor.video.span')} data-testid="video-span"
            onChange={(e) => editor.patch({ video: { ...video, span: Math.max(1, Math.min(1000, Math.round(Number(e.target.value) || 1))) } })}
          />
        </label>
        {button('trackForward')}
        {video.tracking !== 'idle' ? <span className={`le-tracking le-${video.tracking}`} role="status">{t(`editor.video.tracking.${video.tracking}`)}</span> : null}
      </div>
    </div>
  );
}

/** Keyframe commands change the annotation: a read-only view leaves them off. */
const EDITS = new Set(['addKeyframe', 'deleteKeyframe', 'toggleOutOfView', 'copyToNextFrame', 'propagate', 'trackForward']);
