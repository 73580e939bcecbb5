import type { Selectable } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { SourceStoragesTable } from '../../db/schema.js';
import { LaoshiError, badRequest, notFound } from '../../errors.js';
import { startJob } from '../../jobs/job-runner.js';
import { toJobView, type JobView } from '../../jobs/job-service.js';
import { recordAudit } from '../audit/audit-repository.js';
import { openSecret, sealSecret, secretHint } from '../models/secret-box.js';
import { checkEndpoint, type S3SourceTarget } from './s3-source-client.js';
import { syncStorage } from './source-sync.js';

export type StorageRow = Selectable<SourceStoragesTable>;

export interface StorageInput {
  title?: string;
  bucket?: string;
  prefix?: string;
  endpoint?: string | null;
  region?: string;
  forcePathStyle?: boolean;
  /** null or '' clears it. */
  accessKeyId?: string | null;
  secretAccessKey?: string | null;
}

export interface StorageView {
  id: number;
  projectId: number;
  title: string;
  bucket: string;
  prefix: string;
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
  /** Never the key itself: null, or a hint such as "••••7EXA". */
  accessKeyId: string | null;
  /** Only whether it is set. */
  secretAccessKeySet: boolean;
  objectsSeen: number;
  lastSyncJobId: number | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function toView(ctx: AppContext, row: StorageRow): Promise<StorageView> {
  const seen = await ctx.db.kysely.selectFrom('source_storage_objects').select((eb) => eb.fn.countAll<number | string>().as('n')).where('storage_id', '=', row.id).executeTakeFirst();
  return {
    id: row.id, projectId: row.project_id, title: row.title, bucket: row.bucket, prefix: row.prefix, endpoint: row.endpoint, region: row.region, forcePathStyle: row.force_path_style === 1,
    accessKeyId: row.access_key_id === null ? null : (secretHint(openSecret(ctx.secret, row.access_key_id)) ?? '••••'),
    secretAccessKeySet: row.secret_access_key !== null, objectsSeen: Number(seen?.n ?? 0),
    lastSyncJobId: row.last_sync_job_id, lastSyncedAt: iso(row.last_synced_at), createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** An http(s) endpoint without credentials, query or path (`https://minio.example.com:9000`). */
function checkEndpointUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badRequest('endpoint: not a valid URL', 'endpoint');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('endpoint: only http and https endpoints are supported', 'endpoint');
  if (url.username || url.password) throw badRequest('endpoint: put the keys in accessKeyId and secretAccessKey, not in the URL', 'endpoint');
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) throw badRequest('endpoint: the endpoint takes no path, query or fragment (the bucket is a field of its own)', 'endpoint');
  return url.origin;
}

function checkPrefix(prefix: string): string {
  if (prefix.startsWith('/')) throw badRequest('prefix: an S3 prefix does not start with "/"', 'prefix');
  return prefix;
}

const seal = (ctx: AppContext, value: string | null | undefined) => (value === undefined ? undefined : value === null || value === '' ? null : sealSecret(ctx.secret, value));

async function scopeStorage(ctx: AppContext, actor: Actor, projectId: number, storageId: number) {
  const access = await scopeProject(ctx, actor, projectId, 'manager');
  const row = await ctx.db.kysely.selectFrom('source_storages').selectAll().where('id', '=', storageId).where('project_id', '=', projectId).executeTakeFirst();
  if (!row) throw notFound('LAOSHI_SOURCE_STORAGE_NOT_FOUND', 'source storage');
  return { ...access, row };
}

/** The project's S3 sources (managers). */
export async function listStorages(ctx: AppContext, actor: Actor, projectId: number): Promise<StorageView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await ctx.db.kysely.selectFrom('source_storages').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  return Promise.all(rows.map((r) => toView(ctx, r)));
}

