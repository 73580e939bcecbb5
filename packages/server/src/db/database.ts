import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import { GroupCommitSqliteDialect } from './group-commit-sqlite.js';
import * as initial from './migrations/0001-initial.js';
import * as dataManager from './migrations/0005-data-manager.js';
import * as jobsAndMedia from './migrations/0002-jobs-and-media.js';
import * as datasetVersions from './migrations/0003-dataset-versions.js';
import * as quality from './migrations/0004-quality.js';
import * as models from './migrations/0006-models.js';
import * as webhooks from './migrations/0007-webhooks.js';
import * as cleaning from './migrations/0008-cleaning.js';
import * as evaluations from './migrations/0009-evaluations.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the typed query builder plus what differs between the dialects. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Runs `fn` in a transaction and resolves once its writes are durable (use this, not kysely.transaction()). */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL's connection pool, for the few readers that need the driver itself (array rows). */
  pgPool?: pg.Pool;
}

export interface OpenDatabaseOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL pool size. */
  poolSize?: number;
}

// int8 (bigint) columns hold epoch milliseconds, well inside Number's exact range.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Opens SQLite (WAL) or PostgreSQL, without migrating. */
export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, types: pgTypes });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', pgPool: pool, transaction: (fn) => kysely.transaction().execute(fn), close: () => kysely.destroy() };
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode loses nothing on a process crash; FULL also survives power loss.
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  const dialect = new GroupCommitSqliteDialect(sqlite, withStatementCache(sqlite));
  const kysely = new Kysely<Database>({ dialect });
  return {
    kysely,
    dialect: 'sqlite',
    transaction: async (fn) => {
      const result = await kysely.transaction().execute(async (trx) => {
        // Its statements may skip Kysely's promise layers while it runs (GroupCommitSqliteDriver.runDirect).
        dialect.driver.currentTransaction = trx;
        try {
          return await fn(trx);
        } finally {
          dialect.driver.currentTransaction = null;
        }
      });
      await dialect.driver.durable();
      return result;
    },
    close: () => kysely.destroy(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 with prepared statements reused by SQL text: preparing costs as much as running
 * a simple query, and Kysely prepares on every call. Safe because Kysely's SQLite driver runs one
 * statement at a time on its single connection.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        // Oldest first out: hot statements are re-prepared at most once per STATEMENT_CACHE_SIZE new ones.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

const migrations: Record<string, (db: Kysely<unknown>, dialect: Dialect) => Promise<void>> = {
  '0001-initial': initial.up,
  '0005-data-manager': dataManager.up,
  '0002-jobs-and-media': jobsAndMedia.up,
  '0003-dataset-versions': datasetVersions.up,
  '0004-quality': quality.up,
  '0006-models': models.up,
  '0007-webhooks': webhooks.up,
  '0008-cleaning': cleaning.up,
  '0009-evaluations': evaluations.up,
};

/** Brings the schema up to date; safe to call on every start. */
export async function migrate(db: Db): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, up]): [string, Migration] => [name, { up: (k) => up(k, db.dialect) }]),
      ),
  };
  const { error, results } = await new Migrator({ db: db.kysely, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True when `err` is a unique-constraint violation in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
