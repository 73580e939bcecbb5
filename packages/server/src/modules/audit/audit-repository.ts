import type { Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.js';
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
  await insertAudit(db, event.organizationId, event.projectId ?? null, event.actorId, event.action, event.objectType, event.objectId ?? null, JSON.stringify(event.data ?? {}), now);
}

const insertAudit = preparedQuery(
  (db, _dialect, organizationId: number, projectId: number | null, actorId: number | null, action: string, objectType: string, objectId: number | null, data: string, now: number) =>
    db.insertInto('audit_events').values({ organization_id: organizationId, project_id: projectId, actor_id: actorId, action, object_type: objectType, object_id: objectId, data, created_at: now }),
);
