import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextSpool } from '../../src/modules/exports/writers/text-spool.js';
import { Utf8Chunks } from '../../src/modules/exports/writers/utf8-chunks.js';

// The byte plumbing of the streaming exporters: text encoded into fixed-size chunks, and the spool
// that holds COCO's annotations until the images are written.

const spoolDirs = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('laoshi-spool-')));

describe('Utf8Chunks', () => {
  it('gives the UTF-8 of each text, in order, in chunks no larger than its size (bigger texts alone)', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 300 }), fc.constant('\u2028中文😀\ud83d'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 8, max: 200 }), (texts, size) => {
        const out: Buffer[] = [];
        const chunks = new Utf8Chunks(size);
        for (const text of texts) chunks.push(text, out);
        const last = chunks.take();
        if (last) out.push(last);
        expect(Buffer.concat(out).equals(Buffer.concat(texts.map((t) => Buffer.from(t))))).toBe(true);
        for (const chunk of out) expect(chunk.length > 0 && (chunk.length <= size || texts.some((t) => t.length * 3 > size))).toBe(true);
        expect(chunks.take()).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('puts bytes after what was gathered, as chunks of their own', () => {
    const out: Buffer[] = [];
    const chunks = new Utf8Chunks(64);
    chunks.push('ab', out);
    chunks.pushBytes(Buffer.from('CD'), out);
    chunks.push('é', out);
    out.push(chunks.take()!);
    expect(out.map((b) => b.toString())).toEqual(['ab', 'CD', 'é']);
  });
});

describe('TextSpool', () => {
  it('gives back what was written; a small spool never touches the disk', async () => {
    const before = spoolDirs();
    const spool = new TextSpool();
    await spool.write(['{"a":1}', ',', '"中文 😀 \u2028"']);
    await spool.write([]);
    expect([...spoolDirs()].filter((d) => !before.has(d))).toEqual([]);
    const read: Buffer[] = [];
    for await (const chunk of spool.read()) read.push(chunk);
    expect(Buffer.concat(read).toString()).toBe('{"a":1},"中文 😀 \u2028"');
    await spool.dispose();
  });

  it('goes to a temporary file past a megabyte, reads it back whole and removes it', async () => {
    const before = spoolDirs();
    const spool = new TextSpool();
    const line = (i: number) => `{"id":${i},"text":"ünïcödé ${'x'.repeat(i % 50)} 😀"},`;
    let expected = '';
    for (let batch = 0; batch < 40; batch++) {
      const texts = Array.from({ length: 500 }, (_, j) => line(batch * 500 + j));
      expected += texts.join('');
      await spool.write(texts);
    }
    const created = [...spoolDirs()].filter((d) => !before.has(d));
    expect(created).toHaveLength(1);
    const read: Buffer[] = [];
    for await (const chunk of spool.read()) read.push(chunk);
    expect(read.length).toBeGreaterThan(1);
    expect(Buffer.concat(read).toString() === expected).toBe(true);
    await spool.dispose();
    expect(fs.existsSync(path.join(os.tmpdir(), created[0]!))).toBe(false);
  });
});
