import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Writes of at least this many tasks at once (an import, a bulk create) refresh stale statistics when done. */
export const BULK_LOAD_TASKS = 1000;

/**
 * PostgreSQL plans queries from table statistics that autovacuum refreshes only on its next round
 * (a minute or more after a bulk load). Until then a table filled by an import looks empty to the
 * planner, and the export's keyset walk ("tasks after id N, first 1,000 by id") is planned as a
 * bitmap scan of every later task plus a sort: each batch reads the rest of the table, so the
 * export turns quadratic (measured: 200,000 tasks read at 31k/s without statistics, 158k/s with).
 *
 * `refreshStaleStatistics` analyzes each named table whose statistics autovacuum would consider
 * stale (never analyzed, or more rows changed since the last analyze than its own threshold:
 * 50 + 10% of the rows), and leaves fresh ones alone. SQLite is left alone on purpose: its
 * queries here are written for a database without statistics (see exports/task-reader.ts).
 * Returns the tables analyzed.
 */
export async function refreshStaleStatistics(db: Db, tables: readonly (keyof Database & string)[]): Promise<string[]> {
  if (db.dialect !== 'postgres' || tables.length === 0) return [];
  const rows = await sql<{ relname: string; live: number; changed: number; analyzed: boolean }>`
    select relname, n_live_tup::float8 as live, n_mod_since_analyze::float8 as changed,
           (last_analyze is not null or last_autoanalyze is not null) as analyzed
    from pg_stat_user_tables
    where schemaname = current_schema() and relname in (${sql.join(tables.map((t) => sql.lit(t)))})`.execute(db.kysely);
  const stale = rows.rows.filter((r) => !r.analyzed || r.changed > 50 + 0.1 * r.live).map((r) => r.relname);
  for (const table of stale) await sql`analyze ${sql.table(table)}`.execute(db.kysely);
  return stale;
}
