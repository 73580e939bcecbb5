// The Label Studio 1.4.0 page for bench/editor, and the in-page probes both pages use.
import { LABELS } from './editor-assets.js';

/** Label Studio's config for the same task: one image, one RectangleLabels control. */
const LS_CONFIG = `<View><Image name="img" value="$image" zoom="true" zoomControl="true"/><RectangleLabels name="box" toName="img">${LABELS.map((l) => `<Label value="${l}"/>`).join('')}</RectangleLabels></View>`;

/**
 * A page running Label Studio's editor on the task. `__bench.drawnAt` is set once the image has
 * loaded and Konva holds a Rect for every box: found by walking Konva's tree each frame (cheap,
 * unlike stage.find('Rect'), which costs ~77 ms at 5,000 boxes), then one more frame for the draw.
 */
export function labelStudioPage(taskScript: string, total: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>Label Studio 1.4.0 benchmark</title>
<link rel="preload" as="image" href="/image.png"><link rel="stylesheet" href="/ls-static/main.css"><style>html, body, #root { height: 100%; margin: 0; }</style></head>
<body>${taskScript}<div id="root"></div>
<script src="/ls-static/main.js"></script>
<script>
const task = JSON.parse(document.getElementById('bench-task').textContent);
window.__bench = { drawnAt: null, loadedAt: null };
function countRects(node) {
  let n = node.className === 'Rect' ? 1 : 0;
  const children = node.children || [];
  for (let i = 0; i < children.length; i++) n += countRects(children[i]);
  return n;
}
function poll() {
  const stages = (window.Konva && window.Konva.stages) || [];
  let rects = 0;
  for (const s of stages) rects += countRects(s);
  const img = document.querySelector('img');
  if (rects >= ${total} && img && img.complete && img.naturalWidth > 0) {
    requestAnimationFrame(() => { window.__bench.drawnAt = performance.now(); });
    return;
  }
  requestAnimationFrame(poll);
}
requestAnimationFrame(poll);
new LabelStudio('root', {
  config: ${JSON.stringify(LS_CONFIG)},
  interfaces: ['panel', 'update', 'controls', 'side-column', 'annotations:menu', 'annotations:current'],
  user: { pk: 1, firstName: 'Bench', lastName: 'User' },
  task: { id: 1, data: { image: task.image }, annotations: [{ id: 1, result: task.result }], predictions: [] },
  onLabelStudioLoad(ls) {
    window.__bench.loadedAt = performance.now();
    const annotation = ls.annotationStore.annotations[0];
    if (annotation) ls.annotationStore.selectAnnotation(annotation.id);
  },
});
</script></body></html>`;
}

/** Starts recording requestAnimationFrame timestamps in the page (run with page.evaluate). */
export const START_FRAMES = `(() => {
  const rec = (window.__frames = { times: [], on: true });
  const loop = (t) => { if (!rec.on) return; rec.times.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()`;

/** Stops recording and returns the intervals between frames, in ms. */
export const STOP_FRAMES = `(() => {
  const rec = window.__frames;
  rec.on = false;
  const out = [];
  for (let i = 1; i < rec.times.length; i++) out.push(rec.times[i] - rec.times[i - 1]);
  return out;
})()`;

/** Resolves after the page's next frame. */
export const NEXT_FRAME = 'new Promise((resolve) => requestAnimationFrame(() => resolve(null)))';
