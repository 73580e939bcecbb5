import { once } from 'node:events';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { BlobStore } from '../../storage/blob-store.js';
import type { TaskFingerprint } from './export-stats.js';

// A version's manifest: one gzip'd JSON line per task, in task id order ({t, d, a, l}, see
// TaskFingerprint). About 60 bytes a task before compression, so comparing million-task versions
// reads a few megabytes instead of the datasets themselves.

const FLUSH_CHARS = 64 * 1024;

/** Streams fingerprints into a gzip'd blob as the export runs. */
export class ManifestWriter {
  // Level 1: the manifest is small next to the dataset, and compressing must not slow the export.
  private readonly gzip = zlib.createGzip({ level: 1 });
  private readonly stored: Promise<unknown>;
  private pending = '';

  constructor(blobs: BlobStore, key: string) {
    this.stored = blobs.put(key, this.gzip, { contentType: 'application/gzip' });
    // A failed store is reported by close(); until then it must not count as unhandled.
    this.stored.catch(() => undefined);
  }

  async add(line: TaskFingerprint): Promise<void> {
    this.pending += `${JSON.stringify(line)}\n`;
    if (this.pending.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), this.stored.then(() => undefined)]);
  }

  /** Writes what is left and waits until the blob is stored. */
  async close(): Promise<void> {
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
