// The page bench/editor.ts loads in headless Chromium: one image task in <AnnotationEditor>,
// nothing else. It records when every box is first drawn and the frame times the bench asks for.
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { parseLabelConfig } from '@laoshi/core';
import { AnnotationEditor, type Editor, type RenderStats, type ResultInput } from './editor-ui/index.js';
import messages from './i18n/locales/editor.en.json';

interface BenchTask {
  image: string;
  result: ResultInput[];
  labels: string[];
}

interface BenchProbe {
  /** performance.now() (ms since navigation) when the image and every region were first drawn. */
  drawnAt: number | null;
  frames: number;
  lastFrameMs: number;
  /** Draw time of every canvas frame, in ms (what the renderer itself costs). */
  frameMs: number[];
  editor: Editor | null;
}

const task = JSON.parse(document.getElementById('bench-task')?.textContent ?? '{}') as BenchTask;
const probe: BenchProbe = { drawnAt: null, frames: 0, lastFrameMs: 0, frameMs: [], editor: null };
performance.mark('bench:script');
(window as unknown as { __bench: BenchProbe }).__bench = probe;
const total = task.result.length;

const config = parseLabelConfig({
  objects: [{ type: 'image', name: 'img', value: '$image', zoom: true }],
  controls: [{ type: 'rectanglelabels', name: 'box', toName: ['img'], labels: task.labels.map((value) => ({ value })) }],
});

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({ resources: { en: { translation: messages } }, lng: 'en', initAsync: false, interpolation: { escapeValue: false } });

const onFrame = (stats: RenderStats) => {
  probe.frames = stats.frames;
  probe.lastFrameMs = stats.lastFrameMs;
  probe.frameMs.push(stats.lastFrameMs);
  if (probe.drawnAt === null && stats.imageDrawn && stats.regionsDrawn === total) probe.drawnAt = performance.now();
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <AnnotationEditor
        config={config}
        task={{ id: 1, data: { image: task.image } }}
        initialResult={task.result}
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
