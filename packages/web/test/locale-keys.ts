import fs from 'node:fs';
import path from 'node:path';

// Shared by the translation tests: the keys a locale file defines and the keys the source uses.

export type Tree = { [key: string]: string | Tree };

export const SRC = path.resolve(import.meta.dirname, '../src');
const LOCALES = path.join(SRC, 'i18n/locales');

/** Every leaf key, with i18next plural suffixes folded (`many_one`, `many_other` → `many`): languages differ in plural forms. */
export function localeKeys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const name = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof v === 'string') out.add(name);
    else for (const inner of localeKeys(v, `${name}.`)) out.add(inner);
  }
  return out;
}

/** The keys of every locale file of one language (app.en.json, editor.en.json, …), merged. */
export function languageKeys(lang: string): Set<string> {
  const files = fs.readdirSync(LOCALES).filter((f) => f.endsWith(`.${lang}.json`));
  return new Set(files.flatMap((f) => [...localeKeys(JSON.parse(fs.readFileSync(path.join(LOCALES, f), 'utf8')) as Tree)]));
}

/** The literal keys the .ts/.tsx files under `dirs` (relative to src) use: the first capture group of `pattern`. */
export function usedKeys(dirs: readonly string[], pattern: RegExp): Set<string> {
  const used = new Set<string>();
  for (const dir of dirs) {
    for (const file of fs.readdirSync(path.join(SRC, dir), { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(file)) continue;
      for (const m of fs.readFileSync(path.join(SRC, dir, file), 'utf8').matchAll(pattern)) used.add(m[1] as string);
    }
  }
  return used;
}
