import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badRange, blobNotFound, checkBlobKey, checkBlobPrefix, type BlobStore } from './blob-store.js';

// Content types sit beside the blob in a hidden sidecar file (`.<name>.type`), so stat() needs no
// database. Keys never have a segment starting with a dot, so these names cannot collide with one.
const TEMP_DIR = '.tmp';
const typeFileOf = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.type`);

/** Counts and hashes the bytes that pass through. */
export function hashingCounter(): { stream: Transform; result(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A BlobStore in a folder: key `a/b.jpg` is the file `<root>/a/b.jpg`. Writes are atomic (temp file, fsync, rename). */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private fileOf(key: string): string {
    const file = path.resolve(this.root, checkBlobKey(key));
    // checkBlobKey already refuses `..`; this is the second lock on the same door.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw blobNotFound(key);
    return file;
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType?: string } = {}): Promise<{ size: number; sha256: string }> {
    const file = this.fileOf(key);
    const tempDir = path.join(this.root, TEMP_DIR);
    await fsp.mkdir(tempDir, { recursive: true });
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const temp = path.join(tempDir, `${randomBytes(8).toString('hex')}.part`);
    const counter = hashingCounter();
    try {
      const out = fs.createWriteStream(temp, { flags: 'wx' });
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, counter.stream, out);
      const handle = await fsp.open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (opts.contentType) await fsp.writeFile(typeFileOf(file), opts.contentType);
      else await fsp.rm(typeFileOf(file), { force: true });
      await fsp.rename(temp, file);
      await fsyncDir(path.dirname(file));
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return counter.result();
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const file = this.fileOf(key);
    const stat = await this.stat(key);
    if (!stat) throw blobNotFound(key);
    if (!range) return fs.createReadStream(file);
    const end = Math.min(range.end ?? stat.size - 1, stat.size - 1);
    if (range.start >= stat.size || end < range.start) throw badRange(stat.size);
    return fs.createReadStream(file, { start: range.start, end });
  }

  async stat(key: string): Promise<{ size: number; contentType?: string } | null> {
    const file = this.fileOf(key);
    try {
      const st = await fsp.stat(file);
      if (!st.isFile()) return null;
      const contentType = await fsp.readFile(typeFileOf(file), 'utf8').catch(() => undefined);
      return contentType ? { size: st.size, contentType } : { size: st.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.fileOf(key);
    await fsp.rm(file, { force: true });
    await fsp.rm(typeFileOf(file), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    checkBlobPrefix(prefix);
    // Only the folder that holds the prefix needs walking.
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    yield* this.walk(dirPart, prefix);
  }

  private async *walk(dir: string, prefix: string): AsyncGenerator<{ key: string; size: number }> {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(path.join(this.root, dir), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // Sort as full keys sort: a folder "a" holds keys "a/…", which come after "a-b" and "a.b".
    const sortName = (e: fs.Dirent) => (e.isDirectory() ? `${e.name}/` : e.name);
    entries.sort((a, b) => (sortName(a) < sortName(b) ? -1 : sortName(a) > sortName(b) ? 1 : 0));
    for (const entry of entries) {
      const key = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        yield { key, size: (await fsp.stat(path.join(this.root, key))).size };
      }
    }
  }
}
