// A built `laoshi serve` in a child process on a throw-away database (SQLite file or PostgreSQL
// database), with users and API tokens seeded directly (scrypt at full cost for 200 users
// would take longer than the load test). Used by bench/load.ts and the durability tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdmin, createApiToken, createServerContext, createUser, loadConfig } from '@laoshi/server';
import pg from 'pg';
import { freePort, startProcess, type StartedProcess } from './server-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'packages/cli/bin/laoshi.js');
/** Where throw-away PostgreSQL databases are created (the tests' variable). */
export const PG_ADMIN_URL = process.env.LAOSHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type LoadDialect = 'sqlite' | 'postgres';

export interface SeededUser {
  id: number;
  token: string;
}

export interface LoadServer {
  dialect: LoadDialect;
  origin: string;
  adminToken: string;
  annotators: SeededUser[];
  reviewers: SeededUser[];
  /** The running server process (a new one after each restart). */
  process(): StartedProcess;
  /** Starts the server again on the same data (after {@link kill}). */
  restart(): Promise<void>;
  /** `kill -9`: no shutdown hook runs, in-flight requests are cut. */
  kill(): Promise<void>;
  /** An admin API call; throws on anything but 2xx. */
  api<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<T>;
  /** Stops the server and deletes its data (folder and database). */
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** True when PostgreSQL answers at PG_ADMIN_URL. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Seeds an admin, `annotators` annotators and `reviewers` reviewers (each with an API token) into
 * a fresh database, then starts the built server on it.
 */
export async function startSeededServer(opts: { dialect: LoadDialect; annotators: number; reviewers: number; env?: Record<string, string> }): Promise<LoadServer> {
  if (!fs.existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('the server is not built: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-load-'));
  const dbName = `laoshi_load_${randomBytes(6).toString('hex')}`;
  let databaseUrl = '';
  if (opts.dialect === 'postgres') {
    await adminQuery(`create database ${dbName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const dropData = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (opts.dialect === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`);
  };

  let seeded: { adminToken: string; annotators: SeededUser[]; reviewers: SeededUser[] };
  try {
    seeded = await seed(loadConfig({}, { dataDir, databaseUrl: databaseUrl || undefined }), opts.annotators, opts.reviewers);
  } catch (err) {
    await dropData();
    throw err;
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // LAOSHI_TASK_LOCK_TTL_SECONDS stays at its default: a task handed out stays its annotator's.
  const env = { DATABASE_URL: databaseUrl, LAOSHI_LOG_LEVEL: 'warn', ...opts.env };
  const start = () => startProcess([CLI, 'serve', '--port', String(port), '--data', dataDir], env, `${origin}/api/health`);
  let current = await start().catch(async (err: unknown) => {
    await dropData();
    throw err;
  });

  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(origin + url, {
      method,
      headers: { authorization: `Bearer ${seeded.adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  return {
    dialect: opts.dialect,
    origin,
    ...seeded,
    process: () => current,
    restart: async () => {
      current = await start();
    },
    kill: async () => {
      const child = current.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    api,
    close: async () => {
      // stop() waits for an exit that a killed process has already made.
      if (current.child.exitCode === null && current.child.signalCode === null) await current.stop();
      await dropData();
    },
  };
}

/** Users and tokens straight into the database, with a cheap password hash (nobody logs in with them). */
async function seed(config: ReturnType<typeof loadConfig>, annotators: number, reviewers: number) {
  const base = await createServerContext(config);
  const ctx = { ...base, passwordCost: { logN: 4, r: 8, p: 1 } };
  try {
    const adminId = await createAdmin(ctx, { email: 'load-admin@example.com', password: 'load admin password' });
    const orgId = (await ctx.db.kysely.selectFrom('users').select('organization_id').where('id', '=', adminId).executeTakeFirstOrThrow()).organization_id;
    const adminToken = (await createApiToken(ctx, adminId, orgId, 'load')).token;
    const make = async (prefix: string, n: number): Promise<SeededUser[]> => {
      const out: SeededUser[] = [];
      for (let i = 0; i < n; i++) {
        const id = await createUser(ctx, { email: `${prefix}${i}@example.com`, password: 'load user password', name: `${prefix}${i}`, role: 'member', organizationId: orgId }, adminId);
        out.push({ id, token: (await createApiToken(ctx, id, orgId, 'load')).token });
      }
      return out;
    };
    return { adminToken, annotators: await make('annotator', annotators), reviewers: await make('reviewer', reviewers) };
  } finally {
    await base.jobs.close();
    await base.db.close();
  }
}

/** A box-labelling project with its members; returns its id. */
export async function createLoadProject(server: LoadServer, opts: { tasks: number; overlap?: number }): Promise<number> {
  const { id } = await server.api<{ id: number }>('POST', '/api/projects', { title: 'load', labelConfig: LOAD_CONFIG, overlap: opts.overlap ?? 1 });
  await addTasks(server, id, 0, opts.tasks);
  for (const u of server.annotators) await server.api('POST', `/api/projects/${id}/members`, { userId: u.id, role: 'annotator' });
  for (const u of server.reviewers) await server.api('POST', `/api/projects/${id}/members`, { userId: u.id, role: 'reviewer' });
  return id;
}

/** Adds `count` tasks numbered from `from`, in batches as an import would. */
export async function addTasks(server: LoadServer, projectId: number, from: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += 5000) {
    const n = Math.min(5000, count - i);
    await server.api('POST', `/api/projects/${projectId}/tasks`, Array.from({ length: n }, (_, j) => ({ data: { image: `https://example.com/img/${from + i + j}.jpg` } })));
  }
}

export const LOAD_CONFIG = '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels></View>';

/** A result for LOAD_CONFIG; `n` varies the box so submissions differ. */
export const loadResult = (n: number) => [
  { id: `r${n}`, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: n % 80, y: 10, width: 10, height: 20, rotation: 0, rectanglelabels: [n % 2 ? 'Car' : 'Road'] } },
];
