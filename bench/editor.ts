// bench/editor: the annotation editor in headless Chromium with N = 200, 2,000 and 5,000 boxes on one
// image, beside Label Studio's editor 1.4.0 on the same image and boxes in the same run. Measures the
// time from navigation until the image and every box are drawn, and the frame times (p95 of the
// intervals between animation frames) while zooming (real wheel input) and panning (a real drag).
// Targets (issue 3): at 5,000 boxes pan/zoom p95 ≤ 16.7 ms and drawn within 0.5 s; at 2,000 boxes,
// load ≥ 15× faster than Label Studio and zoom/pan ≥ 20× faster.
//   node --import tsx bench/editor.ts [--only ours] [--sizes 200,2000] [--loads 3] [--warmup 1]
//   LS_EDITOR_DIR=/path/to/@heartexlabs/label-studio (default /tmp/ls140/node_modules/@heartexlabs/label-studio)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelConfig } from '@laoshi/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type HtmlTagDescriptor, type Plugin } from 'vite';
import { boxes, IMAGE, LABELS, photoPng, taskScript } from './lib/editor-assets.js';
import { labelStudioPage, NEXT_FRAME, START_FRAMES, STOP_FRAMES } from './lib/editor-pages.js';
import { serveBench } from './lib/editor-static-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.LAOSHI_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LS_DIR = process.env.LS_EDITOR_DIR ?? '/tmp/ls140/node_modules/@heartexlabs/label-studio';
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (flag('--sizes') ?? '200,2000,5000').split(',').map(Number);
const ONLY_OURS = flag('--only') === 'ours';
const WHEEL_STEPS = 24;
const PAN_STEPS = 40;
const LOAD_TIMEOUT_MS = 120_000;
/** Page loads per editor and size; the median is reported (a shared machine is noisy). */
const LOADS = Number(flag('--loads') ?? 3);
/**
 * Unmeasured loads first, for each editor and size: the first page after the browser starts or after
 * the other editor's series (Label Studio's 5,000-box page leaves a big process to tear down) waits
 * for that work and measured up to twice the next ones.
 */
const WARMUP = Number(flag('--warmup') ?? 1);

interface Measure {
  /** ms from navigation until the image and every box were drawn. */
  drawnMs: number;
  zoom: FrameStats;
  pan: FrameStats;
}
interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  frames: number;
}

function stats(intervals: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN, frames: sorted.length };
}

/**
 * Real input: Ctrl+wheel at the centre (Label Studio zooms only with Ctrl), then a drag with the
 * hand tool ("h" in both editors). `zoomIn` is the wheel delta that zooms in: Label Studio 1.4
 * zooms in on a positive deltaY, Laoshi (like most viewers) on a negative one.
 */
async function interact(page: Page, area: { x: number; y: number; width: number; height: number }, zoomIn: number): Promise<Pick<Measure, 'zoom' | 'pan'>> {
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  await page.mouse.move(cx, cy);
  await page.evaluate(START_FRAMES);
  await page.keyboard.down('Control');
  // Zoom in, a little out, and in again: the view ends zoomed in, where Label Studio allows panning.
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, i % 3 === 2 ? -zoomIn : zoomIn);
    await page.evaluate(NEXT_FRAME);
  }
  await page.keyboard.up('Control');
  const zoom = stats((await page.evaluate(STOP_FRAMES)) as number[]);
  await page.keyboard.press('h');
  await page.evaluate(NEXT_FRAME);
  await page.evaluate(START_FRAMES);
  await page.mouse.down();
  for (let i = 1; i <= PAN_STEPS; i++) {
    const phase = i <= PAN_STEPS / 2 ? i : PAN_STEPS - i;
    await page.mouse.move(cx - phase * 12, cy - phase * 6);
    await page.evaluate(NEXT_FRAME);
  }
  await page.mouse.up();
  const pan = stats((await page.evaluate(STOP_FRAMES)) as number[]);
  return { zoom, pan };
}

/** One fresh page: navigation until the image and every box are drawn, in ms. */
async function load(browser: Browser, url: string): Promise<{ drawnMs: number; page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  // Label Studio keeps the main thread busy past the load event for large tasks: wait only for the response.
  await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
  await page.waitForFunction('window.__bench && window.__bench.drawnAt !== null', undefined, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  return { drawnMs: (await page.evaluate('window.__bench.drawnAt')) as number, page, close: () => context.close() };
}

/** The median load time of `LOADS` fresh pages (after `WARMUP` unmeasured ones), then pan and zoom on the last one. */
async function measure(browser: Browser, url: string, areaSelector: string, zoomIn: number): Promise<Measure & { loadsMs: number[] }> {
  for (let i = 0; i < WARMUP; i++) await (await load(browser, url)).close();
  const loadsMs: number[] = [];
  for (let i = 1; ; i++) {
    const run = await load(browser, url);
    loadsMs.push(run.drawnMs);
    if (i < LOADS) {
      await run.close();
      continue;
    }
    try {
      // Let late work (Label Studio's annotations appear after its load callback) settle first.
      await run.page.waitForTimeout(500);
      const area = await run.page.locator(areaSelector).first().boundingBox();
      if (area === null) throw new Error(`no ${areaSelector} on the page`);
      const drawnMs = [...loadsMs].sort((a, b) => a - b)[Math.floor(loadsMs.length / 2)] as number;
      return { drawnMs, loadsMs, ...(await interact(run.page, area, zoomIn)) };
    } finally {
      await run.close();
    }
  }
}

/**
 * A Vite plugin: the built page links the chunks (and styles) its entry imports dynamically, so the
 * editor's code downloads at once while the small entry already starts the image, as a server that
 * knows the page's route sends its chunks with the HTML.
 */
function preloadDynamicImports(): Plugin {
  return {
    name: 'laoshi-bench-preload-dynamic-imports',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return undefined;
        const files = new Set<string>();
        const styles = new Set<string>();
        const visit = (name: string) => {
          const found = bundle[name];
          if (found?.type !== 'chunk' || name === chunk.fileName || files.has(name)) return;
          files.add(name);
          found.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          found.imports.forEach(visit);
        };
        chunk.dynamicImports.forEach(visit);
        const link = (rel: string, href: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel, crossorigin: true, href: `/${href}` }, injectTo: 'head' });
        return [...[...files].map((f) => link('modulepreload', f)), ...[...styles].map((f) => link('stylesheet', f))];
      },
    },
  };
}

