import type { DecodeAnswer, DecodeRequest, WorkerMessage } from './image-decode-worker.js';
import ImageDecodeWorker from './image-decode-worker.ts?worker&inline';

/** Starts loading an image; AnnotationEditor takes one so a host can start the load before the editor exists. */
export type ImageLoader = (url: string) => ImageLoad;

/** An image being fetched and decoded. */
export interface ImageLoad {
  url: string;
  /** Resolves with the decoded image and its natural size; rejects when it cannot be loaded. */
  done: Promise<{ source: CanvasImageSource; width: number; height: number }>;
}

/**
 * Starts fetching and decoding an image. Called while the editor first renders, so a big photo
 * decodes while the rest of the editor is being built, not after.
 *
 * The image becomes an ImageBitmap decoded from the fetched bytes, off the main thread: an <img>
 * is decoded again (at the drawn scale) on the main thread when a software canvas first draws it,
 * which costs ~35 ms for a 3-megapixel photo. When the bytes cannot be fetched (a cross-origin URL
 * without CORS), an <img> is used instead.
 */
export function loadImage(url: string): ImageLoad {
  const done = decodeBitmap(url).catch(() => decodeElement(url));
  // The canvas reports failures; an unobserved rejection must not reach the console first.
  done.catch(() => undefined);
  return { url, done };
}

async function decodeBitmap(url: string): Promise<{ source: CanvasImageSource; width: number; height: number }> {
  if (typeof createImageBitmap !== 'function' || typeof fetch !== 'function') throw new Error('no ImageBitmap');
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  const bitmap = await createImageBitmap(await response.blob());
  return { source: bitmap, width: bitmap.width, height: bitmap.height };
}

function decodeElement(url: string): Promise<{ source: CanvasImageSource; width: number; height: number }> {
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  const loaded =
    typeof img.decode === 'function'
      ? img.decode()
      : new Promise<void>((resolve, reject) => {
          img.onload = () => resolve();
          img.onerror = () => reject(new Error(`cannot load ${url}`));
        });
  return loaded.then(() => ({ source: img, width: img.naturalWidth, height: img.naturalHeight }));
}

/**
 * Fetches and decodes images in a worker (image-decode-worker.ts), so neither the download nor the
 * decode waits for the main thread; an image the worker cannot get (a cross-origin URL without
 * CORS, or no worker at all) is loaded by `fallback` instead. `running` settles once the worker
 * runs (or there is none); `close()` ends the worker (a later load starts another).
 */
export function workerImageLoader(fallback: ImageLoader = loadImage): ImageLoader & { close(): void; running: Promise<void> } {
  let worker: Worker | null | undefined;
  let next = 0;
  let markRunning = () => {};
  const running = new Promise<void>((resolve) => (markRunning = resolve));
  const waiting = new Map<number, (answer: DecodeAnswer) => void>();
  const start = (): Worker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = typeof Worker === 'function' && typeof createImageBitmap === 'function' ? new ImageDecodeWorker() : null;
    } catch {
      worker = null;
    }
    if (worker === null) markRunning();
    worker?.addEventListener('message', ({ data }: MessageEvent<WorkerMessage>) => {
      if ('running' in data) return markRunning();
      waiting.get(data.id)?.(data);
      waiting.delete(data.id);
    });
    // A worker that cannot start (its script failed to load) answers nothing: fall back for good.
    worker?.addEventListener('error', () => stop('the image worker failed', true));
    return worker;
  };
  const load = (url: string): ImageLoad => {
    const w = start();
    if (w === null) return fallback(url);
    const id = (next += 1);
    const answered = new Promise<DecodeAnswer>((resolve) => waiting.set(id, resolve));
    w.postMessage({ id, url: new URL(url, document.baseURI).href } satisfies DecodeRequest);
    const done = answered.then((answer) => ('bitmap' in answer ? { source: answer.bitmap, width: answer.bitmap.width, height: answer.bitmap.height } : fallback(url).done));
    done.catch(() => undefined);
    return { url, done };
  };
  /** Ends the worker; `broken` keeps it from starting again (loads go to `fallback`). */
  const stop = (reason: string, broken: boolean) => {
    worker?.terminate();
    worker = broken ? null : undefined;
    markRunning();
    for (const [id, resolve] of waiting) resolve({ id, error: reason });
    waiting.clear();
  };
  // Started now, not on the first load: a worker takes a while to start on a busy page, and the
  // host makes the loader before it knows the first URL (the task is still on its way).
  start();
  return Object.assign(load, { close: () => stop('closed', false), running });
}

/**
 * A loader that remembers its last `limit` loads by URL, so an image asked for early (as soon as
 * the task is known, or when the next task is prefetched) is not fetched and decoded again when
 * the editor asks for it. Failed loads are forgotten, so a later ask tries again.
 * @example const images = createImageCache(); images('/media/1.jpg'); // later: <AnnotationEditor loadImage={images} …/>
 */
export function createImageCache(limit = 3, load: ImageLoader = loadImage): ImageLoader {
  const loads = new Map<string, ImageLoad>();
  return (url) => {
    const known = loads.get(url);
    // Re-inserting keeps the map in least-recently-used order.
    if (known !== undefined) loads.delete(url);
    const entry = known ?? load(url);
    loads.set(url, entry);
    if (known === undefined) entry.done.catch(() => loads.get(url) === entry && loads.delete(url));
    for (const oldest of loads.keys()) {
      if (loads.size <= limit) break;
      loads.delete(oldest);
    }
    return entry;
  };
}
