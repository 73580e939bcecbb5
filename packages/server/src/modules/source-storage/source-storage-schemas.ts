import { Type } from 'typebox';
import { Id } from '../../http/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  bucket: Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'the bucket name' }),
  prefix: Type.String({ maxLength: 1024, description: 'only objects whose key starts with this (e.g. "images/2024/")' }),
  endpoint: Nullable(Type.String({ maxLength: 2048, description: 'S3-compatible server (MinIO, OSS, COS…) as http(s)://host[:port]; AWS when null. Checked against the outbound-address rules' })),
  region: Type.String({ minLength: 1, maxLength: 64, description: 'default us-east-1' }),
  forcePathStyle: Type.Boolean({ description: 'http://host/bucket/key addressing (MinIO needs it)' }),
  accessKeyId: Nullable(Type.String({ maxLength: 256, description: 'sealed at rest, never returned; null or "" clears it' })),
  secretAccessKey: Nullable(Type.String({ maxLength: 512, description: 'sealed at rest, never returned; null or "" clears it' })),
};

export const CreateStorageBody = Type.Object(
  {
    title: fields.title, bucket: fields.bucket, prefix: Type.Optional(fields.prefix), endpoint: Type.Optional(fields.endpoint), region: Type.Optional(fields.region),
    forcePathStyle: Type.Optional(fields.forcePathStyle), accessKeyId: Type.Optional(fields.accessKeyId), secretAccessKey: Type.Optional(fields.secretAccessKey),
  },
  { additionalProperties: false },
);

export const UpdateStorageBody = Type.Partial(CreateStorageBody, { additionalProperties: false });

export const StorageParams = Type.Object({ id: Id, storageId: Id });

export const StorageSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  title: Type.String(),
  bucket: Type.String(),
  prefix: Type.String(),
  endpoint: Nullable(Type.String()),
  region: Type.String(),
  forcePathStyle: Type.Boolean(),
  accessKeyId: Nullable(Type.String({ description: 'a hint such as "••••7EXA", never the key' })),
  secretAccessKeySet: Type.Boolean(),
  objectsSeen: Type.Integer({ description: 'objects earlier syncs took (a re-sync skips them)' }),
  lastSyncJobId: Nullable(Type.Integer()),
  lastSyncedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
