// Simulated people: an annotator works the queue as the web app does (next → open the task →
// think → maybe save a draft → submit, or resubmit rework); a reviewer takes the review queue
// and accepts or rejects. Every answer other than the expected one counts as an error.
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { loadResult, type SeededUser } from './load-seed.js';
import type { RouteStats } from './load-stats.js';

export interface UserContext {
  pool: Pool;
  user: SeededUser;
  projectId: number;
  stats: RouteStats;
  /** Keeps going while this is true. */
  running(): boolean;
  /** A think time (ms), drawn per step. */
  think(): number;
  random(): number;
  /** Share of annotations saved as a draft before they are submitted (0–1). */
  draftShare: number;
  /** Share of reviews that reject (0–1); rejected work comes back to its annotator. */
  rejectShare: number;
  /** Counts what got done. */
  done: { submitted: number; reviewed: number };
}

interface Answer {
  status: number;
  json: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One timed request; statuses outside `expected` are errors (thrown, so the cycle stops). */
async function call(c: UserContext, route: string, method: 'GET' | 'POST' | 'PATCH', path: string, expected: number[], body?: unknown): Promise<Answer> {
  const t0 = performance.now();
  let res;
  try {
    res = await c.pool.request({
      method,
      path,
      headers: { authorization: `Bearer ${c.user.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    c.stats.error(route, (err as Error).message);
    throw err;
  }
  const text = await res.body.text();
  c.stats.record(route, performance.now() - t0);
  if (!expected.includes(res.statusCode)) {
    c.stats.error(route, `${res.statusCode} ${text.slice(0, 200)}`);
    throw new Error(`${route} answered ${res.statusCode}`);
  }
  return { status: res.statusCode, json: text ? (JSON.parse(text) as unknown) : null };
}

interface TaskDetail {
  id: number;
  annotations: { id: number; completedBy: number | null; version: number; draft: boolean }[];
}

/** An annotator's loop until `running()` turns false. */
export async function annotator(c: UserContext): Promise<void> {
  let n = 0;
  while (c.running()) {
    try {
      const next = await call(c, 'POST /api/projects/:id/next', 'POST', `/api/projects/${c.projectId}/next`, [200, 204]);
      if (next.status === 204) {
        await sleep(c.think());
        continue;
      }
      const taskId = (next.json as { task: { id: number } }).task.id;
      const task = (await call(c, 'GET /api/tasks/:id', 'GET', `/api/tasks/${taskId}`, [200])).json as TaskDetail;
      await sleep(c.think());
      if (!c.running()) break;
      const result = loadResult(++n);
      // Rework (rejected by a reviewer) or a draft left by an earlier cycle: the annotation exists.
      let mine = task.annotations.find((a) => a.completedBy === c.user.id);
      if (!mine && c.random() < c.draftShare) {
        const draft = await call(c, 'POST /api/tasks/:id/annotations (draft)', 'POST', `/api/tasks/${taskId}/annotations`, [201], { result, draft: true });
        mine = { ...(draft.json as { id: number; version: number }), completedBy: c.user.id, draft: true };
        await sleep(c.think() / 2);
        if (!c.running()) break;
      }
      if (mine) await call(c, 'PATCH /api/annotations/:id', 'PATCH', `/api/annotations/${mine.id}`, [200], { result, version: mine.version, draft: false, leadTime: 2 });
      else await call(c, 'POST /api/tasks/:id/annotations', 'POST', `/api/tasks/${taskId}/annotations`, [201], { result, leadTime: 2 });
      c.done.submitted++;
    } catch {
      // Counted by call(); a real person would reload and go on.
      await sleep(c.think());
    }
  }
}

interface ReviewItem {
  annotation: { id: number; version: number };
}

/** A reviewer's loop until `running()` turns false. */
export async function reviewer(c: UserContext): Promise<void> {
  while (c.running()) {
    try {
      const next = await call(c, 'POST /api/projects/:id/review/next', 'POST', `/api/projects/${c.projectId}/review/next`, [200, 204]);
      await sleep(c.think());
      if (next.status === 204 || !c.running()) continue;
      const { annotation } = next.json as ReviewItem;
      const reject = c.random() < c.rejectShare;
      await call(c, 'POST /api/annotations/:id/review', 'POST', `/api/annotations/${annotation.id}/review`, [200], reject ? { action: 'reject', version: annotation.version, reason: 'box too loose' } : { action: 'accept', version: annotation.version });
      c.done.reviewed++;
    } catch {
      await sleep(c.think());
    }
  }
}
