import type { Actor, AppContext } from '../../context.js';
import type { ProjectRole, ProjectRow } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { ModelBackendsTable } from '../../db/schema.js';
import type { BackendCallOptions, BackendTarget, SetupBody } from './ml-backend-client.js';
import { scopeProjectObject } from './model-access.js';
import { openSecret } from './secret-box.js';

export type BackendRow = Selectable<ModelBackendsTable>;

/** Loads a backend the caller may act on with role `min` in its project (404 otherwise). */
export async function scopeBackend(ctx: AppContext, actor: Actor, backendId: number, min: ProjectRole): Promise<{ backend: BackendRow; project: ProjectRow }> {
  const backend = await ctx.db.kysely.selectFrom('model_backends').selectAll().where('id', '=', backendId).executeTakeFirst();
  const { project } = await scopeProjectObject(ctx, actor, backend?.project_id, min, 'LAOSHI_MODEL_BACKEND_NOT_FOUND', 'model backend');
  return { backend: backend!, project };
}

/** The backend's address and opened Authorization header value. */
export function targetOf(ctx: AppContext, backend: BackendRow): BackendTarget {
  return { title: backend.title, url: backend.url, authHeader: backend.auth_header === null ? null : openSecret(ctx.secret, backend.auth_header) };
}

/** Call options: the outbound allow-list and a time limit (batch calls by default). */
export function callOptions(ctx: AppContext, opts: { interactive?: boolean; signal?: AbortSignal } = {}): BackendCallOptions {
  return { allow: ctx.config.outboundAllow, timeoutMs: opts.interactive ? ctx.config.modelInteractiveTimeoutMs : ctx.config.modelTimeoutMs, signal: opts.signal };
}

/** Label Studio names a project "<id>.<created, epoch seconds>" in /setup and /predict. */
export function lsProjectName(project: Pick<ProjectRow, 'id' | 'created_at'>): string {
  return `${project.id}.${Math.floor(project.created_at / 1000)}`;
}

/** The address backends use to reach Laoshi (to fetch media with the access token). */
export function hostnameOf(ctx: AppContext): string {
  const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? 'localhost' : ctx.config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${ctx.config.port}`;
}

/** /setup's body for a backend of a project. */
export function setupBody(ctx: AppContext, backend: BackendRow, project: ProjectRow, schema: string): SetupBody {
  return {
    project: lsProjectName(project),
    schema,
    hostname: hostnameOf(ctx),
    access_token: (backend.access_token === null ? null : openSecret(ctx.secret, backend.access_token)) ?? '',
    extra_params: JSON.parse(backend.extra_params) as Record<string, unknown>,
  };
}
