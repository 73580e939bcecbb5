import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/db/database.js';
import { preparedQuery } from '../../src/db/prepared-query.js';
import { createPgDatabase, describeEachDialect } from '../helpers/dialects.js';

// On SQLite, prepared queries skip Kysely's layers when that changes nothing (GroupCommitSqliteDriver.runDirect).
// What a caller sees must stay what Kysely gives: reads outside a transaction never see another
// transaction's uncommitted writes, and a transaction's statements see its own.
const namesLike = preparedQuery((db, _dialect, pattern: string) => db.selectFrom('organizations').select('name').where('name', 'like', pattern).orderBy('id'));
const addOrganization = preparedQuery((db, _dialect, name: string) => db.insertInto('organizations').values({ name, created_at: 1 }).returning('id'));
const names = async (db: Db, pattern: string) => (await namesLike(db.kysely, pattern)).rows.map((r) => r.name);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describeEachDialect('prepared queries around transactions', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (dialect === 'postgres') {
      const pg = await createPgDatabase();
      db = openDatabase({ databaseUrl: pg.url });
      cleanup = pg.drop;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-pq-'));
      db = openDatabase({ sqlitePath: path.join(dir, 'laoshi.db') });
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  it("does not let a read outside a transaction see the transaction's uncommitted writes, then sees them once committed", async () => {
    let seenDuring: string[] | undefined;
    const tx = db.transaction(async (trx) => {
      await addOrganization(trx, 'pending-commit');
      await pause();
      // The read below was issued meanwhile; it has not answered with this transaction's write
      // (SQLite: it has not answered at all, it waits for the commit like every Kysely query).
      expect(seenDuring ?? []).not.toContain('pending-commit');
      if (dialect === 'sqlite') expect(seenDuring).toBeUndefined();
      await pause();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const read = names(db, 'pending-%').then((r) => (seenDuring = r));
    await tx;
    // SQLite: the read waited for the transaction; PostgreSQL: it answered from before it.
    expect(await read).toEqual(dialect === 'sqlite' ? ['pending-commit'] : []);
    expect(await names(db, 'pending-%')).toEqual(['pending-commit']);
  });

  it('never shows a rolled-back write to a read that ran while its transaction was open', async () => {
    const tx = db.transaction(async (trx) => {
      await addOrganization(trx, 'rolled-back');
      await pause();
      throw new Error('abort');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const read = names(db, 'rolled-%');
    await expect(tx).rejects.toThrow('abort');
    expect(await read).toEqual([]);
    expect(await names(db, 'rolled-%')).toEqual([]);
  });

  it("lets a transaction read its own writes and undoes them all on rollback, the other transactions' kept", async () => {
    const kept = db.transaction(async (trx) => {
      await addOrganization(trx, 'batch-kept');
      expect((await namesLike(trx, 'batch-%')).rows.map((r) => r.name)).toEqual(['batch-kept']);
    });
    const undone = db.transaction(async (trx) => {
      await addOrganization(trx, 'batch-undone');
      expect((await namesLike(trx, 'batch-undone')).rows).toHaveLength(1);
      throw new Error('undo');
    });
    const undoneOutcome = undone.then(
      () => 'committed',
      (err: Error) => err.message,
    );
    await kept;
    expect(await undoneOutcome).toBe('undo');
    expect(await names(db, 'batch-%')).toEqual(['batch-kept']);
  });
});
