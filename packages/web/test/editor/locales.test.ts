import { parseLabelConfig } from '@laoshi/core';
import { describe, expect, it } from 'vitest';
import { createEditor } from '../../src/editor/index.js';
import en from '../../src/i18n/locales/editor.en.json';
import zh from '../../src/i18n/locales/editor.zh-CN.json';
import { localeKeys, usedKeys, type Tree } from '../locale-keys.js';
import { IMAGE_CONFIG } from './harness.js';

const usedEditorKeys = () => usedKeys(['editor', 'editor-ui'], /t\('(editor\.[\w.]+)'/g);

describe('editor strings', () => {
  it('English and Chinese have the same keys', () => {
    expect([...localeKeys(zh as Tree)].sort()).toEqual([...localeKeys(en as Tree)].sort());
  });

  it('every key the components use exists', () => {
    const known = localeKeys(en as Tree);
    const used = usedEditorKeys();
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('every command has a title in both languages', () => {
    const editor = createEditor({ config: parseLabelConfig(IMAGE_CONFIG) });
    const missing = editor.commands.all().map((c) => c.title.key).filter((k) => !localeKeys(en as Tree).has(k) || !localeKeys(zh as Tree).has(k));
    expect(missing).toEqual([]);
  });
});
