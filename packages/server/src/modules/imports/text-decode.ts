import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { badFile } from './import-error.js';

export type TextEncoding = 'utf-8' | 'gbk';

const PEEK_BYTES = 64 * 1024;

function isUtf8(bytes: Buffer, whole: boolean): boolean {
  try {
    // A sample that is not the whole file may end inside a character: let that pass.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/** True when every non-ASCII byte pair lies in GB2312 (both bytes A1–FE): the common Chinese set. */
function allGb2312Pairs(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const next = bytes[i + 1];
    if (next === undefined) return true; // a pair cut by the end of the sample
    if (b < 0xa1 || b > 0xf7 || next < 0xa1 || next > 0xfe) return false;
    i++;
  }
  return true;
}

/**
 * Short GBK text can also be valid UTF-8 (\u4e00 is D2 BB, which UTF-8 reads as "һ"). Such a sample
 * is taken for GBK when, read as UTF-8, its non-ASCII characters are neither Latin nor CJK and
 * every byte pair is a GB2312 character.
 * WARNING: a BOM-less UTF-8 file in Cyrillic or Greek made only of such pairs is read as GBK; a
 * byte order mark (which Excel writes for UTF-8) always means UTF-8.
 */
function gbkDisguisedAsUtf8(bytes: Buffer): boolean {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  const text = new TextDecoder('utf-8').decode(bytes);
  const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f).join('');
  if (nonAscii === '' || /[\u0080-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(nonAscii)) return false;
  return allGb2312Pairs(bytes) && looksGbk(bytes);
}

/** True when the bytes read as GBK with no invalid sequence and hold Chinese characters. */
function looksGbk(bytes: Buffer): boolean {
  const text = iconv.decode(bytes, 'gbk');
  // A cut double-byte character at the end of the sample decodes to one replacement character.
  const body = text.endsWith('\ufffd') ? text.slice(0, -1) : text;
  return !body.includes('\ufffd') && /[\u4e00-\u9fff]/.test(body);
}

/**
 * Decodes a text file as UTF-8 (a byte order mark is dropped) or, when its first 64 KiB are not
 * UTF-8 but are valid GBK with Chinese in them, as GBK (Excel on Chinese Windows writes CSV so).
 * Anything else — or an invalid sequence later on — fails naming the file and the byte, so
 * nothing is ever stored as mojibake.
 */
export async function decodeText(body: Readable, file: string): Promise<{ encoding: TextEncoding; chunks: AsyncGenerator<string, void, undefined> }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  let encoding: TextEncoding = 'utf-8';
  if (!isUtf8(sample, ended)) {
    if (!looksGbk(sample)) throw badFile(file, 'is not UTF-8 text (nor GBK); save it as UTF-8 and import it again');
    encoding = 'gbk';
  } else if (gbkDisguisedAsUtf8(sample)) encoding = 'gbk';
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let offset = 0;
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const gbk = iconv.getDecoder('gbk');
    const decode = (bytes: Buffer): string => {
      if (encoding === 'utf-8') {
        try {
          return utf8.decode(bytes, { stream: true });
        } catch {
          throw badFile(file, `is not valid UTF-8 near byte ${offset}; save it as UTF-8 and import it again`);
        }
      }
      const text = gbk.write(bytes);
      if (text.includes('\ufffd')) throw badFile(file, `is not valid GBK near byte ${offset}; save it as UTF-8 and import it again`);
      return text;
    };
    let first = true;
    const emit = (bytes: Buffer): string => {
      let text = decode(bytes);
      offset += bytes.length;
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      return text;
    };
    const out = emit(sample);
    if (out) yield out;
    if (!ended) {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const text = emit(next.value);
        if (text) yield text;
      }
    }
    const rest = encoding === 'utf-8' ? (() => {
      try {
        return utf8.decode();
      } catch {
        throw badFile(file, 'ends inside a UTF-8 character');
      }
    })() : (gbk.end() ?? '');
    if (rest.includes('\ufffd')) throw badFile(file, 'ends inside a GBK character');
    if (rest) yield rest;
  }
  return { encoding, chunks: chunks() };
}
