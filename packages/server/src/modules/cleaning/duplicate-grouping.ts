import { groupNearHashes, jaccard, shingles, type HashItem } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { Json } from './task-content.js';
import { textOf } from './task-content.js';
import type { TextLsh } from './text-lsh.js';
import { UnionFind, type U32Column } from './u32-column.js';

export type DuplicateKind = 'exact' | 'text' | 'image';

/** A group the scan found: task ids in id order. */
export interface FoundGroup {
  kind: DuplicateKind;
  similarity: number;
  taskIds: number[];
}

/** What the streaming pass kept per task: its id, 64 bits of its content hash, text band keys, image hashes. */
export interface Collected {
  taskIds: U32Column;
  hashHi: U32Column;
  hashLo: U32Column;
  lsh: TextLsh;
  /** Text entry → task index. */
  textTask: U32Column;
  /** Image hashes, `id` being the task index. */
  images: HashItem[];
}

const sameHash = (c: Collected, i: number, j: number) => c.hashHi.get(i) === c.hashHi.get(j) && c.hashLo.get(i) === c.hashLo.get(j);

/**
 * Links tasks with the same content hash. 64 bits of SHA-256 of the canonical data: the chance
 * that any two of a million different tasks share them is about 3 in 100 million.
 */
function linkExact(c: Collected, uf: UnionFind): void {
  const n = c.taskIds.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => c.hashHi.get(a) - c.hashHi.get(b) || c.hashLo.get(a) - c.hashLo.get(b));
  for (let i = 1; i < n; i++) if (sameHash(c, order[i - 1]!, order[i]!)) uf.union(order[i - 1]!, order[i]!);
}

/** The shingle sets of the texts of `taskIndexes`, read again from the database a batch at a time. */
async function shingleSets(ctx: AppContext, c: Collected, taskIndexes: number[], mediaKeys: ReadonlySet<string>, k: number): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  for (let i = 0; i < taskIndexes.length; i += 500) {
    const chunk = taskIndexes.slice(i, i + 500);
    const indexOf = new Map(chunk.map((t) => [c.taskIds.get(t), t]));
    const rows = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data']).where('id', 'in', [...indexOf.keys()]).execute();
    for (const row of rows) out.set(indexOf.get(row.id)!, shingles(textOf(JSON.parse(row.data) as Record<string, Json>, mediaKeys), k));
  }
  return out;
}

/**
 * Exact and near-duplicate text groups: connected components of "same content hash" and "LSH
 * candidates whose exact Jaccard similarity reaches the threshold". A component whose members all
 * share one content hash is an 'exact' group, otherwise a 'text' group whose similarity is its
 * weakest link. Verification holds the shingle sets of the candidate texts only (duplicates are
 * usually a small share; a project of near-copies costs more).
 */
export async function textGroups(ctx: AppContext, c: Collected, opts: { exact: boolean; text: boolean; threshold: number; k: number; mediaKeys: ReadonlySet<string> }): Promise<FoundGroup[]> {
  const n = c.taskIds.length;
  const uf = new UnionFind(n);
  if (opts.exact) linkExact(c, uf);
  const edges: { a: number; b: number; similarity: number }[] = [];
  if (opts.text && c.lsh.size > 1) {
    const pairs = c.lsh.candidatePairs().map(([a, b]) => [c.textTask.get(a), c.textTask.get(b)] as const).filter(([a, b]) => !(opts.exact && sameHash(c, a, b)));
    const involved = [...new Set(pairs.flat())];
    const sets = await shingleSets(ctx, c, involved, opts.mediaKeys, opts.k);
    for (const [a, b] of pairs) {
      const sa = sets.get(a);
      const sb = sets.get(b);
      if (!sa || !sb) continue; // deleted since the first pass
      const similarity = jaccard(sa, sb);
      if (similarity >= opts.threshold) {
        uf.union(a, b);
        edges.push({ a, b, similarity });
      }
    }
  }
  const weakest = new Map<number, number>();
  for (const e of edges) {
    const root = uf.find(e.a);
    weakest.set(root, Math.min(weakest.get(root) ?? 1, e.similarity));
  }
  const members = new Map<number, number[]>();
  const size = new Uint32Array(n);
  for (let i = 0; i < n; i++) size[uf.find(i)]! += 1;
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    if (size[root]! < 2) continue;
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  return [...members.entries()].map(([root, list]) => {
    const exact = list.every((i) => sameHash(c, i, list[0]!));
    return { kind: exact ? 'exact' : 'text', similarity: exact ? 1 : (weakest.get(root) ?? 1), taskIds: list.map((i) => c.taskIds.get(i)).sort((x, y) => x - y) };
  });
}

/**
 * Near-duplicate image groups by dHash within `maxDistance` bits (core's groupNearHashes). A
 * group whose tasks are all exact duplicates of each other is left out when exact groups are
 * reported: it would be the same group twice. Similarity is 1 − (most differing bits of a link)/64.
 */
export function imageGroups(c: Collected, maxDistance: number, exactReported: boolean): FoundGroup[] {
  const { groups, pairs } = groupNearHashes(c.images, maxDistance);
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.forEach((id) => groupOf.set(id, gi)));
  const worst = new Array<number>(groups.length).fill(0);
  for (const p of pairs) worst[groupOf.get(p.a)!] = Math.max(worst[groupOf.get(p.a)!]!, p.distance);
  const out: FoundGroup[] = [];
  groups.forEach((g, gi) => {
    const indexes = g.map(Number);
    if (exactReported && indexes.every((i) => sameHash(c, i, indexes[0]!))) return;
    out.push({ kind: 'image', similarity: 1 - worst[gi]! / 64, taskIds: indexes.map((i) => c.taskIds.get(i)).sort((x, y) => x - y) });
  });
  return out;
}
