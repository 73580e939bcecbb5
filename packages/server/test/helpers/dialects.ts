import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import type { Dialect } from '../../src/db/database.js';

/** Where tests create their throw-away PostgreSQL databases. */
export const PG_ADMIN_URL = process.env.LAOSHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUp = await postgresReachable();
if (!pgUp) {
  const msg = `\n!!! PostgreSQL is not reachable at ${PG_ADMIN_URL}: the PostgreSQL half of the dialect suites is SKIPPED.\n!!! Start it (pg_ctlcluster <version> main start) or set LAOSHI_TEST_PG_URL. CI (LAOSHI_REQUIRE_POSTGRES=1) fails instead.\n`;
  if (process.env.LAOSHI_REQUIRE_POSTGRES === '1') throw new Error(msg);
  console.warn(msg);
}

/** Runs a suite once per database dialect (SQLite, then PostgreSQL) — the same assertions on both. */
export function describeEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${name} [%s]`, (dialect) => {
    if (dialect === 'postgres' && !pgUp) {
      describe.skip('PostgreSQL unavailable', () => body(dialect));
      return;
    }
    body(dialect);
  });
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `laoshi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
