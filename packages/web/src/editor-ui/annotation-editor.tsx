import { taskFrameRate, type LabelConfig } from '@laoshi/core';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEditor, motionTracker, type Editor, type Prediction, type RenderStats, type ResultInput, type Tracker } from '../editor/index.js';
import type { EditorResultItem } from './editor-types.js';
import { ClassificationControlView } from './classification-controls.js';
import { HelpOverlay } from './help-overlay.js';
import { HyperTextView } from './hypertext-view.js';
import { ImageCanvas } from './image-canvas.js';
import { loadImage, type ImageLoader } from './image-load.js';
import { KeyLabel } from './key-label.js';
import { LabelPicker } from './label-picker.js';
import { serverMediaInfo, type MediaInfoLookup } from './media-info.js';
import { RegionAttributes } from './region-attributes.js';
import { RegionList } from './region-list.js';
import { SkipDialog } from './skip-dialog.js';
import { TextView } from './text-view.js';
import { Toolbar } from './toolbar.js';
import './editor.css';

// Audio (wavesurfer) and video (timeline, tracks) load only for tasks that have them: an image
// task then parses and runs a third less code before its first frame.
const AudioView = lazy(() => import('./audio-view.js').then((m) => ({ default: m.AudioView })));
const VideoView = lazy(() => import('./video-view.js').then((m) => ({ default: m.VideoView })));

export interface AnnotationEditorProps {
  /** The project's label config (core's typed JSON). */
  config: LabelConfig;
  task: { id: string | number; data: Record<string, unknown> };
  /** The annotation to continue (Label Studio result items). */
  initialResult?: readonly ResultInput[] | undefined;
  /** Model output shown as suggestions; `a` accepts the selected one, Shift+A all. */
  predictions?: readonly Prediction[] | undefined;
  /** Maps an image, video or audio value from the task data to the URL to load (e.g. through the media route). */
  imageUrlFor?: ((value: string) => string) | undefined;
  /**
   * Fetches and decodes the image (see image-load.ts); a host that already started loading it (a
   * prefetch, or as soon as the task arrived) passes the loader that holds it, e.g. createImageCache().
   */
  loadImage?: ImageLoader | undefined;
  /**
   * Proposes the next frames of the selected video track ("t"); see editor/video/tracker.ts. By
   * default the model-free motion tracker; null turns tracking off. A host with a model backend
   * passes one that calls it (POST /api/tasks/:id/predict).
   */
  tracker?: Tracker | null | undefined;
  /** Looks up frame rate and frame count of a media URL; by default Laoshi's media info route. */
  mediaInfo?: MediaInfoLookup | undefined;
  /** Called once per finished edit with the whole result (accepted regions only). */
  onChange(result: EditorResultItem[]): void;
  /** Enter. */
  onSubmit(): void;
  onSkip(reason: string): void;
  readOnly?: boolean | undefined;
  /** Called with the editor once it exists (for tests, benchmarks and advanced hosts). */
  onReady?: ((editor: Editor) => void) | undefined;
  /** Called after every canvas frame. */
  onFrame?: ((stats: RenderStats) => void) | undefined;
}

/** `$image` → the task's `image` value. */
function dataValue(data: Record<string, unknown>, key: string): unknown {
  return data[key.replace(/^\$/, '')];
}

/** Keys typed into a field, or Enter/Space on a button, belong to that element, not to the editor. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('input, textarea, select, [role="dialog"]')) return true;
  return (key === 'Enter' || key === ' ') && target.closest('button, a, [role="button"], [role="option"]') !== null;
}

/**
 * The annotation editor for one task: canvas and text views with toolbar, label picker, region
 * list, attributes and classification panels. Create a new one (a new `key`) per task.
 */
