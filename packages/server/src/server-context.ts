import path from 'node:path';
import { DEFAULT_PASSWORD_COST, hashPassword } from './auth/password.js';
import { loadOrCreateSecret } from './auth/secret.js';
import type { LaoshiConfig } from './config.js';
import type { AppContext } from './context.js';
import { migrate, openDatabase } from './db/database.js';
import { JobRunner } from './jobs/job-runner.js';
import { createBlobStore } from './storage/index.js';

/**
 * The services' context without an HTTP server, for the CLI: opens and migrates the database.
 * Close ctx.jobs, then ctx.db, when done. Unlike buildApp it does not fail jobs left running:
 * a server may be running them right now.
 */
export async function createServerContext(config: LaoshiConfig): Promise<AppContext> {
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: path.join(config.dataDir, 'laoshi.db'), sqliteSynchronous: config.sqliteSynchronous });
  await migrate(db);
  let dummy: Promise<string> | undefined;
  return {
    db,
    config,
    secret: loadOrCreateSecret(config.dataDir, config.secret),
    passwordCost: DEFAULT_PASSWORD_COST,
    now: Date.now,
    dummyPasswordHash: () => (dummy ??= hashPassword('not-a-real-password', DEFAULT_PASSWORD_COST)),
    jobs: new JobRunner({ db }),
    blobs: createBlobStore(config),
  };
}
