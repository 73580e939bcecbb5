import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * PostgreSQL plans queries from table statistics. Two ways they go wrong here, both measured:
 *
 * - Missing (a table filled by a bulk load before autovacuum's next round, or never where
 *   autovacuum is off): the export's keyset walk ("tasks after id N, first 1,000 by id") is
 *   planned as a bitmap scan of every later task plus a sort, so each batch reads the rest of the
 *   table and the export turns quadratic (1M annotations: 5–10k/s without statistics, ~50k/s with).
 * - Frozen (analyzed once, then never again where autovacuum is off): taken while every task was
 *   open, they tell the planner open tasks are everywhere, so "the first open task" is looked for
 *   by walking the primary key past every task already labelled; the next-task query slows as the
 *   project advances (bench/load on PostgreSQL: next p95 16 → 71 ms over three minutes).
 *
 * So the export refreshes what is stale before it reads, and the server refreshes the labeling
 * tables once a minute (`STATISTICS_TABLES`), with autovacuum's own rule for "stale": never
 * analyzed, or more rows changed since than 50 + 10% of the table. Where autovacuum runs, this
 * mostly finds nothing to do. SQLite is left alone on purpose: its queries here are written for
 * a database without statistics (see exports/task-reader.ts).
 */

/** The tables whose statistics the labeling queue and the exports depend on. */
export const STATISTICS_TABLES = ['tasks', 'annotations', 'predictions', 'task_locks', 'task_skips'] as const;

/**
 * Analyzes each named table whose statistics are stale and returns the tables analyzed. Never
 * throws: statistics only help the planner, and a failure must not fail the export or the timer
 * that calls this.
 */
export async function refreshStaleStatistics(db: Db, tables: readonly (keyof Database & string)[]): Promise<string[]> {
  if (db.dialect !== 'postgres' || tables.length === 0) return [];
  try {
    const rows = await sql<{ relname: string; live: number; changed: number; analyzed: boolean }>`
      select relname, n_live_tup::float8 as live, n_mod_since_analyze::float8 as changed,
             (last_analyze is not null or last_autoanalyze is not null) as analyzed
      from pg_stat_user_tables
      where schemaname = current_schema() and relname in (${sql.join(tables.map((t) => sql.lit(t)))})`.execute(db.kysely);
    const stale = rows.rows.filter((r) => !r.analyzed || r.changed > 50 + 0.1 * r.live).map((r) => r.relname);
    for (const table of stale) await sql`analyze ${sql.table(table)}`.execute(db.kysely);
    return stale;
  } catch {
    return [];
  }
}
