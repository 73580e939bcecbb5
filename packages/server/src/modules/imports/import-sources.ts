import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { badFile } from './import-error.js';

/** One file to import: from an upload, a folder, a URL or inside a zip. */
export interface ImportEntry {
  /** Where it came from, for messages and for matching label files to images: `photos.zip/img/a.jpg`. */
  name: string;
  /** Path inside its set (zip or folder), used to pair `labels/a.txt` with `images/a.jpg`. */
  path: string;
  size: number;
  open(): Promise<Readable>;
}

export interface ZipLimits {
  /** Most entries in one archive. */
  maxEntries: number;
  /** Most bytes all entries of one archive may hold uncompressed. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 200_000, maxTotalBytes: 20 * 1024 ** 3 };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Opens a zip archive (on disk: zips are read from their central directory) and lists its files.
 * Refuses, naming the archive and the entry: paths with `..` or a leading `/` (zip-slip; yauzl
 * checks), symbolic links, encrypted entries, nested archives' bombs by the declared sizes (more
 * than `maxTotalBytes` in all) and more than `maxEntries` entries. yauzl also fails an entry whose
 * actual size differs from the declared one, so a lying header cannot slip past the cap.
 */
export async function openZip(file: string, displayName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<{ entries: ImportEntry[]; close(): void }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw badFile(displayName, `is not a readable zip archive (${(err as Error).message})`);
  }
  const entries: ImportEntry[] = [];
  let total = 0;
  try {
    if (zip.entryCount > limits.maxEntries) throw badFile(displayName, `has ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
    for await (const entry of zip.eachEntry()) {
      const name = `${displayName}/${entry.fileName}`;
      if (entry.fileName.endsWith('/')) continue;
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw badFile(name, 'is a symbolic link; archives with links are refused');
      if (entry.isEncrypted()) throw badFile(name, 'is encrypted');
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw badFile(displayName, `holds more than ${limits.maxTotalBytes} bytes uncompressed (a zip bomb?)`);
      entries.push({ name, path: entry.fileName, size: entry.uncompressedSize, open: () => zip.openReadStreamPromise(entry) });
    }
  } catch (err) {
    zip.close();
    if ((err as { code?: string }).code === 'LAOSHI_BAD_FILE') throw err;
    // yauzl's own checks: "invalid relative path: ../x", "absolute path: /x", size mismatches.
    throw badFile(displayName, `refused: ${(err as Error).message}`);
  }
  return { entries, close: () => zip.close() };
}

/** The files of a folder, recursively (links are not followed), as entries. */
export async function folderEntries(root: string, displayName = path.basename(root)): Promise<ImportEntry[]> {
  const out: ImportEntry[] = [];
  async function walk(dir: string): Promise<void> {
    const items = await fsp.readdir(path.join(root, dir), { withFileTypes: true });
    items.sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      if (item.name.startsWith('.')) continue;
      const rel = dir ? `${dir}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(rel);
      else if (item.isFile()) out.push(fileEntry(path.join(root, rel), `${displayName}/${rel}`, rel, (await fsp.stat(path.join(root, rel))).size));
    }
  }
  await walk('');
  return out;
}

/** One file on disk as an entry. */
export function fileEntry(file: string, name: string, relPath: string, size: number): ImportEntry {
  return { name, path: relPath, size, open: async () => fs.createReadStream(file) };
}
