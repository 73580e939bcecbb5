/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['annotation.created', 'annotation.updated', 'annotation.submitted', 'annotation.reviewed', 'task.completed', 'export.ready'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "ping" to the one webhook being tested; nobody subscribes to it. */
export const PING_EVENT = 'webhook.ping';

/** The subscribed events stored on a webhook row (a JSON array); unknown names are dropped. */
export function eventsOf(row: { events: string }): WebhookEvent[] {
  const parsed = JSON.parse(row.events) as unknown;
  return Array.isArray(parsed) ? parsed.filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly unknown[]).includes(e)) : [];
}
