import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from './auth/password.js';
import { loadOrCreateSecret } from './auth/secret.js';
import { loadConfig, type LaoshiConfig } from './config.js';
import type { AppContext } from './context.js';
import { migrate, openDatabase, type Db } from './db/database.js';
import { STATISTICS_TABLES, refreshStaleStatistics } from './db/table-statistics.js';
import { registerAuthentication } from './http/authenticate.js';
import { JobRunner } from './jobs/job-runner.js';
import { jobRoutes } from './jobs/job-routes.js';
import { importRoutes } from './modules/imports/import-routes.js';
import { mediaRoutes } from './modules/media/media-routes.js';
import { exportRoutes } from './modules/exports/export-routes.js';
import { mediaExportRoutes } from './modules/media-exports/media-export-routes.js';
import { goldRoutes } from './modules/gold/gold-routes.js';
import { consensusRoutes } from './modules/quality/consensus-routes.js';
import { qualityRoutes } from './modules/quality/quality-routes.js';
import { statsRoutes } from './modules/quality/stats-routes.js';
import { activityRoutes } from './modules/quality/activity-routes.js';
import { adjudicationRoutes } from './modules/quality/adjudication-routes.js';
import { startWebhookSweeper } from './modules/webhooks/webhook-delivery.js';
import { webhookRoutes } from './modules/webhooks/webhook-routes.js';
import { reviewRoutes } from './modules/reviews/review-routes.js';
import { workflowRoutes } from './modules/workflow/workflow-routes.js';
import { modelRoutes } from './modules/models/model-routes.js';
import { cleaningRoutes } from './modules/cleaning/cleaning-routes.js';
import { sourceStorageRoutes } from './modules/source-storage/source-storage-routes.js';
import { evaluationRoutes } from './modules/evaluations/evaluation-routes.js';
import { createBlobStore, type BlobStore } from './storage/index.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { lazyChildLoggerFactory } from './http/lazy-request-logger.js';
import { registerValidators } from './http/validator.js';
import { ErrorResponse } from './http/schemas.js';
import { annotationRoutes } from './modules/annotations/annotation-routes.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { authRoutes } from './modules/auth/auth-routes.js';
import { healthRoutes } from './modules/health/health-routes.js';
import { organizationRoutes } from './modules/organizations/organization-routes.js';
import { projectRoutes } from './modules/projects/project-routes.js';
import { sweepExpiredLocks } from './modules/tasks/task-queue.js';
import { taskRoutes } from './modules/tasks/task-routes.js';
import { ensureFirstAdmin } from './modules/users/user-service.js';
import { userRoutes } from './modules/users/user-routes.js';

export interface BuildAppOptions {
  /** Settings; anything not given comes from `env`. */
  config?: Partial<LaoshiConfig>;
  /** Environment to read settings from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** An open database to use (it is migrated); otherwise one is opened from the config. */
  db?: Db;
  /** scrypt cost; tests lower it to stay fast. */
  passwordCost?: PasswordCost;
  /** Clock, for tests of expiry. */
  now?: () => number;
  /** Fastify logger options (false: silent). */
  logger?: boolean | { level: string };
  /** A blob store to use instead of the one the config names (tests). */
  blobs?: BlobStore;
}

export interface LaoshiApp extends FastifyInstance {
  laoshi: AppContext;
}

declare module 'fastify' {
  interface FastifyInstance {
    laoshi: AppContext;
  }
}

/** The built web app (packages/web/dist), or the placeholder page when it has not been built. */
function webRoot(): string {
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(require.resolve('@laoshi/web/package.json'));
  const dist = path.join(pkg, 'dist');
  return fs.existsSync(path.join(dist, 'index.html')) ? dist : path.join(pkg, 'public');
}

