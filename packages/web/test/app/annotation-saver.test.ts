import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/app/api/api-client.js';
import { AnnotationSaver } from '../../src/app/labeling/annotation-saver.js';
import { memoryDraftStore } from '../../src/app/labeling/draft-store.js';

/** A tiny stand-in for the server's annotation routes: versions, drafts, idempotency keys, and an off switch. */
function fakeServer() {
  const annotations = new Map<number, { id: number; version: number; draft: boolean; result: unknown[] }>();
  const seenKeys = new Map<string, { status: number; body: unknown }>();
  let nextId = 1;
  const s = {
    online: true,
    /** Server applies the write but the answer is lost on the way back. */
    loseNextAnswer: false,
    requests: [] as { method: string; url: string; body: Record<string, unknown> }[],
    annotations,
    fetch: (async (url: string, init: RequestInit) => {
      if (!s.online) throw new TypeError('Failed to fetch');
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      const method = init.method ?? 'GET';
      s.requests.push({ method, url, body });
      const key = (init.headers as Record<string, string>)['idempotency-key'];
      const reply = (status: number, payload: unknown) => {
        if (key) seenKeys.set(key, { status, body: payload });
        if (s.loseNextAnswer) {
          s.loseNextAnswer = false;
          throw new TypeError('network changed');
        }
        return new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
      };
      if (key && seenKeys.has(key)) {
        const prev = seenKeys.get(key)!;
        return new Response(JSON.stringify(prev.body), { status: prev.status });
      }
      let m = /^\/api\/tasks\/(\d+)\/annotations$/.exec(url);
      if (m && method === 'POST') {
        const a = { id: nextId++, version: 1, draft: body.draft === true, result: body.result as unknown[] };
        annotations.set(a.id, a);
        return reply(201, { id: a.id, version: 1 });
      }
      m = /^\/api\/annotations\/(\d+)$/.exec(url);
      if (m) {
        const a = annotations.get(Number(m[1]))!;
        if (method === 'GET') return reply(200, { ...a, taskId: 1, projectId: 1 });
        if (body.version !== a.version) return reply(409, { error: { code: 'LAOSHI_VERSION_CONFLICT', message: `at version ${a.version}`, field: 'version', currentVersion: a.version } });
        a.version++;
        a.result = body.result as unknown[];
        if (body.draft !== undefined) a.draft = body.draft as boolean;
        return reply(200, { version: a.version });
      }
      return new Response('{}', { status: 404 });
    }) as unknown as typeof fetch,
  };
  return s;
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Set<() => void>();
  return {
    set: (fn: () => void) => (pending.add(fn), fn),
    clear: (h: unknown) => void pending.delete(h as () => void),
    fireAll: () => {
      const fns = [...pending];
      pending.clear();
      fns.forEach((f) => f());
    },
    get count() {
      return pending.size;
    },
  };
}

