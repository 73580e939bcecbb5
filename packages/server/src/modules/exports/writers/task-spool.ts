import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const FLUSH_CHARS = 256 * 1024;

/**
 * Records written once to a temporary file as JSON lines and read back once, in order: a format
 * that must go over the tasks twice (COCO: images, then annotations) reads the database once and
 * replays the second pass from here, with memory holding a line, not the project.
 */
export class TaskSpool<T> {
  private pending = '';
  private out: fs.WriteStream | undefined;

  private constructor(private readonly dir: string) {}

  static async create<T>(): Promise<TaskSpool<T>> {
    return new TaskSpool<T>(await fsp.mkdtemp(path.join(os.tmpdir(), 'laoshi-spool-')));
  }

  private get file(): string {
    return path.join(this.dir, 'records.jsonl');
  }

  async write(record: T): Promise<void> {
    await this.writeJson(JSON.stringify(record));
  }

  /** Writes a record given as its JSON text (callers holding JSON text skip a stringify). */
  async writeJson(json: string): Promise<void> {
    this.pending += `${json}\n`;
    if (this.pending.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    this.out ??= fs.createWriteStream(this.file);
    const text = this.pending;
    this.pending = '';
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  /** The records in the order written; call once, after the last write. */
  async *read(): AsyncGenerator<T, void, undefined> {
    await this.flush();
    const out = this.out!;
    out.end();
    await once(out, 'finish');
    const lines = readline.createInterface({ input: fs.createReadStream(this.file), crlfDelay: Infinity });
    try {
      for await (const line of lines) if (line !== '') yield JSON.parse(line) as T;
    } finally {
      lines.close();
    }
  }

  async dispose(): Promise<void> {
    this.out?.destroy();
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}
