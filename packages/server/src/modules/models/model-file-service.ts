import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ModelFilesTable, ProjectRole } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { scopeProjectObject } from './model-access.js';
import { describeFeatureModel, openFeatureModel, type FeatureModelMeta } from './onnx-features.js';

export type ModelFileRow = Selectable<ModelFilesTable>;

/** Largest ONNX file taken: feature extractors for CPU inference are far smaller. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;

export interface ModelFileView {
  id: number;
  projectId: number;
  fileName: string;
  size: number;
  sha256: string;
  meta: FeatureModelMeta;
  createdAt: string;
}

export function toModelFileView(row: ModelFileRow): ModelFileView {
  return { id: row.id, projectId: row.project_id, fileName: row.file_name, size: row.size, sha256: row.sha256, meta: JSON.parse(row.meta) as FeatureModelMeta, createdAt: new Date(row.created_at).toISOString() };
}

export async function scopeModelFile(ctx: AppContext, actor: Actor, fileId: number, min: ProjectRole): Promise<ModelFileRow> {
  const row = await ctx.db.kysely.selectFrom('model_files').selectAll().where('id', '=', fileId).executeTakeFirst();
  await scopeProjectObject(ctx, actor, row?.project_id, min, 'LAOSHI_MODEL_FILE_NOT_FOUND', 'model file');
  return row!;
}

async function readCapped(body: Readable, max: number, fileName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) throw new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', `${fileName}: larger than ${max} bytes`, 'file');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Takes an uploaded ONNX feature model (managers): it must load in onnxruntime and take a
 * [N, 3, H, W] float image batch; it is stored in the blob store by content hash.
 */
export async function storeModelFile(ctx: AppContext, actor: Actor, projectId: number, upload: { fileName: string; body: Readable }): Promise<ModelFileView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const bytes = await readCapped(upload.body, MAX_MODEL_FILE_BYTES, upload.fileName);
  if ((upload.body as { truncated?: boolean }).truncated) throw new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', `${upload.fileName}: larger than the upload limit`, 'file');
  if (bytes.length === 0) throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `${upload.fileName}: the file is empty`, 'file');
  const session = await openFeatureModel(bytes);
  let meta: FeatureModelMeta;
  try {
    meta = describeFeatureModel(session);
  } finally {
    await session.release();
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const blobKey = `projects/${projectId}/models/${sha256}.onnx`;
  if (!(await ctx.blobs.stat(blobKey))) await ctx.blobs.put(blobKey, bytes, { contentType: 'application/octet-stream' });
  const now = ctx.now();
  const row = await ctx.db.transaction(async (trx) => {
    const created = await trx
      .insertInto('model_files')
      .values({ organization_id: project.organization_id, project_id: projectId, file_name: upload.fileName.slice(0, 500) || 'model.onnx', blob_key: blobKey, size: bytes.length, sha256, meta: JSON.stringify(meta), created_by: actor.id, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'model_file.upload', objectType: 'model_file', objectId: created.id, data: { sha256, size: bytes.length } }, now);
    return created;
  });
  return toModelFileView(row);
}

export async function listModelFiles(ctx: AppContext, actor: Actor, projectId: number): Promise<ModelFileView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  return (await ctx.db.kysely.selectFrom('model_files').selectAll().where('project_id', '=', projectId).orderBy('id').execute()).map(toModelFileView);
}

/** The bytes of a model file. */
export async function modelFileBytes(ctx: AppContext, row: ModelFileRow): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await ctx.blobs.get(row.blob_key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
