import { CleaningError } from './cleaning-error.js';
import { fnv1a64 } from './hashes.js';

/**
 * The form of a text used to find exact duplicates: NFKC (full-width letters, digits and spaces
 * become ASCII; compatibility characters fold), every run of whitespace becomes one space, and
 * the ends are trimmed. Case is kept.
 * @example contentKey(' Ｈｅｌｌｏ\u3000 world\n') // 'Hello world'
 */
export function contentKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * FNV-1a 64 of `contentKey(text)` as 16 lowercase hex digits: a compact grouping key for exact
 * duplicates (an index column, a Map key). Not cryptographic and collisions are possible, so
 * compare the keys themselves before merging records; file content hashes on the server are
 * SHA-256, which core does not compute (it needs no crypto API to stay pure and synchronous).
 */
export function contentHash64(text: string): string {
  return fnv1a64(contentKey(text)).toString(16).padStart(16, '0');
}

/** A text with an id, as the duplicate finders take it. */
export interface TextItem {
  id: string;
  text: string;
}

/** Throws CleaningError when two items share an id. */
export function checkUniqueIds(items: readonly TextItem[]): void {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) throw new CleaningError(`duplicate item id "${id}"`);
    seen.add(id);
  }
}

/** Sorts ids within each group and groups by their first id, by UTF-16 code units. */
export function sortGroups(groups: string[][]): string[][] {
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const group of groups) group.sort(byCodeUnit);
  return groups.sort((a, b) => byCodeUnit(a[0]!, b[0]!));
}

/**
 * Groups of ids whose texts have the same `contentKey` (only groups of two or more; ids sorted
 * within a group, groups by first id). Compares the keys themselves, so hash collisions cannot
 * merge different texts. Throws CleaningError on duplicate ids.
 */
export function findExactDuplicates(items: readonly TextItem[]): string[][] {
  checkUniqueIds(items);
  const byKey = new Map<string, string[]>();
  for (const { id, text } of items) {
    const key = contentKey(text);
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [id]);
    else group.push(id);
  }
  return sortGroups([...byKey.values()].filter((group) => group.length > 1));
}
