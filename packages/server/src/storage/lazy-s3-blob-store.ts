import type { Readable } from 'node:stream';
import type { BlobStore } from './blob-store.js';
import type { S3BlobStore, S3BlobStoreOptions } from './s3-blob-store.js';

/**
 * The S3 store, with the AWS SDK (~22 MB once loaded) imported on the first call rather than at
 * start-up: installs on the local folder never load it.
 */
export class LazyS3BlobStore implements BlobStore {
  private store: Promise<S3BlobStore> | undefined;

  constructor(private readonly options: S3BlobStoreOptions) {}

  private load(): Promise<S3BlobStore> {
    this.store ??= import('./s3-blob-store.js').then((m) => new m.S3BlobStore(this.options));
    return this.store;
  }

  async put(key: string, body: Buffer | Readable, opts?: { contentType?: string }): Promise<{ size: number; sha256: string }> {
    return (await this.load()).put(key, body, opts);
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    return (await this.load()).get(key, range);
  }

  async stat(key: string): Promise<{ size: number; contentType?: string } | null> {
    return (await this.load()).stat(key);
  }

  async delete(key: string): Promise<void> {
    return (await this.load()).delete(key);
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    yield* (await this.load()).list(prefix);
  }
}
