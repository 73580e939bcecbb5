import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DialectAdapter,
  type Kysely,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
} from 'kysely';
import type { Database } from './schema.js';

const SAVEPOINT = 'laoshi_tx';

/**
 * Group commit for SQLite. A commit costs more than all the statements of a typical request
 * together (it takes file locks and appends to the WAL), so the transactions that finish in one
 * turn of the event loop share one physical transaction: each logical transaction is a SAVEPOINT
 * inside it (its own rollback undoes only itself), and one COMMIT at the next setImmediate makes
 * them all durable at once.
 *
 * WARNING: a logical commit is not durable until `durable()` resolves; callers must await it
 * before acknowledging a write (Db.transaction does). If the physical COMMIT fails, every
 * transaction of that batch is lost and every waiter gets the error — nothing acknowledged is lost.
 * Reads outside a transaction see the open batch's writes, which commit together or not at all.
 */
export class GroupCommitSqliteDriver extends SqliteDriver implements Driver {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #db: SqliteDatabase;
  /** The batch waiting for its COMMIT, if any. */
  #batch: { promise: Promise<void>; resolve(): void; reject(err: unknown): void; scheduled: boolean } | null = null;
  #lastCommitted: Promise<void> = Promise.resolve();
  #inLogicalTx = false;
  /** Streaming queries (better-sqlite3 iterators) open on the connection: nothing else may run meanwhile. */
  #streams = 0;
  /** The transaction Db.transaction() is running, set by it: the only one runDirect() runs statements of. */
  currentTransaction: Kysely<Database> | null = null;
  /** The transaction-control statements, prepared once (they run several times per request). */
  readonly #sql: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback', BetterSqlite3.Statement>;

  constructor(sqlite: BetterSqlite3.Database, db: SqliteDatabase) {
    super({ database: db });
    this.#sqlite = sqlite;
    this.#db = db;
    this.#sql = {
      begin: sqlite.prepare('begin immediate'),
      savepoint: sqlite.prepare(`savepoint ${SAVEPOINT}`),
      release: sqlite.prepare(`release ${SAVEPOINT}`),
      rollbackTo: sqlite.prepare(`rollback to ${SAVEPOINT}`),
      commit: sqlite.prepare('commit'),
      rollback: sqlite.prepare('rollback'),
    };
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    return {
      // A write outside any transaction first commits the open batch, so it is durable on its own.
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (!this.#inLogicalTx && this.#batch && !this.#db.prepare(query.sql).reader) this.#commitBatch();
        return inner.executeQuery<R>(query);
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => this.#tracked(inner.streamQuery<R>(query, chunkSize)),
    };
  }

  async *#tracked<R>(stream: AsyncIterableIterator<QueryResult<R>>): AsyncIterableIterator<QueryResult<R>> {
    this.#streams++;
    try {
      yield* stream;
    } finally {
      this.#streams--;
    }
  }

  /**
   * Runs a statement at once, synchronously, when that is exactly what Kysely would do, only
   * without its promise layers (a hot statement costs several times its SQLite time there):
   * - a statement of the transaction Db.transaction() is running, while it runs (its own
   *   statements are serial: the connection is its own);
   * - a read-only statement outside any transaction while no logical transaction is open (Kysely
   *   would run it at once too; during one it waits for the commit, so the caller must go through Kysely).
   * Returns undefined where the statement must go through Kysely.
   */
  runDirect<R>(db: Kysely<Database>, sql: string, parameters: readonly unknown[]): QueryResult<R> | undefined {
    if (this.#streams > 0) return undefined;
    const inTransaction = db.isTransaction;
    if (inTransaction ? db !== this.currentTransaction || !this.#inLogicalTx : this.#inLogicalTx) return undefined;
    const statement = this.#db.prepare(sql) as unknown as BetterSqlite3.Statement;
    if (!inTransaction && !statement.readonly) return undefined;
    // The same results as Kysely's SqliteConnection.executeQuery.
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  override async beginTransaction(): Promise<void> {
    if (!this.#sqlite.inTransaction) {
      // IMMEDIATE takes the write lock now (waiting up to busy_timeout for another process),
      // so a read-then-write transaction never fails on a stale snapshot.
      this.#sql.begin.run();
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // waiters get the error; an unawaited batch must not crash
      this.#batch = { promise, resolve, reject, scheduled: false };
    }
    this.#sql.savepoint.run();
    this.#inLogicalTx = true;
  }

  override async commitTransaction(): Promise<void> {
    this.#inLogicalTx = false;
    const batch = this.#batch;
    if (!batch || !this.#sqlite.inTransaction) {
      // SQLite rolled the whole physical transaction back (disk full, I/O error): the batch is lost.
      const err = new Error('the database transaction was rolled back by SQLite');
      this.#failBatch(err);
      throw err;
    }
    this.#sql.release.run();
    this.#lastCommitted = batch.promise;
    if (!batch.scheduled) {
      batch.scheduled = true;
      setImmediate(() => void this.#flush());
    }
  }

  override async rollbackTransaction(): Promise<void> {
    this.#inLogicalTx = false;
    if (!this.#sqlite.inTransaction) {
      this.#failBatch(new Error('the database transaction was rolled back by SQLite'));
      return;
    }
    this.#sql.rollbackTo.run();
    this.#sql.release.run();
    // A batch with no committed transaction in it ends here rather than waiting for a flush.
    if (this.#batch && !this.#batch.scheduled) this.#commitBatch();
  }

  /** Resolves once the most recently committed transaction is durable (rejects if its batch failed). */
  durable(): Promise<void> {
    return this.#lastCommitted;
  }

  override async destroy(): Promise<void> {
    if (this.#batch) await this.#flush();
    await super.destroy();
  }

  async #flush(): Promise<void> {
    // Wait for the connection so that no logical transaction is cut in half.
    await super.acquireConnection();
    try {
      if (this.#batch) this.#commitBatch();
    } finally {
      await super.releaseConnection();
    }
  }

  #commitBatch(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = null;
    try {
      this.#sql.commit.run();
      batch.resolve();
    } catch (err) {
      if (this.#sqlite.inTransaction) this.#sql.rollback.run();
      batch.reject(err);
    }
  }

  #failBatch(err: unknown): void {
    const batch = this.#batch;
    this.#batch = null;
    batch?.reject(err);
  }
}

const driversByAdapter = new WeakMap<DialectAdapter, GroupCommitSqliteDriver>();

/** The group-commit driver behind a Kysely instance (or one of its transactions), if it has one. */
export function groupCommitDriverOf(db: Kysely<Database>): GroupCommitSqliteDriver | undefined {
  return driversByAdapter.get(db.getExecutor().adapter);
}

/** Kysely's SQLite dialect with the group-commit driver. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly driver: GroupCommitSqliteDriver;

  constructor(sqlite: BetterSqlite3.Database, db: SqliteDatabase) {
    super({ database: db });
    this.driver = new GroupCommitSqliteDriver(sqlite, db);
  }

  override createDriver(): Driver {
    return this.driver;
  }

  // Transactions share their Kysely instance's adapter: it leads from any of them to the driver.
  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    driversByAdapter.set(adapter, this.driver);
    return adapter;
  }
}
