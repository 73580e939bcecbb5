import path from 'node:path';

/** Every setting Laoshi reads, with its environment variable (the README's table mirrors this). */
export interface LaoshiConfig {
  /** Folder for the SQLite file, the secret and (later) media. LAOSHI_DATA_DIR / --data */
  dataDir: string;
  /** postgres://… switches from the embedded SQLite to PostgreSQL. DATABASE_URL */
  databaseUrl?: string;
  /** LAOSHI_HOST / --host */
  host: string;
  /** LAOSHI_PORT (or PORT) / --port */
  port: number;
  /** Open self-signup (users join the first organization as members). LAOSHI_SIGNUP=open */
  signupOpen: boolean;
  /** Session lifetime. LAOSHI_SESSION_TTL_HOURS */
  sessionTtlMs: number;
  /** How long a task handed out by "next" stays reserved for its annotator. LAOSHI_TASK_LOCK_TTL_SECONDS */
  taskLockTtlMs: number;
  /** Login attempts per minute per client address and e-mail. LAOSHI_LOGIN_RATE_LIMIT */
  loginRateLimitPerMinute: number;
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies behind TLS termination). LAOSHI_TRUST_PROXY */
  trustProxy: boolean;
  /** Overrides the secret kept in the data folder (for several app servers). LAOSHI_SECRET */
  secret?: string;
  /** First admin, created on start when there is no user yet. LAOSHI_ADMIN_EMAIL / LAOSHI_ADMIN_PASSWORD */
  adminEmail?: string;
  adminPassword?: string;
  /** fatal|error|warn|info|debug|silent. LAOSHI_LOG_LEVEL */
  logLevel: string;
  /** PRAGMA synchronous for SQLite: NORMAL survives a process crash, FULL also a power loss. LAOSHI_SQLITE_SYNCHRONOUS */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** Where media and exports go: `local` (the data folder) or `s3`. LAOSHI_STORAGE */
  storage: 'local' | 's3';
  /** S3 bucket, endpoint (for MinIO etc.), region and keys. LAOSHI_S3_BUCKET, LAOSHI_S3_ENDPOINT, LAOSHI_S3_REGION, LAOSHI_S3_ACCESS_KEY_ID, LAOSHI_S3_SECRET_ACCESS_KEY */
  s3Bucket?: string;
  s3Endpoint?: string;
  s3Region?: string;
  s3AccessKeyId?: string;
  s3SecretAccessKey?: string;
  /** Path-style S3 URLs (MinIO, s3rver). LAOSHI_S3_FORCE_PATH_STYLE */
  s3ForcePathStyle: boolean;
  /** Hosts and CIDRs that URL imports may reach although they are private or loopback. LAOSHI_OUTBOUND_ALLOW (comma-separated) */
  outboundAllow: string[];
  /** Time a model backend gets for /health, /setup and a batch of /predict. LAOSHI_MODEL_TIMEOUT_SECONDS */
  modelTimeoutMs: number;
  /** Time an interactive prediction in the editor waits for its backend. LAOSHI_MODEL_INTERACTIVE_TIMEOUT_SECONDS */
  modelInteractiveTimeoutMs: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['1', 'true', 'yes', 'open', 'on'].includes((env[name] ?? '').toLowerCase());
}

function storageFrom(env: NodeJS.ProcessEnv): 'local' | 's3' {
  const storage = (env.LAOSHI_STORAGE ?? 'local').toLowerCase();
  if (storage !== 'local' && storage !== 's3') throw new Error(`LAOSHI_STORAGE must be local or s3, got "${storage}"`);
  return storage;
}

/** Reads the configuration from the environment; `overrides` (CLI flags, tests) win. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<LaoshiConfig> = {}): LaoshiConfig {
  const sync = (env.LAOSHI_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') throw new Error(`LAOSHI_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got "${sync}"`);
  const config: LaoshiConfig = {
    dataDir: path.resolve(env.LAOSHI_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    host: env.LAOSHI_HOST ?? '127.0.0.1',
    port: intFrom(env, env.LAOSHI_PORT ? 'LAOSHI_PORT' : 'PORT', 8080, 0),
    signupOpen: boolFrom(env, 'LAOSHI_SIGNUP'),
    sessionTtlMs: intFrom(env, 'LAOSHI_SESSION_TTL_HOURS', 24 * 14, 1) * 3_600_000,
    taskLockTtlMs: intFrom(env, 'LAOSHI_TASK_LOCK_TTL_SECONDS', 3600, 1) * 1000,
    loginRateLimitPerMinute: intFrom(env, 'LAOSHI_LOGIN_RATE_LIMIT', 10, 1),
    trustProxy: boolFrom(env, 'LAOSHI_TRUST_PROXY'),
    secret: env.LAOSHI_SECRET || undefined,
    adminEmail: env.LAOSHI_ADMIN_EMAIL || undefined,
    adminPassword: env.LAOSHI_ADMIN_PASSWORD || undefined,
    logLevel: env.LAOSHI_LOG_LEVEL ?? 'info',
    sqliteSynchronous: sync,
    storage: storageFrom(env),
    s3Bucket: env.LAOSHI_S3_BUCKET || undefined,
    s3Endpoint: env.LAOSHI_S3_ENDPOINT || undefined,
    s3Region: env.LAOSHI_S3_REGION || undefined,
    s3AccessKeyId: env.LAOSHI_S3_ACCESS_KEY_ID || undefined,
    s3SecretAccessKey: env.LAOSHI_S3_SECRET_ACCESS_KEY || undefined,
    s3ForcePathStyle: boolFrom(env, 'LAOSHI_S3_FORCE_PATH_STYLE'),
    outboundAllow: (env.LAOSHI_OUTBOUND_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    modelTimeoutMs: intFrom(env, 'LAOSHI_MODEL_TIMEOUT_SECONDS', 60, 1) * 1000,
    modelInteractiveTimeoutMs: intFrom(env, 'LAOSHI_MODEL_INTERACTIVE_TIMEOUT_SECONDS', 10, 1) * 1000,
  };
  const merged = { ...config, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (merged.databaseUrl && !/^postgres(ql)?:\/\//.test(merged.databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return merged;
}
