import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/db/database.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function open(): Promise<{ db: Db; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-gc-'));
  dirs.push(dir);
  const file = path.join(dir, 'laoshi.db');
  const db = openDatabase({ sqlitePath: file });
  dbs.push(db);
  await migrate(db);
  return { db, file };
}

/** Organizations as another connection sees them: what is committed on disk. */
function committedNames(file: string): string[] {
  const other = new SqliteDatabase(file, { readonly: true });
  try {
    return (other.prepare('select name from organizations order by id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    other.close();
  }
}

const insert = (db: Db, name: string) => db.transaction((trx) => trx.insertInto('organizations').values({ name, created_at: 1 }).execute());

describe('SQLite group commit', () => {
  it('makes a transaction durable before db.transaction resolves', async () => {
    const { db, file } = await open();
    await insert(db, 'a');
    expect(committedNames(file)).toEqual(['a']);
  });

  it('commits concurrent transactions together, each visible on disk once acknowledged', async () => {
    const { db, file } = await open();
    const acked: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((n) => insert(db, n).then(() => acked.push(n))));
    expect(acked.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(committedNames(file)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back one failed transaction without touching the others in its batch', async () => {
    const { db, file } = await open();
    const results = await Promise.allSettled([
      insert(db, 'kept-1'),
      db.transaction(async (trx) => {
        await trx.insertInto('organizations').values({ name: 'undone', created_at: 1 }).execute();
        throw new Error('boom');
      }),
      insert(db, 'kept-2'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedNames(file)).toEqual(['kept-1', 'kept-2']);
  });

  it('commits the open batch before a write outside any transaction', async () => {
    const { db, file } = await open();
    const pending = insert(db, 'in-batch');
    await sql`insert into organizations (name, created_at) values ('outside', 1)`.execute(db.kysely);
    expect(committedNames(file)).toEqual(['in-batch', 'outside']);
    await pending;
  });

  it('lets reads outside a transaction go on while a batch is open', async () => {
    const { db } = await open();
    const pending = insert(db, 'x');
    const rows = await db.kysely.selectFrom('organizations').select('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['x']);
    await pending;
  });

  it('keeps every acknowledged transaction when the process is killed (kill -9)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-gc-kill-'));
    dirs.push(dir);
    const file = path.join(dir, 'laoshi.db');
    const script = fileURLToPath(new URL('./fixtures/ack-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Set<string>();
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const l of lines) if (l.startsWith('ack ')) acked.add(l.slice(4));
        if (acked.size >= 300 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.once('exit', r) : r(null)));
    expect(acked.size).toBeGreaterThanOrEqual(300);
    const saved = new Set(committedNames(file));
    const lost = [...acked].filter((n) => !saved.has(n));
    expect(lost).toEqual([]);
  });
});
