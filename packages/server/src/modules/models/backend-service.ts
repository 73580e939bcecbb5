import { refreshListenerCount } from '../projects/project-listeners.js';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { callOptions, scopeBackend, setupBody, targetOf, type BackendRow } from './backend-repository.js';
import { projectLabelConfigXml } from './label-config-xml.js';
import { backendHealth, backendSetup } from './ml-backend-client.js';
import { openSecret, sealSecret, secretHint } from './secret-box.js';

export interface BackendInput {
  title?: string;
  url?: string;
  /** The Authorization header value sent to the backend (e.g. "Bearer …"); null clears it. */
  authHeader?: string | null;
  /** Sent as /setup's access_token (for the backend to fetch media); null clears it. */
  accessToken?: string | null;
  extraParams?: object;
  interactive?: boolean;
}

export interface BackendView {
  id: number;
  projectId: number;
  title: string;
  url: string;
  /** Never the value itself: null, or a hint such as "••••x9Qk". */
  authHeader: string | null;
  accessToken: string | null;
  extraParams: Record<string, unknown>;
  interactive: boolean;
  modelVersion: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  lastCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toBackendView(ctx: AppContext, row: BackendRow): BackendView {
  const hint = (sealed: string | null) => (sealed === null ? null : (secretHint(openSecret(ctx.secret, sealed)) ?? '••••'));
  return {
    id: row.id, projectId: row.project_id, title: row.title, url: row.url,
    authHeader: hint(row.auth_header), accessToken: hint(row.access_token),
    extraParams: JSON.parse(row.extra_params) as Record<string, unknown>, interactive: row.interactive === 1,
    modelVersion: row.model_version, lastStatus: row.last_status, lastError: row.last_error, lastCheckedAt: iso(row.last_checked_at),
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Only http(s) URLs without credentials; whether the address may be reached is checked on every call. */
function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('url: not a valid URL', 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('url: only http and https backends are supported', 'url');
  if (parsed.username || parsed.password) throw badRequest('url: put credentials in authHeader, not in the URL', 'url');
  if (parsed.search || parsed.hash) throw badRequest('url: the backend URL takes no query or fragment', 'url');
  return parsed.toString().replace(/\/+$/, '');
}

const seal = (ctx: AppContext, value: string | null | undefined) => (value === undefined ? undefined : value === null || value === '' ? null : sealSecret(ctx.secret, value));

/** Adds a model backend to a project (managers). The credentials are sealed, never logged. */
export async function createBackend(ctx: AppContext, actor: Actor, projectId: number, input: BackendInput & { title: string; url: string }): Promise<BackendView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const url = checkUrl(input.url);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (trx) => {
    const created = await trx
      .insertInto('model_backends')
      .values({
        organization_id: project.organization_id, project_id: projectId, title: input.title.trim(), url,
        auth_header: seal(ctx, input.authHeader) ?? null, access_token: seal(ctx, input.accessToken) ?? null,
        extra_params: JSON.stringify(input.extraParams ?? {}), interactive: input.interactive ? 1 : 0,
        model_version: null, last_status: null, last_error: null, last_checked_at: null, created_by: actor.id, created_at: now, updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshListenerCount(trx, projectId);
    // The URL is audited; the credentials only as "set".
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'model_backend.create', objectType: 'model_backend', objectId: created.id, data: { url, authHeader: input.authHeader ? 'set' : null } }, now);
    return created;
  });
  return toBackendView(ctx, row);
}

/** The project's backends, oldest first (managers). */
export async function listBackends(ctx: AppContext, actor: Actor, projectId: number): Promise<BackendView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await ctx.db.kysely.selectFrom('model_backends').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  return rows.map((r) => toBackendView(ctx, r));
}

export async function getBackend(ctx: AppContext, actor: Actor, backendId: number): Promise<BackendView> {
  return toBackendView(ctx, (await scopeBackend(ctx, actor, backendId, 'manager')).backend);
}

/** Changes a backend; a credential left out stays, null clears it. */
export async function updateBackend(ctx: AppContext, actor: Actor, backendId: number, input: BackendInput): Promise<BackendView> {
  const { backend, project } = await scopeBackend(ctx, actor, backendId, 'manager');
  const now = ctx.now();
  const url = input.url === undefined ? undefined : checkUrl(input.url);
  const row = await ctx.db.transaction(async (trx) => {
    const updated = await trx
      .updateTable('model_backends')
      .set({
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(url !== undefined ? { url, model_version: null, last_status: null, last_error: null } : {}),
        ...(input.authHeader !== undefined ? { auth_header: seal(ctx, input.authHeader) ?? null } : {}),
        ...(input.accessToken !== undefined ? { access_token: seal(ctx, input.accessToken) ?? null } : {}),
        ...(input.extraParams !== undefined ? { extra_params: JSON.stringify(input.extraParams) } : {}),
        ...(input.interactive !== undefined ? { interactive: input.interactive ? 1 : 0 } : {}),
        updated_at: now,
      })
      .where('id', '=', backendId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = Object.keys(input).filter((k) => input[k as keyof BackendInput] !== undefined);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'model_backend.update', objectType: 'model_backend', objectId: backend.id, data: { changed } }, now);
    return updated;
  });
  return toBackendView(ctx, row);
}

export async function deleteBackend(ctx: AppContext, actor: Actor, backendId: number): Promise<void> {
  const { backend, project } = await scopeBackend(ctx, actor, backendId, 'manager');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('model_backends').where('id', '=', backendId).execute();
    await refreshListenerCount(trx, project.id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'model_backend.delete', objectType: 'model_backend', objectId: backend.id, data: { url: backend.url } }, now);
  });
}

export interface ConnectionTest {
  ok: boolean;
  /** What /health said ("UP"…), null when it failed. */
  health: string | null;
  modelVersion: string | null;
  error: { code: string; message: string } | null;
  backend: BackendView;
}

/** Calls /health then /setup and records the outcome on the backend; failures are reported, not thrown. */
export async function testBackend(ctx: AppContext, actor: Actor, backendId: number): Promise<ConnectionTest> {
  const { backend, project } = await scopeBackend(ctx, actor, backendId, 'manager');
  const target = targetOf(ctx, backend);
  let health: string | null = null;
  let modelVersion: string | null = null;
  let error: ConnectionTest['error'] = null;
  try {
    health = (await backendHealth(target, callOptions(ctx))).status;
    modelVersion = (await backendSetup(target, setupBody(ctx, backend, project, projectLabelConfigXml(project)), callOptions(ctx))).modelVersion;
  } catch (err) {
    if (!(err instanceof LaoshiError)) throw err;
    error = { code: err.code, message: err.message };
  }
  const row = await recordBackendStatus(ctx, backend.id, error ? { error: error.message } : { modelVersion });
  return { ok: error === null, health, modelVersion, error, backend: toBackendView(ctx, row ?? backend) };
}

/** Stores the outcome of the latest call to a backend (shown in the UI). */
export async function recordBackendStatus(ctx: AppContext, backendId: number, outcome: { error: string } | { modelVersion: string | null }): Promise<BackendRow | undefined> {
  const now = ctx.now();
  const set = 'error' in outcome
    ? { last_status: 'error' as const, last_error: outcome.error.slice(0, 1000), last_checked_at: now }
    : { last_status: 'ok' as const, last_error: null, last_checked_at: now, ...(outcome.modelVersion !== null ? { model_version: outcome.modelVersion } : {}) };
  return ctx.db.kysely.updateTable('model_backends').set(set).where('id', '=', backendId).returningAll().executeTakeFirst();
}
