// The React part of the benchmark page (see editor-bench-main.tsx): the editor on the task.
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { BenchProbe, BenchTask } from './editor-bench-main.js';
import { AnnotationEditor, type ImageLoader, type RenderStats } from './editor-ui/index.js';
import messages from './i18n/locales/editor.en.json';

/** Renders the editor on `task` into `root`, reporting frames and the first full draw to `probe`. */
export function mountBench(root: HTMLElement, task: BenchTask, images: ImageLoader, probe: BenchProbe): void {
  performance.mark('bench:app');
  const total = task.result.length;
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources: { en: { translation: messages } }, lng: 'en', initAsync: false, interpolation: { escapeValue: false } });
  const onFrame = (stats: RenderStats) => {
    probe.frames = stats.frames;
    probe.lastFrameMs = stats.lastFrameMs;
    probe.frameMs.push(stats.lastFrameMs);
    if (probe.drawnAt === null && stats.imageDrawn && stats.regionsDrawn === total) probe.drawnAt = performance.now();
  };
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <AnnotationEditor
        config={task.config}
        task={{ id: 1, data: { image: task.image } }}
        initialResult={task.result}
        loadImage={images}
        onChange={() => undefined}
        onSubmit={() => undefined}
        onSkip={() => undefined}
        onReady={(editor) => {
          probe.editor = editor;
          performance.mark('bench:ready');
        }}
        onFrame={onFrame}
      />
    </I18nextProvider>,
  );
}
