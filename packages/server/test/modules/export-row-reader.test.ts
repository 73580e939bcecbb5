import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRowReader } from '../../src/modules/exports/task-reader.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDialect('export row reader', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t.close());

  const names = () => t.ctx.db.kysely.selectFrom('organizations').select(['id', 'name']).orderBy('id');

  it('gives rows as arrays of the selected columns, in select order', async () => {
    const reader = await openRowReader(t.ctx.db);
    try {
      const rows = await reader.rows(names());
      const expected = (await names().execute()).map((r) => [r.id, r.name]);
      expect(expected.length).toBeGreaterThan(1);
      expect(rows).toEqual(expected);
    } finally {
      reader.close();
    }
  });

  if (dialect !== 'postgres') return;

  it('survives its connection being cut while held: the next read fails with the error, the process does not crash, the pool goes on', async () => {
    const reader = await openRowReader(t.ctx.db);
    const errors: unknown[] = [];
    const onUncaught = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onUncaught);
    let closed = false;
    try {
      const pid = (await reader.rows(t.ctx.db.kysely.selectNoFrom(sql<number>`pg_backend_pid()`.as('pid'))))[0]![0] as number;
      await sql`select pg_terminate_backend(${pid})`.execute(t.ctx.db.kysely);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the client notices the closed socket
      await expect(reader.rows(names())).rejects.toThrow(/terminat|Connection/i);
      reader.close();
      closed = true;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(errors).toEqual([]);
      // The broken client was dropped, not handed back out.
      expect((await names().execute()).length).toBeGreaterThan(1);
      const again = await openRowReader(t.ctx.db);
      try {
        expect((await again.rows(names())).length).toBeGreaterThan(1);
      } finally {
        again.close();
      }
    } finally {
      if (!closed) reader.close();
      process.off('uncaughtException', onUncaught);
    }
  });
});
