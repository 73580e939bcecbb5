import { describe, expect, it } from 'vitest';
import { zipArchive, type ZipEntry } from '../../src/modules/exports/writers/zip-writer.js';
import { unzip } from './export-fixtures.js';

async function zipOf(entries: Iterable<ZipEntry>, spillBytes?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipArchive(entries, Date.UTC(2024, 4, 17, 10, 30, 0), { spillBytes })) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('zip writer', () => {
  it('writes stored and deflated entries that an independent reader (yauzl) extracts byte for byte', async () => {
    // The text is long enough to be deflated; the binary is stored as asked.
    const text = Buffer.from('0 0.5 0.5 0.25 0.25\n'.repeat(500));
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const zip = await zipOf([
      { name: 'labels/a.txt', data: text },
      { name: 'images/街景 1.png', data: binary, compress: false },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ]);
    expect(zip.length).toBeLessThan(text.length); // so the text was deflated
    const files = await unzip(zip);
    expect([...files.keys()]).toEqual(['labels/a.txt', 'images/街景 1.png', 'empty.txt']);
    expect(files.get('labels/a.txt')?.equals(text)).toBe(true);
    expect(files.get('images/街景 1.png')?.equals(binary)).toBe(true);
    expect(files.get('empty.txt')?.length).toBe(0);
  });

  it('switches to ZIP64 past 65,535 entries and spills its directory to disk without losing an entry', async () => {
    const n = 70_000;
    const entries = function* () {
      for (let i = 0; i < n; i++) yield { name: `labels/${i}.txt`, data: Buffer.from(`${i % 3} 0.5 0.5 0.1 0.1\n`) };
    };
    const zip = await zipOf(entries(), 64 * 1024);
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // ZIP64 end record
    const files = await unzip(zip, new Set(['labels/69999.txt', 'labels/12345.txt']));
    expect(files.size).toBe(n);
    expect(files.get('labels/69999.txt')?.toString()).toBe('0 0.5 0.5 0.1 0.1\n');
    expect(files.get('labels/12345.txt')?.toString()).toBe('0 0.5 0.5 0.1 0.1\n');
  });

  it('refuses entry names that could escape the archive folder', async () => {
    for (const name of ['../evil.txt', '/etc/passwd', 'a/../../b', 'a\\b', 'a//b', '']) {
      await expect(zipOf([{ name, data: Buffer.from('x') }])).rejects.toThrow(/not a safe relative path/);
    }
  });
});
