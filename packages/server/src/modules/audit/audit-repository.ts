import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface AuditEvent {
  organizationId: number;
  projectId?: number | null;
  actorId: number | null;
  action: string;
  objectType: string;
  objectId?: number | null;
  data?: Record<string, unknown>;
}

/** Records who did what to which object; call it inside the transaction that did it. */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent, now: number): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      organization_id: event.organizationId,
      project_id: event.projectId ?? null,
      actor_id: event.actorId,
      action: event.action,
      object_type: event.objectType,
      object_id: event.objectId ?? null,
      data: JSON.stringify(event.data ?? {}),
      created_at: now,
    })
    .execute();
}
