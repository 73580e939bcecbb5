import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app.js';
import type { LaoshiConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { openDatabase, type Dialect } from '../../src/db/database.js';
import { createApiToken } from '../../src/modules/auth/auth-service.js';
import { createOrganization, createUser } from '../../src/modules/users/user-service.js';
import { createPgDatabase } from './dialects.js';

/** Fast scrypt for tests (production uses N=2^15). */
export const TEST_PASSWORD_COST = { logN: 10, r: 8, p: 1 };

export interface TestUser {
  id: number;
  email: string;
  password: string;
  token: string;
  organizationId: number;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  dataDir: string;
  /** Admin of organization A (the first user: also superuser). */
  admin: TestUser;
  /** Admin of a second organization B, for isolation tests. */
  otherAdmin: TestUser;
  /** Adds a user to an organization (default: A) and gives them a token. */
  user(opts?: { role?: 'admin' | 'member'; organizationId?: number; email?: string }): Promise<TestUser>;
  /** A JSON request with a bearer token. */
  call(user: TestUser | null, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

/** Builds the app on a fresh database of the given dialect, with two organizations and their admins. */
export async function makeTestApp(dialect: Dialect, opts: { config?: Partial<LaoshiConfig>; now?: () => number } & Pick<BuildAppOptions, 'logger'> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-test-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  const db = openDatabase(pgDb ? { databaseUrl: pgDb.url, poolSize: 20 } : { sqlitePath: path.join(dataDir, 'laoshi.db') });
  const app = await buildApp({ db, env: {}, config: { dataDir, ...opts.config }, passwordCost: TEST_PASSWORD_COST, logger: opts.logger ?? false, now: opts.now });
  const ctx = app.laoshi;

  const addUser = async (o: { role?: 'admin' | 'member'; organizationId?: number; email?: string; superuser?: boolean } = {}): Promise<TestUser> => {
    const email = o.email ?? `user${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = `password-${counter}`;
    const organizationId = o.organizationId ?? orgA;
    const id = await createUser(ctx, { email, password, name: email.split('@')[0]!, role: o.role ?? 'member', organizationId, isSuperuser: o.superuser }, null);
    const { token } = await createApiToken(ctx, id, organizationId, 'test');
    return { id, email, password, token, organizationId };
  };
  const orgA = await createOrganization(ctx.db.kysely, 'Org A', Date.now());
  const orgB = await createOrganization(ctx.db.kysely, 'Org B', Date.now());
  const admin = await addUser({ role: 'admin', superuser: true, organizationId: orgA });
  const otherAdmin = await addUser({ role: 'admin', organizationId: orgB });

  return {
    app,
    ctx,
    dataDir,
    admin,
    otherAdmin,
    user: (o) => addUser(o),
    call: (user, method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    close: async () => {
      await app.close();
      await db.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bounding-box config used across tests. */
export const BOX_CONFIG_XML = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
    <Label value="Car"/>
    <Label value="Road"/>
  </RectangleLabels>
</View>`;

/** A valid result for BOX_CONFIG_XML. */
export const boxResult = (label = 'Car', id = 'r1') => [
  { id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: [label] } },
];
