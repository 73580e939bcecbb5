import { once } from 'node:events';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { BlobStore } from '../../storage/blob-store.js';
import type { TaskFingerprint } from './export-stats.js';
import { Utf8Chunks } from './writers/utf8-chunks.js';

// A version's manifest: one gzip'd JSON line per task, in task id order ({t, d, a, l}, see
// TaskFingerprint). About 60 bytes a task before compression, so comparing million-task versions
// reads a few megabytes instead of the datasets themselves.

const CHUNK_BYTES = 64 * 1024;

/** Streams fingerprints into a gzip'd blob as the export runs. */
export class ManifestWriter {
  // Level 1: the manifest is small next to the dataset, and compressing must not slow the export.
  private readonly gzip = zlib.createGzip({ level: 1 });
  private readonly stored: Promise<unknown>;
  // Lines are encoded as they come, not gathered into a string: a string that lives through a
  // few young-generation collections is flattened in the old one, 64 KiB of garbage per flush.
  private readonly chunks = new Utf8Chunks(CHUNK_BYTES);
  private full: Buffer[] = [];

  constructor(blobs: BlobStore, key: string) {
    this.stored = blobs.put(key, this.gzip, { contentType: 'application/gzip' });
    // The store may not have started reading yet when abort() destroys the stream (it makes its
    // folders first): the stream's error must not go unheard then. `stored` reports it anyway.
    this.gzip.on('error', () => undefined);
    // A failed store is reported by close(); until then it must not count as unhandled.
    this.stored.catch(() => undefined);
  }

  /** Queues a task's line; `drain()` passes queued lines on (call it now and then, e.g. once per batch). */
  add(line: TaskFingerprint): void {
    this.chunks.push(`${JSON.stringify(line)}\n`, this.full);
  }

  /** Passes the queued lines on once there are enough of them, waiting while the gzip stream is full. */
  async drain(): Promise<void> {
    if (this.full.length > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunks = this.full;
    this.full = [];
    let ok = true;
    for (const chunk of chunks) ok = this.gzip.write(chunk);
    if (!ok) await Promise.race([once(this.gzip, 'drain'), this.stored.then(() => undefined)]);
  }

  /** Writes what is left and waits until the blob is stored. */
  async close(): Promise<void> {
    const last = this.chunks.take();
    if (last) this.full.push(last);
    await this.flush();
    this.gzip.end();
    await this.stored;
  }

  /** Gives up (the export failed); the partial blob is for the caller to delete. */
  async abort(): Promise<void> {
    this.gzip.destroy(new Error('export aborted'));
    await this.stored.catch(() => undefined);
  }
}

/** The fingerprints of a stored manifest, in task id order. */
export async function* readManifest(blobs: BlobStore, key: string): AsyncGenerator<TaskFingerprint, void, undefined> {
  const stream = (await blobs.get(key)).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as TaskFingerprint;
  } finally {
    lines.close();
    stream.destroy();
  }
}