/** Builds the Laoshi server: opens and migrates the database, wires every route. Call listen() yourself. */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config = loadConfig(options.env ?? process.env, options.config);
  const ownsDb = !options.db;
  const db = options.db ?? openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: path.join(config.dataDir, 'laoshi.db'), sqliteSynchronous: config.sqliteSynchronous });
  const passwordCost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  let dummy: Promise<string> | undefined;
  const ctx: AppContext = {
    db,
    config,
    secret: loadOrCreateSecret(config.dataDir, config.secret),
    passwordCost,
    now: options.now ?? Date.now,
    dummyPasswordHash: () => (dummy ??= hashPassword('not-a-real-password', passwordCost)),
    jobs: new JobRunner({ db, now: options.now ?? Date.now, logError: (err, jobId) => app.log.error({ err, jobId }, 'job failed') }),
    blobs: options.blobs ?? createBlobStore(config),
  };
  await migrate(db);
  // Jobs a crash left running cannot resume: their work lived in the old process.
  await ctx.jobs.recover();

  const app = Fastify({
    // `*.headers`: plugins log request headers under their own keys too (@fastify/multipart's busboyOptions at trace).
    logger: options.logger === undefined ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', '*.headers.authorization', '*.headers.cookie', '*.headers["x-csrf-token"]'] } : options.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Each request's child logger is made only when the request logs something.
    childLoggerFactory: lazyChildLoggerFactory,
  });
  app.decorate('laoshi', ctx);
  // JSON only: a text/plain body is what a cross-site <form> can send without a preflight.
  app.removeContentTypeParser('text/plain');
  if (ownsDb) app.addHook('onClose', async () => db.close());
  // onClose hooks run last-added first: running jobs stop before the database closes.
  app.addHook('onClose', async () => ctx.jobs.close());

  await app.register(fastifyCookie);
  // Uploads (media, imports) stream part by part; the per-file cap is checked again by each route.
  await app.register(fastifyMultipart, { limits: { fileSize: 4 * 1024 * 1024 * 1024, files: 10_000, fields: 20, fieldSize: 64 * 1024, parts: 10_100 } });
  // helmet's headers, computed once (the CSP: scripts only from our origin).
  registerSecurityHeaders(app);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Laoshi API', version: '0.1.0', description: 'The AI trainer\'s workbench. Errors: {"error":{"code":"LAOSHI_…","message":"…","field"?:"…"}}.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'laoshi_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.addSchema(ErrorResponse);
  registerValidators(app);
  registerErrorHandler(app);
  registerAuthentication(app, ctx);

  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  organizationRoutes(app, ctx);
  userRoutes(app, ctx);
  projectRoutes(app, ctx);
  taskRoutes(app, ctx);
  annotationRoutes(app, ctx);
  auditRoutes(app, ctx);
  jobRoutes(app, ctx);
  mediaRoutes(app, ctx);
  importRoutes(app, ctx);
  exportRoutes(app, ctx);
  mediaExportRoutes(app, ctx);
  workflowRoutes(app, ctx);
  reviewRoutes(app, ctx);
  goldRoutes(app, ctx);
  qualityRoutes(app, ctx);
  consensusRoutes(app, ctx);
  statsRoutes(app, ctx);
  modelRoutes(app, ctx);
  activityRoutes(app, ctx);
  adjudicationRoutes(app, ctx);
  webhookRoutes(app, ctx);
  cleaningRoutes(app, ctx);
  sourceStorageRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifyStatic, {
    root: webRoot(),
    index: 'index.html',
    wildcard: false,
    // Vite names assets by content hash: cache them for a year; index.html is revalidated.
    setHeaders: (res, file) => res.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });

  await ensureFirstAdmin(ctx);
  // Expired task locks are ignored by the queue already; sweeping only keeps the table small.
  // On the same tick, PostgreSQL's stale table statistics are refreshed (see db/table-statistics.ts).
  const sweeper = setInterval(() => {
    void sweepExpiredLocks(ctx).catch((err: unknown) => app.log.warn({ err }, 'lock sweep failed'));
    void refreshStaleStatistics(ctx.db, STATISTICS_TABLES);
  }, 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));
  // Webhook deliveries that failed are retried with backoff; the sweeper finds those that are due.
  const stopWebhooks = startWebhookSweeper(ctx, (err) => app.log.warn({ err }, 'webhook sweep failed'));
  app.addHook('onClose', async () => stopWebhooks());
  return app;
}
