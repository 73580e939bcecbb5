import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Utf8Chunks } from './utf8-chunks.js';

/** Bytes held in memory before they go to a temporary file; also the size of the chunks read back. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Text written in pieces and read back once, in order, as UTF-8 bytes: a part of a file that must
 * come later than it is made (COCO's annotations, made with the images but written after them).
 * A spool under a megabyte stays in memory; a larger one goes to a temporary file that
 * `dispose()` removes.
 */
export class TextSpool {
  private readonly chunks = new Utf8Chunks(CHUNK_BYTES);
  private full: Buffer[] = [];
  private dir: string | undefined;
  private out: fs.WriteStream | undefined;

  private get file(): string {
    return path.join(this.dir!, 'spool.txt');
  }

  /** Appends the texts; waits when the file takes them more slowly than they come. */
  async write(texts: readonly string[]): Promise<void> {
    for (const text of texts) this.chunks.push(text, this.full);
    if (this.full.length === 0) return;
    if (!this.out) {
      this.dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'laoshi-spool-'));
      this.out = fs.createWriteStream(this.file);
    }
    await this.flush();
  }

  private async flush(): Promise<void> {
    const out = this.out!;
    const chunks = this.full;
    this.full = [];
    let ok = true;
    for (const chunk of chunks) ok = out.write(chunk);
    if (!ok) await once(out, 'drain');
  }

  /** What was written, in chunks of about a megabyte; call once, after the last write. */
  async *read(): AsyncGenerator<Buffer, void, undefined> {
    const last = this.chunks.take();
    if (last) this.full.push(last);
    if (!this.out) {
      yield* this.full;
      this.full = [];
      return;
    }
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    for await (const chunk of fs.createReadStream(this.file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
  }

  async dispose(): Promise<void> {
    this.out?.destroy();
    if (this.dir !== undefined) await fsp.rm(this.dir, { recursive: true, force: true });
  }
}