export function AnnotationEditor(props: AnnotationEditorProps) {
  const { config, task, readOnly } = props;
  const { t } = useTranslation();
  const [editor] = useState(() => createEditor({
    config, initialResult: props.initialResult, predictions: props.predictions, readOnly, fps: taskFrameRate(task.data),
    tracker: props.tracker === null ? undefined : (props.tracker ?? motionTracker),
  }));
  const [overlay, setOverlay] = useState<'help' | 'skip' | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    editor.patch({ readOnly: readOnly ?? false });
  }, [editor, readOnly]);

  useEffect(() => {
    callbacks.current.onReady?.(editor);
    const stops = [
      editor.on('change', (result) => callbacks.current.onChange(result)),
      editor.on('submit', () => callbacks.current.onSubmit()),
      editor.on('skip', () => setOverlay('skip')),
      editor.on('help', () => setOverlay((o) => (o === 'help' ? null : 'help'))),
    ];
    return () => stops.forEach((stop) => stop());
  }, [editor]);

  useEffect(() => {
    if (overlay !== null) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || ownsKey(e.target, e.key)) return;
      if (editor.keyDown(e)) e.preventDefault();
    };
    const onKeyUp = (e: KeyboardEvent) => editor.keyUp(e);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [editor, overlay]);

  const image = editor.model.image;
  const imageValue = image ? dataValue(task.data, image.value) : undefined;
  const imageUrl = typeof imageValue === 'string' ? (props.imageUrlFor?.(imageValue) ?? imageValue) : undefined;
  // Started during the first render, so the photo decodes while the panels are being built.
  const imageLoader = props.loadImage ?? loadImage;
  const imageLoad = useMemo(() => (imageUrl === undefined ? undefined : imageLoader(imageUrl)), [imageUrl, imageLoader]);
  const wholeTask = editor.model.classificationControls.filter((c) => c.perRegion !== true);
  const mediaUrl = (object: { value: string } | undefined): string | undefined => {
    const value = object ? dataValue(task.data, object.value) : undefined;
    return typeof value === 'string' ? (props.imageUrlFor?.(value) ?? value) : undefined;
  };
  const { video, audio } = editor.model;
  const videoUrl = mediaUrl(video);
  const audioUrl = mediaUrl(audio);

  return (
    <div className="le-editor" data-testid="annotation-editor" data-task-id={String(task.id)}>
      <Toolbar editor={editor} onHelp={() => setOverlay('help')} />
      <div className="le-body">
        <main className="le-main">
          {image ? (imageLoad ? <ImageCanvas editor={editor} image={imageLoad} onFrame={props.onFrame} /> : <p className="le-empty" role="alert">{t('editor.image.missing', { key: image.value })}</p>) : null}
          <Suspense fallback={null}>
            {video ? (videoUrl ? <VideoView editor={editor} url={videoUrl} muted={video.muted ?? false} mediaInfo={props.mediaInfo ?? serverMediaInfo} onFrame={props.onFrame} /> : <p className="le-empty" role="alert">{t('editor.image.missing', { key: video.value })}</p>) : null}
            {audio ? (audioUrl ? <AudioView editor={editor} url={audioUrl} /> : <p className="le-empty" role="alert">{t('editor.image.missing', { key: audio.value })}</p>) : null}
          </Suspense>
          {editor.model.texts.map((o) => {
            const value = dataValue(task.data, o.value);
            const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
            return o.type === 'hypertext' ? <HyperTextView key={o.name} object={o.name} html={text} clickableLinks={o.clickableLinks} /> : <TextView key={o.name} editor={editor} object={o.name} text={text} />;
          })}
        </main>
        <aside className="le-side">
          <LabelPicker editor={editor} />
          {wholeTask.map((c) => <ClassificationControlView key={c.name} editor={editor} control={c} />)}
          <RegionAttributes editor={editor} />
          <RegionList editor={editor} />
          {!readOnly ? (
            <button type="button" className="le-skip-button" onClick={() => setOverlay('skip')} data-testid="editor-skip">
              {t('editor.commands.skip')} <KeyLabel combo={editor.commands.get('skip')?.keys[0] ?? 'alt+s'} />
            </button>
          ) : null}
        </aside>
      </div>
      {overlay === 'help' ? <HelpOverlay editor={editor} onClose={() => setOverlay(null)} /> : null}
      {overlay === 'skip' ? (
        <SkipDialog
          onCancel={() => setOverlay(null)}
          onSkip={(reason) => {
            setOverlay(null);
            callbacks.current.onSkip(reason);
          }}
        />
      ) : null}
    </div>
  );
}
