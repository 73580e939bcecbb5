import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEEP_FINISHED_MS, deliverDueWebhooks, pruneFinishedDeliveries } from '../../src/modules/webhooks/webhook-delivery.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, review, submit } from './quality-fixtures.js';
import { startReceiver, type Receiver } from './webhook-fixtures.js';

const ALL_EVENTS = ['annotation.created', 'annotation.updated', 'annotation.submitted', 'annotation.reviewed', 'task.completed', 'export.ready'];

interface Delivery {
  id: number;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
}

describeEachDialect('webhooks: signed, retried with backoff, outbound rules, scoped', (dialect) => {
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let ann: TestUser;
  let receiver: Receiver;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock, config: { outboundAllow: ['127.0.0.1'] } });
    [manager, reviewer, ann] = [await t.user(), await t.user(), await t.user()];
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function project() {
    return makeProject(t, manager, { labelConfig: CHOICES_XML, tasks: [{ text: 'a' }, { text: 'b' }], members: [[reviewer, 'reviewer'], [ann, 'annotator']] });
  }
  async function hook(projectId: number, events = ALL_EVENTS, url = receiver.url) {
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/webhooks`, { url, events });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; secret: string };
  }
  const deliveries = async (webhookId: number) => (await t.call(manager, 'GET', `/api/webhooks/${webhookId}/deliveries`)).json().items as Delivery[];
  const eventsFor = (projectId: number) => receiver.received.filter((r) => r.json.project.id === projectId).map((r) => r.json.event);

  it('shows the secret once and never in the list; managers only', async () => {
    const p = await project();
    const created = await hook(p.id, ['task.completed']);
    expect(created.secret).toMatch(/^whsec_[\w-]{40,}$/);
    const list = await t.call(manager, 'GET', `/api/projects/${p.id}/webhooks`);
    expect(list.json()).toEqual([expect.objectContaining({ id: created.id, url: receiver.url, events: ['task.completed'], active: true })]);
    expect(list.body).not.toContain(created.secret);
    expect(list.json()[0]).not.toHaveProperty('secret');
    // The secret is sealed at rest, not stored as given.
    const stored = await t.ctx.db.kysely.selectFrom('webhooks').select('secret').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(created.secret);
    expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/webhooks`)).statusCode).toBe(403);
    expect((await t.call(ann, 'POST', `/api/projects/${p.id}/webhooks`, { url: receiver.url, events: ['task.completed'] })).statusCode).toBe(403);
    const bad = await t.call(manager, 'POST', `/api/projects/${p.id}/webhooks`, { url: receiver.url, events: ['task.exploded'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('events');
  });

  it('signs each delivery: X-Laoshi-Signature is sha256=HMAC-SHA256 of the raw body under the secret', async () => {
    const p = await project();
    const { secret } = await hook(p.id);
    const annotationId = await submit(t, ann, p.taskIds[0]!, choice('pos'));
    await expect.poll(() => eventsFor(p.id)).toEqual(['annotation.created', 'annotation.submitted']);
    for (const r of receiver.received.filter((x) => x.json.project.id === p.id)) {
      const expected = `sha256=${createHmac('sha256', secret).update(r.raw).digest('hex')}`;
      expect(r.headers['x-laoshi-signature']).toBe(expected);
      expect(r.headers['x-laoshi-event']).toBe(r.json.event);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const submitted = receiver.received.find((r) => r.json.project.id === p.id && r.json.event === 'annotation.submitted')!;
    expect(submitted.json).toMatchObject({ annotationId, taskId: p.taskIds[0], annotation: { id: annotationId, completedBy: ann.id, reviewState: 'pending', result: choice('pos') } });
    // A body changed in transit no longer matches its signature.
    const tampered = submitted.raw.replace('"pos"', '"neg"');
    expect(`sha256=${createHmac('sha256', secret).update(tampered).digest('hex')}`).not.toBe(submitted.headers['x-laoshi-signature']);
  });

  it('sends reviewed, then task completed once the review leaves the task done; updates and rework resubmissions too', async () => {
    const p = await project();
    await hook(p.id);
    const a = await submit(t, ann, p.taskIds[0]!, choice('pos'));
    await expect.poll(() => eventsFor(p.id).length).toBe(2);
    expect((await review(t, reviewer, a, 'reject', { reason: 'it is negative' })).statusCode).toBe(200);
    await expect.poll(() => eventsFor(p.id).length).toBe(3);
    const rejected = receiver.received.filter((r) => r.json.project.id === p.id).at(-1)!.json;
    expect(rejected).toMatchObject({ event: 'annotation.reviewed', action: 'reject', reason: 'it is negative', annotation: { reviewState: 'rejected' } });
    // Rework: the annotator resubmits; the task is not done until the second review accepts it.
    expect((await t.call(ann, 'PATCH', `/api/annotations/${a}`, { result: choice('neg'), version: 1 })).statusCode).toBe(200);
    await expect.poll(() => eventsFor(p.id).slice(3)).toEqual(['annotation.updated', 'annotation.submitted']);
    expect((await review(t, reviewer, a, 'accept')).statusCode).toBe(200);
    await expect.poll(() => eventsFor(p.id).slice(5)).toEqual(['annotation.reviewed', 'task.completed']);
    expect(receiver.received.filter((r) => r.json.project.id === p.id).at(-1)!.json).toMatchObject({ event: 'task.completed', taskId: p.taskIds[0] });
  });

  it('retries a failing endpoint with growing waits, sending the same signed body, until it answers', async () => {
    const p = await project();
    const { id } = await hook(p.id, ['annotation.created']);
    receiver.answers.push(500, 503);
    const before = receiver.received.length;
    await submit(t, ann, p.taskIds[0]!, choice('neu'));
    await expect.poll(async () => (await deliveries(id))[0]?.lastError ?? null).toMatch(/HTTP 500/);
    let [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, nextAttemptAt: new Date(clock + 10_000).toISOString() });
    // Not due yet: nothing is sent.
    clock += 9_000;
    expect(await deliverDueWebhooks(t.ctx)).toBe(0);
    clock += 1_000;
    expect(await deliverDueWebhooks(t.ctx)).toBe(1);
    [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, responseStatus: 503, nextAttemptAt: new Date(clock + 60_000).toISOString() });
    clock += 60_000;
    await deliverDueWebhooks(t.ctx);
    [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, lastError: null, nextAttemptAt: null });
    const sent = receiver.received.slice(before);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.raw)).size).toBe(1);
    expect(new Set(sent.map((r) => r.headers['x-laoshi-signature'])).size).toBe(1);
  });

  it('sends export.ready with the dataset version once an export is stored', async () => {
    const p = await project();
    await hook(p.id, ['export.ready']);
    const created = (await t.call(manager, 'POST', `/api/projects/${p.id}/exports`, { format: 'jsonl' })).json() as { jobId: number; datasetVersionId: number };
    await expect.poll(() => eventsFor(p.id)).toEqual(['export.ready']);
    const ready = receiver.received.find((r) => r.json.project.id === p.id)!;
    const version = (await t.call(manager, 'GET', `/api/dataset-versions/${created.datasetVersionId}`)).json() as { sha256: string };
    expect(JSON.stringify(ready.json)).toContain(String(created.datasetVersionId));
    expect(JSON.stringify(ready.json)).toContain(version.sha256);
  });

  it('gives up after six attempts', async () => {
    const p = await project();
    const { id } = await hook(p.id, ['annotation.created']);
    receiver.answers.push(500, 500, 500, 500, 500, 500);
    await submit(t, ann, p.taskIds[0]!, choice('neu'));
    // The first attempt is over once its error is recorded (attempts counts up when an attempt starts).
    await expect.poll(async () => (await deliveries(id))[0]?.lastError ?? null).toMatch(/HTTP 500/);
    for (const wait of [10_000, 60_000, 300_000, 1_800_000, 7_200_000]) {
      clock += wait;
      await deliverDueWebhooks(t.ctx);
    }
    const [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'failed', attempts: 6, responseStatus: 500, nextAttemptAt: null });
    clock += 24 * 3600_000;
    expect(await deliverDueWebhooks(t.ctx)).toBe(0);
  });

  it('refuses private, loopback and metadata addresses when saved, and at delivery after DNS', async () => {
    const strict = await makeTestApp(dialect);
    try {
      const boss = await strict.user();
      const created = await strict.call(boss, 'POST', '/api/projects', { title: 'Strict', labelConfig: CHOICES_XML });
      const projectId = created.json().id as number;
      for (const url of [receiver.url, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.8/hook', 'http://[::1]/hook', 'http://localhost:9/hook']) {
        const res = await strict.call(boss, 'POST', `/api/projects/${projectId}/webhooks`, { url, events: ['task.completed'] });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'LAOSHI_OUTBOUND_REFUSED', field: 'url' });
      }
      const scheme = await strict.call(boss, 'POST', `/api/projects/${projectId}/webhooks`, { url: 'file:///etc/passwd', events: ['task.completed'] });
      expect(scheme.json().error.field).toBe('url');
    } finally {
      await strict.close();
    }
    // Saved while the allow-list named the receiver, refused once it no longer does: checked again at
    // every delivery, after name resolution, and not retried.
    const p = await project();
    const { id } = await hook(p.id, ['annotation.created']);
    const before = receiver.received.length;
    const allow = t.ctx.config.outboundAllow;
    t.ctx.config.outboundAllow = [];
    try {
      await submit(t, ann, p.taskIds[0]!, choice('pos'));
      await expect.poll(async () => (await deliveries(id))[0]?.status).toBe('failed');
    } finally {
      t.ctx.config.outboundAllow = allow;
    }
    const [d] = await deliveries(id);
    expect(d).toMatchObject({ attempts: 1, responseStatus: null });
    expect(d!.lastError).toMatch(/loopback/);
    expect(receiver.received.length).toBe(before);
  });

  it('stops sending when turned off, signs with the new secret after a rotation, and pings on demand', async () => {
    const p = await project();
    const { id, secret } = await hook(p.id, ['annotation.created']);
    expect((await t.call(manager, 'PATCH', `/api/webhooks/${id}`, { active: false })).json().active).toBe(false);
    const before = receiver.received.length;
    await submit(t, ann, p.taskIds[0]!, choice('pos'));
    const rotated = await t.call(manager, 'PATCH', `/api/webhooks/${id}`, { active: true, rotateSecret: true });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    expect(receiver.received.length).toBe(before);
    const ping = await t.call(manager, 'POST', `/api/webhooks/${id}/ping`);
    expect(ping.json()).toMatchObject({ event: 'webhook.ping', status: 'succeeded', attempts: 1, responseStatus: 204 });
    const got = receiver.received.at(-1)!;
    expect(got.json.event).toBe('webhook.ping');
    expect(got.headers['x-laoshi-signature']).toBe(`sha256=${createHmac('sha256', fresh).update(got.raw).digest('hex')}`);
    expect((await t.call(manager, 'DELETE', `/api/webhooks/${id}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/webhooks/${id}/deliveries`)).statusCode).toBe(404);
  });

  it('prunes finished deliveries after 30 days and keeps pending ones', async () => {
    const p = await project();
    const { id } = await hook(p.id, ['annotation.created']);
    receiver.answers.push(500);
    await submit(t, ann, p.taskIds[0]!, choice('pos'));
    await expect.poll(async () => (await deliveries(id))[0]?.lastError ?? null).toMatch(/HTTP 500/);
    await t.call(manager, 'POST', `/api/webhooks/${id}/ping`);
    expect((await deliveries(id)).map((d) => d.status)).toEqual(['succeeded', 'pending']);
    // The retry stays pending across the jump in time (its next attempt moved past it).
    await t.ctx.db.kysely.updateTable('webhook_deliveries').set({ next_attempt_at: clock + 10 * KEEP_FINISHED_MS }).where('webhook_id', '=', id).where('status', '=', 'pending').execute();
    clock += KEEP_FINISHED_MS + 1;
    expect(await pruneFinishedDeliveries(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await deliveries(id)).map((d) => d.status)).toEqual(['pending']);
  });

  it('answers 404 on every webhook route to other organizations and non-members, 403 to reviewers', async () => {
    const p = await project();
    const { id } = await hook(p.id, ['task.completed']);
    const outsider = await t.user();
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/projects/${p.id}/webhooks`],
      ['POST', `/api/projects/${p.id}/webhooks`, { url: receiver.url, events: ['task.completed'] }],
      ['POST', `/api/projects/${p.id}/webhooks`, { nonsense: true }],
      ['PATCH', `/api/webhooks/${id}`, { url: 'http://example.com/stolen' }],
      ['PATCH', `/api/webhooks/${id}`, { nonsense: true }],
      ['GET', `/api/webhooks/${id}/deliveries`],
      ['POST', `/api/webhooks/${id}/ping`],
      ['DELETE', `/api/webhooks/${id}`],
    ];
    for (const [method, url, body] of routes) {
      for (const who of [t.otherAdmin, outsider]) {
        const res = await t.call(who, method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      expect((await t.call(reviewer, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    const list = await t.call(manager, 'GET', `/api/projects/${p.id}/webhooks`);
    expect(list.json()[0].url).toBe(receiver.url);
  });
});
