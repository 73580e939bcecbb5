// The page bench/editor.ts loads in headless Chromium: one image task in <AnnotationEditor>,
// nothing else. It records when every box is first drawn and the frame times the bench asks for.
//
// Like the app's task page, it starts fetching and decoding the image (in a worker) as soon as the
// task is known, while the editor's code is still loading (./editor-bench-app.tsx, a separate chunk
// the page links with modulepreload): this entry is a few kB, so the decode overlaps the download
// and start-up of the rest.
import type { LabelConfig } from '@laoshi/core';
import type { Editor, ResultInput } from './editor-ui/index.js';
// Not through editor-ui/index.js, which would pull the editor (and its stylesheet) into this chunk.
import { createImageCache, workerImageLoader } from './editor-ui/image-load.js';

export interface BenchTask {
  image: string;
  result: ResultInput[];
  /** The project's config as the server sends it (validated there, like the app's). */
  config: LabelConfig;
}

export interface BenchProbe {
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
const worker = workerImageLoader();
const images = createImageCache(3, worker);
images(task.image);
// A worker starts only when the page's main thread has a moment for it: let it start (its image is
// the longer road to the first frame) before that thread parses and runs the editor, but not wait long.
const running = Promise.race([worker.running, new Promise((resolve) => setTimeout(resolve, 150))]);
const root = document.getElementById('root');
if (root) void running.then(() => import('./editor-bench-app.js')).then(({ mountBench }) => mountBench(root, task, images, probe));
