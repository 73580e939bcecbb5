import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/db/database.js';
import { refreshStaleStatistics, STATISTICS_TABLES } from '../../src/db/table-statistics.js';
import { createPgDatabase, describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';
import { firstOpenSelect } from '../../src/modules/tasks/task-queue.js';

const TEXT_CONFIG = '<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="a"/><Choice value="b"/></Choices></View>';

/** The plan PostgreSQL picks for the export's keyset walk (one batch of 1,000 tasks after `after`). */
async function keysetPlan(db: Db, projectId: number, after: number): Promise<string> {
  const rows = await sql<{ 'QUERY PLAN': string }>`explain select id, data from tasks where project_id = ${projectId} and id > ${after} order by id limit 1000`.execute(db.kysely);
  return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function analyzedAt(db: Db, table: string): Promise<number | null> {
  const rows = await sql<{ at: Date | null }>`select greatest(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = ${table}`.execute(db.kysely);
  return rows.rows[0]?.at?.getTime() ?? null;
}

/** Adds `n` tasks in one statement, on one connection, and has its statistics counters published at once. */
async function bulkTasks(db: Db, projectId: number, n: number): Promise<void> {
  await db.kysely.connection().execute(async (conn) => {
    await sql`insert into tasks (project_id, data, meta, annotation_count, is_labeled, reserved, is_open, created_at, updated_at)
      select ${projectId}, '{"text":"t' || g || '"}', '{}', 0, 0, 0, 1, 1, 1 from generate_series(1, ${n}) g`.execute(conn);
    // Counters are published when a session goes idle, at most once a second; the test cannot wait on that.
    await sql`select pg_stat_force_next_flush()`.execute(conn);
    await sql`select 1`.execute(conn);
  });
}

describeEachDialect('table statistics after bulk loads', (dialect) => {
  let t: TestApp;
  let projectId: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    projectId = (await t.call(t.admin, 'POST', '/api/projects', { title: 'Bulk', labelConfig: TEXT_CONFIG })).json().id as number;
  });
  afterAll(async () => t.close());

  if (dialect === 'sqlite') {
    it('leaves SQLite alone: its queries are written for a database without statistics', async () => {
      expect(await refreshStaleStatistics(t.ctx.db, ['tasks', 'annotations'])).toEqual([]);
      const stat = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(t.ctx.db.kysely);
      expect(stat.rows[0]!.n).toBe(0);
    });
    return;
  }

  describe('PostgreSQL', () => {
    it('analyzes a table never analyzed, after which the keyset walk is an index scan instead of a scan of every later task and a sort', async () => {
      await bulkTasks(t.ctx.db, projectId, 30_000);
      expect(await analyzedAt(t.ctx.db, 'tasks')).toBeNull();
      expect(await keysetPlan(t.ctx.db, projectId, 1000)).toMatch(/Sort/);

      const analyzed = await refreshStaleStatistics(t.ctx.db, ['tasks', 'annotations']);
      expect(analyzed).toContain('tasks');
      expect(await analyzedAt(t.ctx.db, 'tasks')).not.toBeNull();
      const plan = await keysetPlan(t.ctx.db, projectId, 1000);
      expect(plan).toMatch(/^Limit[\s\S]*Index Scan using tasks_(pkey|project_keyset_idx)/);
      expect(plan).not.toMatch(/Sort|Bitmap/);
    });

    it('leaves fresh statistics alone and analyzes again once more than a tenth of the rows changed', async () => {
      await refreshStaleStatistics(t.ctx.db, ['tasks']);
      expect(await refreshStaleStatistics(t.ctx.db, ['tasks'])).toEqual([]);
      await bulkTasks(t.ctx.db, projectId, 1_000); // ~3% of the table: not stale yet
      expect(await refreshStaleStatistics(t.ctx.db, ['tasks'])).toEqual([]);
      await bulkTasks(t.ctx.db, projectId, 10_000); // now ~35% changed
      expect(await refreshStaleStatistics(t.ctx.db, ['tasks'])).toEqual(['tasks']);
    });

    it('never throws (the export and the minute timer call it): a failure analyzes nothing', async () => {
      const pgDb = await createPgDatabase();
      const broken = openDatabase({ databaseUrl: pgDb.url });
      try {
        await migrate(broken);
      } finally {
        await broken.close();
        await pgDb.drop();
      }
      await expect(refreshStaleStatistics(broken, ['tasks'])).resolves.toEqual([]);
    });

    it('statistics frozen while every task was open send "the first open task" down the primary key; the minute refresh brings back the queue index', async () => {
      const fresh = await makeTestApp('postgres');
      try {
        const db = fresh.ctx.db;
        const project = (await fresh.call(fresh.admin, 'POST', '/api/projects', { title: 'Queue', labelConfig: TEXT_CONFIG })).json().id as number;
        await bulkTasks(db, project, 18_000);
        expect(await refreshStaleStatistics(db, STATISTICS_TABLES)).toContain('tasks');
        // The project advances: the first 10,600 tasks are labelled (and no autovacuum comes).
        await db.kysely.connection().execute(async (conn) => {
          await sql`update tasks set is_open = 0, is_labeled = 1 where project_id = ${project} and id < (select min(id) + 10600 from tasks where project_id = ${project})`.execute(conn);
          await sql`select pg_stat_force_next_flush()`.execute(conn);
          await sql`select 1`.execute(conn);
        });
        const firstOpenPlan = async () => (await sql<{ 'QUERY PLAN': string }>`explain select id from tasks where project_id = ${project} and is_open = 1 order by id limit 1`.execute(db.kysely)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(await firstOpenPlan()).toMatch(/Index Scan using tasks_pkey/);
        // The queue's own query does not depend on them: it can only be answered in order by tasks_queue_idx.
        const annotator = await fresh.user({ email: 'queue-annotator@example.com' });
        const queue = firstOpenSelect(db.kysely, 'postgres', project, annotator.id, 0).compile();
        const queuePlan = (await db.kysely.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${queue.sql}`, [...queue.parameters]))).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(queuePlan).toMatch(/Index Scan using tasks_queue_idx/);
        expect(queuePlan).not.toMatch(/tasks_pkey|Sort/);
        expect(await refreshStaleStatistics(db, STATISTICS_TABLES)).toContain('tasks');
        expect(await firstOpenPlan()).toMatch(/Index (Only )?Scan using tasks_queue_idx/);
      } finally {
        await fresh.close();
      }
    });

    it('an export analyzes tables a bulk load left without statistics before it walks them', async () => {
      const fresh = await makeTestApp('postgres');
      try {
        const project = (await fresh.call(fresh.admin, 'POST', '/api/projects', { title: 'Export', labelConfig: TEXT_CONFIG })).json().id as number;
        await bulkTasks(fresh.ctx.db, project, 2_000);
        expect(await analyzedAt(fresh.ctx.db, 'tasks')).toBeNull();
        const res = await fresh.call(fresh.admin, 'GET', `/api/projects/${project}/export?format=jsonl`);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.body.trim().split('\n')).toHaveLength(2_000);
        expect(await analyzedAt(fresh.ctx.db, 'tasks')).not.toBeNull();
      } finally {
        await fresh.close();
      }
    });
  });
});
