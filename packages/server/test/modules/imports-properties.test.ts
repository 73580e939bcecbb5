import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LaoshiError } from '../../src/errors.js';
import { parseRange } from '../../src/modules/media/media-access.js';
import { decodeText } from '../../src/modules/imports/text-decode.js';
import { checkBlobKey } from '../../src/storage/blob-store.js';

/** Splits bytes into chunks at the given cut points, as a stream delivers them. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(bytes.subarray(from, p));
    from = p;
  }
  parts.push(bytes.subarray(from));
  return Readable.from(parts.filter((p) => p.length > 0));
}

async function decodeAll(bytes: Buffer, cuts: number[]): Promise<{ encoding: string; text: string }> {
  const { encoding, chunks } = await decodeText(chunked(bytes, cuts), 'f.csv');
  let text = '';
  for await (const c of chunks) text += c;
  return { encoding, text };
}

describe('import parsers (properties)', () => {
  it('decodes any UTF-8 text exactly, however the stream cuts it (BOM dropped)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.boolean(), fc.array(fc.nat(2000), { maxLength: 6 }), async (text, bom, cuts) => {
        const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f).join('');
        // Documented ambiguity: BOM-less text whose only non-ASCII is outside Latin and CJK may be GBK.
        fc.pre(bom || nonAscii === '' || /[\u0080-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(nonAscii));
        const bytes = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf8');
        const out = await decodeAll(bytes, cuts);
        expect(out).toEqual({ encoding: 'utf-8', text: text.startsWith('\ufeff') && !bom ? text.slice(1) : text });
      }),
      { numRuns: 200 },
    );
  });

  it('decodes Chinese GBK text exactly, however the stream cuts it (short text that is also UTF-8 too)', async () => {
    const hanzi = fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), { minLength: 1, maxLength: 200 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(hanzi, fc.string({ unit: fc.constantFrom('a', ',', '\n', '1', ' '), maxLength: 50 }), fc.array(fc.nat(1000), { maxLength: 6 }), async (zh, ascii, cuts) => {
        const text = `${zh}${ascii}`;
        const bytes = iconv.encode(text, 'gbk');
        // GBK bytes that are also valid UTF-8 outside GB2312 are ambiguous by nature; those are skipped.
        const gb2312 = [...zh].every((c) => {
          const [a = 0, b = 0] = iconv.encode(c, 'gbk');
          return a >= 0xa1 && a <= 0xf7 && b >= 0xa1;
        });
        let asUtf8: string | null = null;
        try {
          asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          asUtf8 = null;
        }
        // Bytes that read as Latin or CJK UTF-8 (虏 is C2 B2, "²") are taken for UTF-8 by design.
        fc.pre(asUtf8 === null || (gb2312 && !/[\u0080-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(asUtf8)));
        // Characters GBK cannot hold round-trip as "?": compare with what GBK itself gives back.
        const expected = iconv.decode(bytes, 'gbk');
        expect(await decodeAll(bytes, cuts)).toEqual({ encoding: 'gbk', text: expected });
      }),
      { numRuns: 150 },
    );
  });

  it('reads short text that is valid as both UTF-8 and GBK: a BOM means UTF-8, Chinese-looking pairs mean GBK', async () => {
    expect(await decodeAll(iconv.encode('\u4e00', 'gbk'), [])).toEqual({ encoding: 'gbk', text: '\u4e00' });
    expect(await decodeAll(Buffer.from('\ufeffˡ', 'utf8'), [])).toEqual({ encoding: 'utf-8', text: 'ˡ' });
    expect(await decodeAll(Buffer.from('café, naïve', 'utf8'), [])).toEqual({ encoding: 'utf-8', text: 'café, naïve' });
    expect(await decodeAll(Buffer.from('привет', 'utf8'), [])).toEqual({ encoding: 'utf-8', text: 'привет' });
  });

  it('on random bytes either decodes without replacement characters or fails with a LaoshiError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(500), { maxLength: 4 }), async (raw, cuts) => {
        try {
          const { text } = await decodeAll(Buffer.from(raw), cuts);
          expect(text).not.toContain('\ufffd');
        } catch (err) {
          expect(err).toBeInstanceOf(LaoshiError);
          expect((err as LaoshiError).message).toMatch(/^f\.csv/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parses Range headers into a range inside the file, or says none or unsatisfiable', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.nat(10_000), (header, size) => {
        const range = parseRange(`bytes=${header}`, size);
        if (range === null || range === 'unsatisfiable') return;
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.end).toBeLessThan(size);
        expect(range.start).toBeLessThanOrEqual(range.end);
      }),
    );
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 2000 }), (a, b, size) => {
        const range = parseRange(`bytes=${a}-${b}`, size);
        if (a >= size || b < a) expect(range).toBe('unsatisfiable');
        else expect(range).toEqual({ start: a, end: Math.min(b, size - 1) });
      }),
    );
  });

  it('never accepts a blob key with an empty, dot or dot-dot segment, or a leading slash', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b1', '..', '.', '', '.x', 'x.y', '-', '\\', '%2e%2e'), { minLength: 1, maxLength: 5 }), (segments) => {
        const key = segments.join('/');
        const ok = (() => {
          try {
            checkBlobKey(key);
            return true;
          } catch {
            return false;
          }
        })();
        if (ok) expect(segments.every((s) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(s))).toBe(true);
        if (segments.some((s) => s === '..' || s === '.' || s === '')) expect(ok).toBe(false);
      }),
    );
  });
});
