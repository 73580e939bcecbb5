import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/quality.en.json';
import zh from '../../src/i18n/locales/quality.zh-CN.json';
import { localeKeys, usedKeys, type Tree } from '../locale-keys.js';


describe('quality strings', () => {
  it('English and Chinese have the same keys', () => {
    expect([...localeKeys(zh as Tree)].sort()).toEqual([...localeKeys(en as Tree)].sort());
  });

  it('has every key the app uses, in both languages', () => {
    const known = localeKeys(en as Tree);
    expect([...usedKeys(['app'], /'(quality\.[\w.-]+)'/g)].filter((k) => !known.has(k))).toEqual([]);
  });
});
