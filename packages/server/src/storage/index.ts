import path from 'node:path';
import type { LaoshiConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';
import { LazyS3BlobStore } from './lazy-s3-blob-store.js';

export { checkBlobKey, type BlobStore } from './blob-store.js';
export { LocalBlobStore } from './local-blob-store.js';
export type { S3BlobStoreOptions } from './s3-blob-store.js';
export { LazyS3BlobStore } from './lazy-s3-blob-store.js';

/** The blob store the configuration names: `<dataDir>/blobs` by default, or an S3 bucket. */
export function createBlobStore(config: LaoshiConfig): BlobStore {
  if (config.storage === 's3') {
    if (!config.s3Bucket) throw new Error('LAOSHI_STORAGE=s3 needs LAOSHI_S3_BUCKET');
    return new LazyS3BlobStore({
      bucket: config.s3Bucket,
      endpoint: config.s3Endpoint,
      region: config.s3Region,
      accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey,
      forcePathStyle: config.s3ForcePathStyle,
      spoolDir: path.join(config.dataDir, 'tmp'),
    });
  }
  return new LocalBlobStore(path.join(config.dataDir, 'blobs'));
}
