import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Dialect } from './database.js';
import { groupCommitDriverOf } from './group-commit-sqlite.js';
import type { Database } from './schema.js';

type Slot = { arg: number } | { value: unknown };

const MARK = '\u0000laoshi-arg:';

/**
 * A hot-path query that Kysely builds and compiles once per dialect and then re-runs with new
 * arguments: building and compiling cost more than running most of our statements.
 *
 * WARNING: `build` runs once, with placeholder strings for the arguments, so the SQL it makes
 * must not depend on their values (no `$if` on an argument, no `in` list of varying length).
 * Constants written in the builder stay as they are. The memo holds only SQL text, which depends
 * on nothing but the dialect, so sharing it between app instances is safe.
 */
export function preparedQuery<A extends unknown[], R>(build: (db: Kysely<Database>, dialect: Dialect, ...args: A) => Compilable<R>) {
  const compiled = new Map<Dialect, { sql: string; slots: Slot[] }>();
  return (db: Kysely<Database>, ...args: A): Promise<QueryResult<R>> => {
    const executor = db.getExecutor();
    const dialect: Dialect = executor.adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
    let entry = compiled.get(dialect);
    if (!entry) {
      const marks = args.map((_, i) => `${MARK}${i}`) as unknown as A;
      const query = build(db, dialect, ...marks).compile();
      const slots = query.parameters.map((p): Slot => (typeof p === 'string' && p.startsWith(MARK) ? { arg: Number(p.slice(MARK.length)) } : { value: p }));
      entry = { sql: query.sql, slots };
      compiled.set(dialect, entry);
    }
    const parameters = entry.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    if (dialect === 'sqlite' && executor.plugins.length === 0) {
      try {
        const direct = groupCommitDriverOf(db)?.runDirect<R>(db, entry.sql, parameters);
        if (direct) return Promise.resolve(direct);
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    return db.executeQuery<R>(CompiledQuery.raw(entry.sql, parameters));
  };
}
