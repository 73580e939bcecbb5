import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { badRange, blobNotFound, checkBlobKey, checkBlobPrefix, type BlobStore } from './blob-store.js';
import { hashingCounter } from './local-blob-store.js';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Endpoint of an S3-compatible server (MinIO, s3rver…); AWS when absent. */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and s3rver need it). */
  forcePathStyle?: boolean;
  /** Folder for spooling streamed uploads (S3 wants the length up front); default the OS temp folder. */
  spoolDir?: string;
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isMissing(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404;
}

/** A BlobStore in an S3-compatible bucket. */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly spoolDir: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.spoolDir = options.spoolDir ?? os.tmpdir();
    const credentials = options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined;
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      // Checksums only where S3 demands them: the default streams bodies as aws-chunked with a
      // trailing CRC, which S3-compatible servers (s3rver, older MinIO) store as the object's bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType?: string } = {}): Promise<{ size: number; sha256: string }> {
    checkBlobKey(key);
    const contentType = opts.contentType ?? 'application/octet-stream';
    if (Buffer.isBuffer(body)) {
      const counter = hashingCounter();
      counter.stream.end(body);
      counter.stream.resume();
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }));
      return counter.result();
    }
    // A single PUT needs the length first: spool the stream to a temp file (constant memory), then send it.
    await fsp.mkdir(this.spoolDir, { recursive: true });
    const temp = path.join(this.spoolDir, `laoshi-s3-${randomBytes(8).toString('hex')}.part`);
    try {
      const counter = hashingCounter();
      await pipeline(body, counter.stream, fs.createWriteStream(temp, { flags: 'wx' }));
      const result = counter.result();
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: fs.createReadStream(temp), ContentLength: result.size, ContentType: contentType }));
      return result;
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    checkBlobKey(key);
    const header = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
    if (range && range.end !== undefined && range.end < range.start) throw badRange((await this.stat(key))?.size ?? 0);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(header ? { Range: header } : {}) }));
      if (!(out.Body instanceof Readable)) throw new Error('S3 returned no body stream');
      return out.Body;
    } catch (err) {
      if (isMissing(err)) throw blobNotFound(key);
      if (statusOf(err) === 416 || (err as { name?: string }).name === 'InvalidRange') throw badRange((await this.stat(key))?.size ?? 0);
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number; contentType?: string } | null> {
    checkBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, ...(head.ContentType ? { contentType: head.ContentType } : {}) };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    checkBlobPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
