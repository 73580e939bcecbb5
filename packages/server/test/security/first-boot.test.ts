import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Dialect } from '../../src/db/database.js';
import { createPgDatabase, describeEachDialect } from '../helpers/dialects.js';
import { TEST_PASSWORD_COST } from '../helpers/test-app.js';

interface Booted {
  app: FastifyInstance;
  dataDir: string;
}

describeEachDialect('secure defaults on first boot', (dialect: Dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  let fresh: Booted;
  beforeAll(async () => {
    fresh = await boot();
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Boots as `laoshi serve` would with nothing configured: an empty environment and a fresh data folder. */
  async function boot(env: NodeJS.ProcessEnv = {}): Promise<Booted> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-boot-'));
    const pg = dialect === 'postgres' ? await createPgDatabase() : null;
    const db = openDatabase(pg ? { databaseUrl: pg.url } : { sqlitePath: path.join(dataDir, 'laoshi.db') });
    // Cleaned up even when buildApp refuses to start (the database is ours to close).
    const built: { app?: FastifyInstance } = {};
    cleanups.push(async () => {
      await built.app?.close();
      await db.close();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    built.app = await buildApp({ db, env: { ...env, LAOSHI_DATA_DIR: dataDir }, passwordCost: TEST_PASSWORD_COST, logger: false });
    return { app: built.app, dataDir };
  }

  it('creates no user, organization, token or session by itself', async () => {
    const { app } = fresh;
    const db = app.laoshi.db.kysely;
    for (const table of ['users', 'organizations', 'api_tokens', 'sessions', 'project_members'] as const) {
      const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
    // The usual guesses get nowhere.
    for (const [email, password] of [['admin@example.com', 'admin'], ['admin', 'admin'], ['admin@localhost', 'password'], ['root@localhost', 'laoshi']]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      expect(res.statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'GET', url: '/api/projects' })).statusCode).toBe(401);
  });

  it('keeps signup closed, so nobody can walk in and become the first user', async () => {
    const { app } = fresh;
    const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: 'first@example.com', password: 'long enough password', name: 'First' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('LAOSHI_SIGNUP_CLOSED');
    const { n } = await app.laoshi.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('makes a random 256-bit secret, readable by its owner only (0600), and keeps it across restarts', async () => {
    const first = fresh;
    const second = await boot();
    const file = path.join(first.dataDir, 'secret.key');
    const secret = fs.readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.app.laoshi.secret).toBe(secret);
    // Another install gets another secret: nothing is baked into the code.
    expect(second.app.laoshi.secret).not.toBe(secret);
    expect(second.app.laoshi.secret).toMatch(/^[0-9a-f]{64}$/);
    const restarted = await buildApp({ db: openDatabase({ sqlitePath: path.join(first.dataDir, 'again.db') }), env: { LAOSHI_DATA_DIR: first.dataDir }, logger: false });
    cleanups.push(async () => {
      await restarted.close();
      await restarted.laoshi.db.close();
    });
    expect(restarted.laoshi.secret).toBe(secret);
  });

  it('refuses a short LAOSHI_SECRET rather than run with a guessable one', async () => {
    await expect(boot({ LAOSHI_SECRET: 'short' })).rejects.toThrow(/LAOSHI_SECRET must have at least 32 characters/);
  });

  it('listens on loopback only, trusts no proxy headers, names no admin and allows no outbound exception unless told', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.trustProxy).toBe(false);
    expect(config.signupOpen).toBe(false);
    expect(config.adminEmail).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
    expect(config.secret).toBeUndefined();
    expect(config.outboundAllow).toEqual([]);
  });

  it('sends the safety headers on the very first page', async () => {
    const { app } = fresh;
    const res = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
