import type { LaoshiConfig } from './config.js';
import type { PasswordCost } from './auth/password.js';
import type { Db } from './db/database.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { BlobStore } from './storage/blob-store.js';
import type { OrgRole } from './db/schema.js';

/** What every service needs, made once by buildApp() (no module-level singletons). */
export interface AppContext {
  db: Db;
  config: LaoshiConfig;
  secret: string;
  passwordCost: PasswordCost;
  now(): number;
  /** A hash of a random password, made once, to verify against when an e-mail is unknown. */
  dummyPasswordHash(): Promise<string>;
  /** Background jobs with progress (jobs/job-runner.ts). */
  jobs: JobRunner;
  /** Media, thumbnails and exports: a local folder or an S3 bucket (storage/). */
  blobs: BlobStore;
}

/** The authenticated caller of a request. */
export interface Actor {
  id: number;
  organizationId: number;
  email: string;
  name: string;
  orgRole: OrgRole;
  isSuperuser: boolean;
  via: 'session' | 'token';
}
