// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImageCache, workerImageLoader, type ImageLoad } from '../../src/editor-ui/image-load.js';

/** A loader that records its calls and settles each load when told. */
function fakeLoader() {
  const calls: string[] = [];
  const settle = new Map<string, { resolve: () => void; reject: () => void }>();
  const load = (url: string): ImageLoad => {
    calls.push(url);
    const done = new Promise<{ source: CanvasImageSource; width: number; height: number }>((resolve, reject) => {
      settle.set(url, { resolve: () => resolve({ source: {} as CanvasImageSource, width: 4, height: 3 }), reject: () => reject(new Error(`no ${url}`)) });
    });
    done.catch(() => undefined);
    return { url, done };
  };
  return { load, calls, settle };
}

/** Stands in for the decode worker: answers each request with a bitmap-like object, or an error. */
class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  requests: { id: number; url: string }[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.instances.push(this);
  }
  postMessage(request: { id: number; url: string }) {
    this.requests.push(request);
  }
  answer(index: number, data: Record<string, unknown>) {
    const request = this.requests[index];
    if (request) this.dispatchEvent(new MessageEvent('message', { data: { id: request.id, ...data } }));
  }
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.instances = [];
});

describe('image cache', () => {
  it('loads a URL once while it is among the last few asked for', async () => {
    const fake = fakeLoader();
    const images = createImageCache(2, fake.load);
    const first = images('/a.png');
    images('/b.png');
    expect(images('/a.png')).toBe(first);
    images('/c.png'); // a was used after b: b is the one to go
    images('/a.png');
    images('/b.png');
    expect(fake.calls).toEqual(['/a.png', '/b.png', '/c.png', '/b.png']);
  });

  it('forgets a load that failed, so asking again tries again', async () => {
    const fake = fakeLoader();
    const images = createImageCache(3, fake.load);
    const failed = images('/gone.png');
    fake.settle.get('/gone.png')?.reject();
    await expect(failed.done).rejects.toThrow('no /gone.png');
    images('/gone.png');
    expect(fake.calls).toEqual(['/gone.png', '/gone.png']);
  });
});

describe('worker image loader', () => {
  it('uses the fallback where there is no worker', async () => {
    const fake = fakeLoader();
    const images = workerImageLoader(fake.load);
    images('/a.png');
    expect(fake.calls).toEqual(['/a.png']);
    await images.running; // nothing to wait for
  });

  it('starts the worker at once and says when it runs', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('createImageBitmap', () => undefined);
    const images = workerImageLoader(fakeLoader().load);
    const worker = FakeWorker.instances[0] as FakeWorker;
    let running = false;
    void images.running.then(() => (running = true));
    await Promise.resolve();
    expect(running).toBe(false);
    worker.dispatchEvent(new MessageEvent('message', { data: { running: true } }));
    await vi.waitFor(() => expect(running).toBe(true));
  });

  it('asks the worker with an absolute URL and takes the bitmap it sends back', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('createImageBitmap', () => undefined);
    const fake = fakeLoader();
    const images = workerImageLoader(fake.load);
    const load = images('/media/7');
    const worker = FakeWorker.instances[0] as FakeWorker;
    expect(worker.requests[0]?.url).toBe(new URL('/media/7', document.baseURI).href);
    const bitmap = { width: 2000, height: 1500 };
    worker.answer(0, { bitmap });
    await expect(load.done).resolves.toEqual({ source: bitmap, width: 2000, height: 1500 });
    expect(fake.calls).toEqual([]);
  });

  it('falls back when the worker cannot get the image, and for good when the worker breaks', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('createImageBitmap', () => undefined);
    const fake = fakeLoader();
    const images = workerImageLoader(fake.load);
    const crossOrigin = images('https://elsewhere.example/a.jpg');
    const worker = FakeWorker.instances[0] as FakeWorker;
    worker.answer(0, { error: 'Failed to fetch' });
    await vi.waitFor(() => expect(fake.calls).toContain('https://elsewhere.example/a.jpg'));
    fake.settle.get('https://elsewhere.example/a.jpg')?.resolve();
    await expect(crossOrigin.done).resolves.toMatchObject({ width: 4, height: 3 });
    const waiting = images('/b.png');
    worker.dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(fake.calls).toContain('/b.png'));
    fake.settle.get('/b.png')?.resolve();
    await expect(waiting.done).resolves.toMatchObject({ width: 4 });
    expect(worker.terminated).toBe(true);
    images('/c.png');
    expect(FakeWorker.instances).toHaveLength(1);
    expect(fake.calls).toEqual(['https://elsewhere.example/a.jpg', '/b.png', '/c.png']);
  });
});
