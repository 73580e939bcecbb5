import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ManifestWriter, readManifest } from '../../src/modules/exports/version-manifest.js';
import { LocalBlobStore } from '../../src/storage/local-blob-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-manifest-'));
const blobs = new LocalBlobStore(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('writes fingerprints that read back in order', async () => {
  const writer = new ManifestWriter(blobs, 'v1/manifest.jsonl.gz');
  const lines = Array.from({ length: 3000 }, (_, i) => ({ t: i + 1, d: `d${i}`, a: `a${i}`, l: ['Car'] }));
  for (const line of lines) writer.add(line as never);
  await writer.drain();
  await writer.close();
  const read = [];
  for await (const line of readManifest(blobs, 'v1/manifest.jsonl.gz')) read.push(line);
  expect(read).toEqual(lines);
});

// An export that fails on its first task aborts the manifest before the blob store has begun to
// read it (the store makes its folders first); that used to be an uncaught 'error' event.
it('aborting before the store has started reading raises no uncaught error', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  process.on('uncaughtException', onUncaught);
  try {
    const writer = new ManifestWriter(blobs, 'v2/deep/er/manifest.jsonl.gz');
    await writer.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