/** The project's config as the server stores and sends it: validated once, not in the page. */
const CONFIG = parseLabelConfig({
  objects: [{ type: 'image', name: 'img', value: '$image', zoom: true }],
  controls: [{ type: 'rectanglelabels', name: 'box', toName: ['img'], labels: LABELS.map((value) => ({ value })) }],
});

const ms = (v: number) => `${v.toFixed(1)} ms`;
const ratio = (base: number, ours: number) => base / ours;

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-editor-bench-'));
  const web = path.join(root, 'packages/web');
  await build({
    configFile: path.join(web, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [preloadDynamicImports()],
    build: { outDir: out, emptyOutDir: true, sourcemap: false, rollupOptions: { input: path.join(web, 'bench-page.html') } },
  });
  const lsFound = !ONLY_OURS && fs.existsSync(path.join(LS_DIR, 'build/static/js/main.js'));
  if (!ONLY_OURS && !lsFound) console.log('Label Studio not found, skipping comparison');
  const server = await serveBench({
    builtDir: out,
    lsStaticDir: lsFound ? path.join(LS_DIR, 'build/static') : null,
    image: photoPng(),
    page: (editor, n) => {
      if (editor === 'ls') return labelStudioPage(taskScript({ image: '/image.png', result: boxes(n) }), n);
      const script = taskScript({ image: '/image.png', result: boxes(n), config: CONFIG });
      return fs.readFileSync(path.join(out, 'bench-page.html'), 'utf8').replace('<!--BENCH-TASK-->', script);
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const runs: Record<string, unknown>[] = [];
  try {
    console.log(`image ${IMAGE.width}×${IMAGE.height}; frame p95 = 95th percentile of intervals between animation frames`);
    for (const n of SIZES) {
      const ours = await measure(browser, `${server.origin}/ours?n=${n}`, '[data-testid="editor-canvas"]', -100);
      console.log(`N=${n} Laoshi:        drawn ${ms(ours.drawnMs)} (median of ${ours.loadsMs.map((v) => v.toFixed(0)).join(', ')}); zoom p95 ${ms(ours.zoom.p95)} (max ${ms(ours.zoom.max)}); pan p95 ${ms(ours.pan.p95)} (max ${ms(ours.pan.max)})`);
      const run: Record<string, unknown> = { n, ours };
      if (lsFound) {
        const ls = await measure(browser, `${server.origin}/ls?n=${n}`, '.konvajs-content', 100);
        const ratios = { load: ratio(ls.drawnMs, ours.drawnMs), zoom: ratio(ls.zoom.p95, ours.zoom.p95), pan: ratio(ls.pan.p95, ours.pan.p95) };
        console.log(`N=${n} Label Studio:  drawn ${ms(ls.drawnMs)} (median of ${ls.loadsMs.map((v) => v.toFixed(0)).join(', ')}); zoom p95 ${ms(ls.zoom.p95)} (max ${ms(ls.zoom.max)}); pan p95 ${ms(ls.pan.p95)} (max ${ms(ls.pan.max)})`);
        console.log(`N=${n} ratio (Label Studio / Laoshi): load ${ratios.load.toFixed(1)}×, zoom ${ratios.zoom.toFixed(1)}×, pan ${ratios.pan.toFixed(1)}×`);
        Object.assign(run, { labelStudio: ls, ratios });
      }
      runs.push(run);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  const results = path.join(root, 'bench/results');
  fs.mkdirSync(results, { recursive: true });
  const doc = {
    image: IMAGE, loadsPerSize: LOADS, warmupLoads: WARMUP, wheelSteps: WHEEL_STEPS, panSteps: PAN_STEPS, labelStudio: lsFound ? '1.4.0' : null, runs,
    targets: { at5000: { drawnMs: 500, framesP95Ms: 16.7 }, at2000: { loadRatio: 15, frameRatio: 20 } },
  };
  fs.writeFileSync(path.join(results, 'editor.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log('wrote bench/results/editor.json');
}

await main();
