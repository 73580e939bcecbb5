import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { safeFetch } from '../../net/safe-fetch.js';
import { openSecret } from '../models/secret-box.js';
import { SIGNATURE_HEADER, signBody } from './webhook-signature.js';

/**
 * Waits before the 2nd, 3rd, … attempt of a failed delivery: six attempts over about two and a
 * half hours, then the delivery is marked failed. A refused address is not retried.
 */
export const RETRY_DELAYS_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const TIMEOUT_MS = 10_000;
// A claimed attempt that never reports back (crashed process) becomes due again after this.
const LEASE_MS = 2 * 60_000;
const SWEEP_INTERVAL_MS = 15_000;
/** Finished deliveries are kept this long for the delivery log, then pruned. */
export const KEEP_FINISHED_MS = 30 * 24 * 3600_000;
const PRUNE_EVERY_SWEEPS = 240;

/**
 * Makes one attempt at a delivery if it is due and nobody else holds it: claims it (attempts + 1
 * and a lease, by a conditional update, so two processes never send the same attempt), POSTs the
 * stored body signed with the webhook's secret through safeFetch (the outbound-address rules of
 * URL import), then records success, the next retry with backoff, or failure. Never throws.
 */
export async function attemptDelivery(ctx: AppContext, deliveryId: number): Promise<void> {
  try {
    const now = ctx.now();
    const row = await ctx.db.kysely
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.event', 'd.body', 'd.attempts', 'd.next_attempt_at', 'w.url', 'w.secret', 'w.active'])
      .where('d.id', '=', deliveryId)
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .executeTakeFirst();
    if (!row) return;
    const attempt = row.attempts + 1;
    const claimed = await ctx.db.kysely
      .updateTable('webhook_deliveries')
      .set({ attempts: attempt, next_attempt_at: now + LEASE_MS })
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return;
    if (row.active !== 1) return await finish(ctx, deliveryId, { status: 'failed', error: 'the webhook was turned off' });
    const secret = openSecret(ctx.secret, row.secret);
    if (secret === null) return await finish(ctx, deliveryId, { status: 'failed', error: "the webhook's secret cannot be opened (the instance secret changed); rotate it" });
    try {
      const res = await safeFetch(row.url, {
        method: 'POST',
        body: row.body,
        headers: { 'content-type': 'application/json', 'user-agent': 'Laoshi-webhook/0.1', 'x-laoshi-event': row.event, 'x-laoshi-delivery': String(deliveryId), [SIGNATURE_HEADER]: signBody(secret, row.body) },
        allow: ctx.config.outboundAllow,
        timeoutMs: TIMEOUT_MS,
        maxBytes: 64 * 1024,
        // A webhook endpoint answers itself; a redirect would turn the POST into a GET.
        maxRedirects: 0,
      });
      res.body.resume();
      await finish(ctx, deliveryId, { status: 'succeeded', responseStatus: res.status });
    } catch (err) {
      const message = err instanceof LaoshiError ? err.message : 'the delivery failed';
      const responseStatus = Number(/answered HTTP (\d{3})/.exec(message)?.[1] ?? NaN);
      // A refused or malformed address will not become reachable by retrying.
      const permanent = err instanceof LaoshiError && err.statusCode === 400;
      const status = Number.isFinite(responseStatus) ? responseStatus : null;
      if (permanent || attempt >= MAX_ATTEMPTS) await finish(ctx, deliveryId, { status: 'failed', error: message, responseStatus: status });
      else await retryLater(ctx, deliveryId, ctx.now() + RETRY_DELAYS_MS[attempt - 1]!, message, status);
    }
  } catch {
    // Deliveries must never disturb their caller (e.g. the database closing under a test); the lease expires and the sweeper retries.
  }
}

async function finish(ctx: AppContext, id: number, outcome: { status: 'succeeded' | 'failed'; error?: string; responseStatus?: number | null }): Promise<void> {
  await ctx.db.kysely
    .updateTable('webhook_deliveries')
    .set({ status: outcome.status, last_error: outcome.error ?? null, response_status: outcome.responseStatus ?? null, finished_at: ctx.now() })
    .where('id', '=', id)
    .execute();
}

async function retryLater(ctx: AppContext, id: number, at: number, error: string, responseStatus: number | null): Promise<void> {
  await ctx.db.kysely.updateTable('webhook_deliveries').set({ next_attempt_at: at, last_error: error, response_status: responseStatus }).where('id', '=', id).execute();
}

/** Attempts every delivery that is due (retries, and attempts whose process died), oldest first; returns how many were tried. */
export async function deliverDueWebhooks(ctx: AppContext, limit = 50): Promise<number> {
  const due = await ctx.db.kysely
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', ctx.now())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  // A few at a time: one slow endpoint must not hold up the others for long.
  for (let i = 0; i < due.length; i += 4) await Promise.all(due.slice(i, i + 4).map((d) => attemptDelivery(ctx, d.id)));
  return due.length;
}

/** Deletes deliveries that finished more than KEEP_FINISHED_MS ago; returns how many. */
export async function pruneFinishedDeliveries(ctx: AppContext): Promise<number> {
  const res = await ctx.db.kysely.deleteFrom('webhook_deliveries').where('status', '<>', 'pending').where('finished_at', '<', ctx.now() - KEEP_FINISHED_MS).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Retries due deliveries every 15 s and prunes old ones about hourly (buildApp starts it; the returned function stops it). */
export function startWebhookSweeper(ctx: AppContext, onError: (err: unknown) => void): () => void {
  let running = false;
  let sweeps = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweeps += 1;
    deliverDueWebhooks(ctx)
      .then(() => (sweeps % PRUNE_EVERY_SWEEPS === 0 ? pruneFinishedDeliveries(ctx) : 0))
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
