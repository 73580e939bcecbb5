import { describe, expect, it } from 'vitest';
import {
  CleaningError, contentHash64, contentKey, findExactDuplicates, fnv1a64, murmurHash3, utf8Bytes,
} from '../../src/cleaning/index.js';

describe('hashes', () => {
  it('gives the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
  });

  it('gives the published MurmurHash3 x86_32 test vectors', () => {
    expect(murmurHash3('')).toBe(0);
    expect(murmurHash3('', 1)).toBe(0x514e28b7);
    expect(murmurHash3('hello')).toBe(0x248bfa47);
    expect(murmurHash3('The quick brown fox jumps over the lazy dog')).toBe(0x2e4ff723);
  });

  it('encodes UTF-8 like TextEncoder, lone surrogates included', () => {
    for (const text of ['中文', '😀a', 'a\ud800b', '\udc00', 'é\u0000']) {
      expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
    }
  });
});

describe('contentKey and contentHash64', () => {
  it('applies NFKC, collapses whitespace and trims, keeping case', () => {
    expect(contentKey('  Ｈｅｌｌｏ\u3000\t world\n')).toBe('Hello world');
    expect(contentKey('ﬁle　１２３')).toBe('file 123');
    expect(contentKey('ABC')).not.toBe(contentKey('abc'));
  });

  it('hashes the key as 16 hex digits, equal for texts with equal keys', () => {
    expect(contentHash64('hello')).toBe('a430d84680aabd0b');
    expect(contentHash64(' hello ')).toBe(contentHash64('hello'));
    expect(contentHash64('')).toBe('cbf29ce484222325');
  });
});

describe('findExactDuplicates', () => {
  it('groups texts with equal keys, ids sorted, groups by first id', () => {
    const items = [
      { id: 'c', text: '好评！' },
      { id: 'a', text: '好评!' },
      { id: 'd', text: 'other' },
      { id: 'b', text: ' other ' },
      { id: 'e', text: 'unique' },
    ];
    expect(findExactDuplicates(items)).toEqual([['a', 'c'], ['b', 'd']]);
  });

  it('rejects duplicate ids', () => {
    expect(() => findExactDuplicates([{ id: 'x', text: 'a' }, { id: 'x', text: 'b' }])).toThrow(CleaningError);
  });
});