const box = (label: string) => [{ id: 'r1', type: 'rectanglelabels', from_name: 'label', to_name: 'image', value: { x: 1, y: 2, width: 3, height: 4, rectanglelabels: [label] } }];
let keys = 0;
const setup = (server = fakeServer(), store = memoryDraftStore()) => {
  const api = new ApiClient('', server.fetch);
  const timers = manualTimers();
  const make = (opts: Partial<ConstructorParameters<typeof AnnotationSaver>[0]> = {}) => new AnnotationSaver({ api, store, userId: 7, taskId: 1, server: null, timers, newKey: () => `k${++keys}`, ...opts });
  return { server, store, timers, make };
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('AnnotationSaver', () => {
  it('keeps every change locally at once and autosaves a draft, then PATCHes with the version', async () => {
    const { server, store, timers, make } = setup();
    const saver = make();
    saver.change(box('Car'));
    await settle();
    expect((await store.get(7, 1))?.result).toEqual(box('Car'));
    expect(saver.getState().status).toBe('dirty');
    timers.fireAll();
    await saver.flush();
    expect(server.requests.map((r) => [r.method, r.body.draft])).toEqual([['POST', true]]);
    saver.change(box('Road'));
    await saver.flush();
    expect(server.requests[1]).toMatchObject({ method: 'PATCH', body: { version: 1, draft: true } });
    expect(saver.getState()).toMatchObject({ status: 'saved', version: 2, annotationId: 1 });
    expect((await store.get(7, 1))?.dirty).toBe(false);
  });

  it('queues saves while offline, stays dirty, and sends them when the network is back', async () => {
    const { server, store, timers, make } = setup();
    const saver = make();
    server.online = false;
    saver.change(box('Car'));
    expect(await saver.submit(12)).toBe('queued');
    expect(saver.getState().status).toBe('offline');
    expect((await store.get(7, 1))).toMatchObject({ dirty: true, submitted: true });
    expect(timers.count).toBe(1); // a retry is scheduled
    server.online = true;
    timers.fireAll();
    await settle();
    await saver.flush();
    expect(server.annotations.get(1)).toMatchObject({ draft: false, result: box('Car') });
    expect(saver.getState()).toMatchObject({ status: 'saved', submitted: true });
  });

  it('retries a save whose answer was lost with the same idempotency key (no duplicate)', async () => {
    const { server, make } = setup();
    const saver = make();
    saver.change(box('Car'));
    server.loseNextAnswer = true;
    await saver.flush();
    expect(saver.getState().status).toBe('offline');
    await saver.flush();
    expect(server.annotations.size).toBe(1);
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(saver.getState()).toMatchObject({ status: 'saved', annotationId: 1 });
  });

  it('stops on a stale version and lets the user keep theirs or take the server copy', async () => {
    const { server, make } = setup();
    const saver = make();
    saver.change(box('Car'));
    await saver.flush();
    server.annotations.get(1)!.version = 5; // someone else saved meanwhile
    server.annotations.get(1)!.result = box('Road');
    saver.change(box('Pedestrian'));
    await saver.flush();
    expect(saver.getState()).toMatchObject({ status: 'conflict', conflict: { serverVersion: 5 } });
    // nothing more is sent while the conflict is open
    const before = server.requests.length;
    saver.change(box('Truck'));
    await saver.flush();
    expect(server.requests.length).toBe(before);
    const taken = await saver.resolveConflict('server');
    expect(taken).toEqual(box('Road'));
    expect(saver.getState()).toMatchObject({ status: 'saved', version: 5 });

    server.annotations.get(1)!.version = 9;
    saver.change(box('Mine'));
    await saver.flush();
    expect(saver.getState().status).toBe('conflict');
    await saver.resolveConflict('mine');
    expect(server.annotations.get(1)).toMatchObject({ version: 10, result: box('Mine') });
  });

  it('keeps a refused save dirty and says why', async () => {
    const server = fakeServer();
    const bad = (async () => new Response(JSON.stringify({ error: { code: 'LAOSHI_INVALID_RESULT', message: 'result[0].value.x must be ≥ 0', field: 'result[0].value.x' } }), { status: 400 })) as unknown as typeof fetch;
    const { make } = setup({ ...server, fetch: bad });
    const saver = make();
    saver.change(box('Car'));
    await saver.flush();
    expect(saver.getState()).toMatchObject({ status: 'error', error: 'result[0].value.x must be ≥ 0' });
  });

  it('restores unsent local work after a reload and finishes its submission', async () => {
    const { server, store, make } = setup();
    const first = make();
    server.online = false;
    first.change(box('Car'));
    await first.submit(3);
    first.dispose();
    server.online = true;
    const local = await store.get(7, 1);
    const second = make({ local });
    expect(second.initialResult).toEqual(box('Car'));
    await second.flush();
    expect(server.annotations.get(1)).toMatchObject({ draft: false, result: box('Car') });
  });

  it('never autosaves over an already submitted annotation; submit updates it', async () => {
    const { server, timers, make } = setup();
    server.annotations.set(1, { id: 1, version: 3, draft: false, result: box('Car') });
    const saver = make({ server: { id: 1, version: 3, draft: false, result: box('Car') } });
    saver.change(box('Road'));
    timers.fireAll();
    await saver.flush();
    expect(server.requests).toHaveLength(0);
    await saver.submit(5);
    expect(server.requests[0]).toMatchObject({ method: 'PATCH', body: { version: 3, draft: false } });
  });

  it('reports a conflict on reload when the server moved past the local copy', async () => {
    const { make } = setup();
    const saver = make({
      server: { id: 1, version: 4, draft: true, result: box('Server') },
      local: { key: '7:1', userId: 7, taskId: 1, result: box('Local'), annotationId: 1, baseVersion: 2, dirty: true, submitted: false, leadTime: 0, pendingKey: null, updatedAt: 0 },
    });
    expect(saver.getState()).toMatchObject({ status: 'conflict', conflict: { serverVersion: 4 } });
    expect(saver.initialResult).toEqual(box('Local'));
  });
});
