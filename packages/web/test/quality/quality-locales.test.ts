import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/quality.en.json';
import zh from '../../src/i18n/locales/quality.zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf key, with i18next plural suffixes folded (`title_one`, `title_other` → `title`). */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const name = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof v === 'string') out.add(name);
    else for (const inner of keys(v, `${name}.`)) out.add(inner);
  }
  return out;
}

const source = path.resolve(import.meta.dirname, '../../src/app');
function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const file of fs.readdirSync(source, { recursive: true }) as string[]) {
    if (!/\.tsx?$/.test(file)) continue;
    for (const m of fs.readFileSync(path.join(source, file), 'utf8').matchAll(/'(quality\.[\w.-]+)'/g)) used.add(m[1] as string);
  }
  return used;
}

describe('quality strings', () => {
  it('English and Chinese have the same keys', () => {
    expect([...keys(zh as Tree)].sort()).toEqual([...keys(en as Tree)].sort());
  });

  it('has every key the app uses, in both languages', () => {
    const known = keys(en as Tree);
    expect([...usedKeys()].filter((k) => !known.has(k))).toEqual([]);
  });
});
