import fs from 'node:fs';
import path from 'node:path';
import { parseLabelConfig } from '@laoshi/core';
import { describe, expect, it } from 'vitest';
import { createEditor } from '../../src/editor/index.js';
import en from '../../src/i18n/locales/editor.en.json';
import zh from '../../src/i18n/locales/editor.zh-CN.json';
import { IMAGE_CONFIG } from './harness.js';

type Tree = { [key: string]: string | Tree };

/** Every leaf key, with i18next plural suffixes folded (`many_one`, `many_other` → `many`). */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const name = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof v === 'string') out.add(name);
    else for (const inner of keys(v, `${name}.`)) out.add(inner);
  }
  return out;
}

const source = path.resolve(import.meta.dirname, '../../src');
function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const dir of ['editor', 'editor-ui']) {
    for (const file of fs.readdirSync(path.join(source, dir), { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(file)) continue;
      const text = fs.readFileSync(path.join(source, dir, file), 'utf8');
      for (const m of text.matchAll(/t\('(editor\.[\w.]+)'/g)) used.add(m[1] as string);
    }
  }
  return used;
}

describe('editor strings', () => {
  it('English and Chinese have the same keys', () => {
    expect([...keys(zh as Tree)].sort()).toEqual([...keys(en as Tree)].sort());
  });

  it('every key the components use exists', () => {
    const known = keys(en as Tree);
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('every command has a title in both languages', () => {
    const editor = createEditor({ config: parseLabelConfig(IMAGE_CONFIG) });
    const missing = editor.commands.all().map((c) => c.title.key).filter((k) => !keys(en as Tree).has(k) || !keys(zh as Tree).has(k));
    expect(missing).toEqual([]);
  });
});
