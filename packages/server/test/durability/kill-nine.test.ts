import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLoadProject, loadResult, startSeededServer, type LoadServer } from '../../../../bench/lib/load-seed.js';
import { describeEachDialect } from '../helpers/dialects.js';

const SUBMITTERS = 50;
/** Acknowledged submissions before the kill: enough that the crash lands in the middle of the stream. */
const ACKED_BEFORE_KILL = 250;

interface Submission {
  user: number;
  taskId: number;
  key: string;
  body: string;
  /** The annotation id of a 2xx answer; undefined while in flight or when the answer was lost. */
  annotationId?: number;
}

describeEachDialect('durability: kill -9 in the middle of 50 concurrent submitters', (dialect) => {
  let server: LoadServer;
  let projectId: number;
  const submissions: Submission[] = [];
  let inFlightAtKill = 0;

  beforeAll(async () => {
    server = await startSeededServer({ dialect, annotators: SUBMITTERS, reviewers: 0 });
    projectId = await createLoadProject(server, { tasks: 3000 });
  });
  afterAll(async () => server?.close());

  const submit = (user: number, s: Pick<Submission, 'taskId' | 'key' | 'body'>) =>
    fetch(`${server.origin}/api/tasks/${s.taskId}/annotations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.annotators[user]!.token}`, 'content-type': 'application/json', 'idempotency-key': s.key },
      body: s.body,
    });

  /** Set just before the kill: from then on, refused and cut connections are the crash, not a bug. */
  const state = { killing: false, failures: [] as string[] };

  /** One annotator: next → submit, until the server goes away. */
  async function submitter(user: number): Promise<void> {
    const auth = { authorization: `Bearer ${server.annotators[user]!.token}` };
    for (let n = 0; !state.killing; n++) {
      try {
        const next = await fetch(`${server.origin}/api/projects/${projectId}/next`, { method: 'POST', headers: auth });
        if (next.status !== 200) throw new Error(`next answered ${next.status}`);
        const { task } = (await next.json()) as { task: { id: number } };
        const s: Submission = { user, taskId: task.id, key: `u${user}-t${task.id}`, body: JSON.stringify({ result: loadResult(n), leadTime: 1 }) };
        submissions.push(s);
        const res = await submit(user, s);
        if (res.status !== 201) throw new Error(`submit answered ${res.status} ${await res.text()}`);
        s.annotationId = ((await res.json()) as { id: number }).id;
      } catch (err) {
        if (!state.killing) state.failures.push(`annotator ${user}: ${(err as Error).message}`);
        return;
      }
    }
  }

  it('keeps every acknowledged submission exactly once, and a retry with the same Idempotency-Key neither loses nor duplicates', async () => {
    const runners = Array.from({ length: SUBMITTERS }, (_, u) => submitter(u));
    const started = Date.now();
    while (submissions.filter((s) => s.annotationId !== undefined).length < ACKED_BEFORE_KILL && state.failures.length === 0) {
      if (Date.now() - started > 60_000) throw new Error('submissions did not get going');
      await new Promise((r) => setTimeout(r, 5));
    }
    inFlightAtKill = submissions.filter((s) => s.annotationId === undefined).length;
    state.killing = true;
    await server.kill();
    await Promise.all(runners);
    expect(state.failures).toEqual([]);
    const acked = submissions.filter((s) => s.annotationId !== undefined);
    expect(acked.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
    expect(inFlightAtKill, 'the kill should land while submissions are in flight').toBeGreaterThan(0);

    await server.restart();
    // Every 2xx survived, unchanged.
    for (const s of acked) {
      const a = await server.api<{ taskId: number; completedBy: number; draft: boolean }>('GET', `/api/annotations/${s.annotationId}`);
      expect(a).toMatchObject({ taskId: s.taskId, completedBy: server.annotators[s.user]!.id, draft: false });
    }
    // The clients retry what they never heard back about, and one acknowledged request, with the same keys.
    const lost = submissions.filter((s) => s.annotationId === undefined);
    for (const s of [...lost, acked[0]!]) {
      const res = await submit(s.user, s);
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = (await res.json()) as { id: number };
      if (s.annotationId !== undefined) expect(id).toBe(s.annotationId);
      s.annotationId = id;
    }
    // Now every submission is there, each exactly once: one annotation per task, none twice.
    const counts = new Map<number, number>();
    let cursor: string | null = null;
    do {
      const page: { items: { id: number; annotationCount: number }[]; nextCursor: string | null } = await server.api('GET', `/api/projects/${projectId}/tasks?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      for (const task of page.items) if (task.annotationCount > 0) counts.set(task.id, task.annotationCount);
      cursor = page.nextCursor;
    } while (cursor);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(submissions.map((s) => s.taskId).sort((a, b) => a - b));
    expect(new Set(submissions.map((s) => s.annotationId)).size).toBe(submissions.length);
  });
});
