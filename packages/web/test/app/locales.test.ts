import { describe, expect, it } from 'vitest';
import { languageKeys, usedKeys } from '../locale-keys.js';

describe('translations', () => {
  const en = languageKeys('en');
  const zh = languageKeys('zh-CN');

  it('has the same keys in English and Chinese', () => {
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has every literal app.* key the app uses, in both languages', () => {
    const used = new Set([...usedKeys(['app'], /\bt\('(app\.[\w.]+)'/g), ...usedKeys(['app'], /nameKey: '(app\.[\w.]+)'/g)]);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});
