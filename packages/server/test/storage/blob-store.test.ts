import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/storage/blob-store.js';
import { LocalBlobStore } from '../../src/storage/local-blob-store.js';
import { startS3, type TestS3 } from './s3-server.js';

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString();
}

async function keys(store: BlobStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of store.list(prefix)) out.push(`${item.key}:${item.size}`);
  return out;
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function blobStoreSuite(name: string, make: () => Promise<{ store: BlobStore; close(): Promise<void> }>) {
  describe(`BlobStore [${name}]`, () => {
    let store: BlobStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await make()));
    afterAll(async () => close());

    it('stores a buffer and reads it back with its size, hash and content type', async () => {
      const put = await store.put('p1/a.txt', Buffer.from('hello world'), { contentType: 'text/plain' });
      expect(put).toEqual({ size: 11, sha256: sha('hello world') });
      expect(await text(await store.get('p1/a.txt'))).toBe('hello world');
      expect(await store.stat('p1/a.txt')).toEqual({ size: 11, contentType: 'text/plain' });
    });

    it('stores a stream of unknown length', async () => {
      const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(10_000, 97 + (i % 26)));
      const put = await store.put('p1/big.bin', Readable.from(chunks));
      expect(put).toEqual({ size: 500_000, sha256: sha(Buffer.concat(chunks)) });
      expect((await store.stat('p1/big.bin'))?.size).toBe(500_000);
    });

    it('serves byte ranges, open-ended ones too, and refuses a range past the end', async () => {
      await store.put('p1/digits', Buffer.from('0123456789'));
      expect(await text(await store.get('p1/digits', { start: 2, end: 4 }))).toBe('234');
      expect(await text(await store.get('p1/digits', { start: 7 }))).toBe('789');
      await expect(store.get('p1/digits', { start: 10 })).rejects.toMatchObject({ statusCode: 416 });
    });

    it('replaces a key, and answers null or 404 for a missing one', async () => {
      await store.put('p1/r', Buffer.from('one'));
      await store.put('p1/r', Buffer.from('second'));
      expect(await text(await store.get('p1/r'))).toBe('second');
      expect(await store.stat('p1/missing')).toBeNull();
      await expect(store.get('p1/missing')).rejects.toMatchObject({ statusCode: 404, code: 'LAOSHI_BLOB_NOT_FOUND' });
    });

    it('lists by prefix in key order and deletes (deleting twice is fine)', async () => {
      await store.put('ls/b/2', Buffer.from('22'));
      await store.put('ls/a', Buffer.from('1'));
      await store.put('ls/b/1', Buffer.from('333'));
      await store.put('ls/c', Buffer.from('4444'));
      await store.put('lsx', Buffer.from('5'));
      expect(await keys(store, 'ls/')).toEqual(['ls/a:1', 'ls/b/1:3', 'ls/b/2:2', 'ls/c:4']);
      expect(await keys(store, 'ls/b/')).toEqual(['ls/b/1:3', 'ls/b/2:2']);
      await store.delete('ls/b/1');
      await store.delete('ls/b/1');
      expect(await keys(store, 'ls/b/')).toEqual(['ls/b/2:2']);
      expect(await store.stat('ls/b/1')).toBeNull();
    });

    it('refuses keys that could escape the store', async () => {
      for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden', 'a/./b', 'a\\b', '', 'a/b/']) {
        await expect(store.put(key, Buffer.from('x')), key).rejects.toMatchObject({ statusCode: 400 });
      }
      await expect(store.get('../secret.key')).rejects.toMatchObject({ statusCode: 400 });
    });
  });
}

blobStoreSuite('local folder', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-blobs-'));
  return { store: new LocalBlobStore(dir), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

let s3: TestS3;
blobStoreSuite('S3 (s3rver)', async () => {
  s3 = await startS3();
  return { store: s3.store(), close: () => s3.close() };
});

describe('LocalBlobStore on disk', () => {
  it('leaves no temp file behind when the stream fails half way, and keeps the old content', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-blobs-'));
    const store = new LocalBlobStore(dir);
    await store.put('k', Buffer.from('old'));
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('network down'));
      },
    });
    await expect(store.put('k', failing)).rejects.toThrow('network down');
    expect(await text(await store.get('k'))).toBe('old');
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
