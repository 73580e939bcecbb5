import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const LOCALES = path.join(SRC, 'i18n/locales');

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

// Plural forms differ by language (English has _one and _other, Chinese only _other): compare the base keys.
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(lang: string): Set<string> {
  const files = fs.readdirSync(LOCALES).filter((f) => f.endsWith(`.${lang}.json`));
  return new Set(files.flatMap((f) => flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, f), 'utf8')) as Record<string, unknown>)).map((k) => k.replace(PLURAL, '')));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('translations', () => {
  const en = keysOf('en');
  const zh = keysOf('zh-CN');

  it('has the same keys in English and Chinese', () => {
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has every literal app.* key the app uses, in both languages', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(SRC, 'app'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('(app\.[\w.]+)'|nameKey: '(app\.[\w.]+)'/g)) used.add((m[1] ?? m[2])!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});