/** Adds an S3 source to a project (managers). The keys are sealed and never returned or logged. */
export async function createStorage(ctx: AppContext, actor: Actor, projectId: number, input: StorageInput & { title: string; bucket: string }): Promise<StorageView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const endpoint = input.endpoint ? checkEndpointUrl(input.endpoint) : null;
  const region = input.region || 'us-east-1';
  await checkEndpoint({ endpoint, region }, ctx.config.outboundAllow);
  const now = ctx.now();
  const row = await ctx.db.transaction(async (trx) => {
    const created = await trx
      .insertInto('source_storages')
      .values({
        organization_id: project.organization_id, project_id: projectId, title: input.title.trim(), bucket: input.bucket, prefix: checkPrefix(input.prefix ?? ''), endpoint, region,
        force_path_style: input.forcePathStyle ? 1 : 0, access_key_id: seal(ctx, input.accessKeyId) ?? null, secret_access_key: seal(ctx, input.secretAccessKey) ?? null,
        last_sync_job_id: null, last_synced_at: null, created_by: actor.id, created_at: now, updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'source_storage.create', objectType: 'source_storage', objectId: created.id, data: { bucket: created.bucket, prefix: created.prefix, endpoint } }, now);
    return created;
  });
  return toView(ctx, row);
}

/** Changes an S3 source (managers); keys left out stay as they are. */
export async function updateStorage(ctx: AppContext, actor: Actor, projectId: number, storageId: number, input: StorageInput): Promise<StorageView> {
  const { project, row } = await scopeStorage(ctx, actor, projectId, storageId);
  const endpoint = input.endpoint === undefined ? row.endpoint : input.endpoint ? checkEndpointUrl(input.endpoint) : null;
  const region = input.region || row.region;
  await checkEndpoint({ endpoint, region }, ctx.config.outboundAllow);
  const now = ctx.now();
  const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
  const updated = await ctx.db.transaction(async (trx) => {
    const next = await trx
      .updateTable('source_storages')
      .set({
        title: input.title?.trim() ?? row.title, bucket: input.bucket ?? row.bucket, prefix: input.prefix === undefined ? row.prefix : checkPrefix(input.prefix), endpoint, region,
        force_path_style: input.forcePathStyle === undefined ? row.force_path_style : input.forcePathStyle ? 1 : 0,
        access_key_id: seal(ctx, input.accessKeyId) === undefined ? row.access_key_id : seal(ctx, input.accessKeyId)!,
        secret_access_key: seal(ctx, input.secretAccessKey) === undefined ? row.secret_access_key : seal(ctx, input.secretAccessKey)!,
        updated_at: now,
      })
      .where('id', '=', storageId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // The names of what changed, never the values of the keys.
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'source_storage.update', objectType: 'source_storage', objectId: storageId, data: { changed } }, now);
    return next;
  });
  return toView(ctx, updated);
}

/** Removes an S3 source (managers); the tasks and media it brought stay. */
export async function deleteStorage(ctx: AppContext, actor: Actor, projectId: number, storageId: number): Promise<void> {
  const { project } = await scopeStorage(ctx, actor, projectId, storageId);
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('source_storages').where('id', '=', storageId).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'source_storage.delete', objectType: 'source_storage', objectId: storageId }, ctx.now());
  });
}

/** The storage's target with its keys opened; 400 when they cannot be (the instance secret changed). */
function targetOf(ctx: AppContext, row: StorageRow): S3SourceTarget {
  const open = (sealed: string | null, field: string) => {
    if (sealed === null) return null;
    const plain = openSecret(ctx.secret, sealed);
    if (plain === null) throw new LaoshiError(400, 'LAOSHI_VALIDATION', `${field}: the stored key cannot be opened (was LAOSHI_SECRET changed?); enter it again`, field);
    return plain;
  };
  return {
    bucket: row.bucket, prefix: row.prefix, endpoint: row.endpoint, region: row.region, forcePathStyle: row.force_path_style === 1,
    accessKeyId: open(row.access_key_id, 'accessKeyId'), secretAccessKey: open(row.secret_access_key, 'secretAccessKey'),
  };
}

/** Starts a sync of the bucket into the project as a job (managers): new objects become tasks. */
export async function startSync(ctx: AppContext, actor: Actor, projectId: number, storageId: number): Promise<JobView> {
  const { project, row } = await scopeStorage(ctx, actor, projectId, storageId);
  const target = targetOf(ctx, row);
  await checkEndpoint(target, ctx.config.outboundAllow);
  const params = { storageId, bucket: row.bucket, prefix: row.prefix };
  const { id } = await startJob(ctx, { kind: 'source-sync', organizationId: project.organization_id, projectId, createdBy: actor.id, params }, (job) => syncStorage(ctx, job, project, row.id, target, actor.id));
  await ctx.db.kysely.updateTable('source_storages').set({ last_sync_job_id: id }).where('id', '=', storageId).execute();
  return toJobView((await ctx.jobs.get(id))!);
}
