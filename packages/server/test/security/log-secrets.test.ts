import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, startProcess, type StartedProcess } from '../../../../bench/lib/server-process.js';
import { createPgDatabase, describeEachDialect } from '../helpers/dialects.js';
import { multipart } from '../modules/media-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const CLI = path.join(ROOT, 'packages/cli/bin/laoshi.js');
/** A recognisable secret: if any of these shows up in the log, it leaked. */
const canary = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;

describeEachDialect('no secret or password in the server log', (dialect) => {
  const secrets = {
    adminPassword: canary('admin-password'),
    userPassword: canary('user-password'),
    changedPassword: canary('changed-password'),
    wrongPassword: canary('wrong-password'),
    instanceSecret: canary('instance-secret-32-characters-at-least'),
    backendAuth: `Bearer ${canary('sk-backend')}`,
    backendToken: canary('backend-access-token'),
    s3Secret: canary('s3-secret-access-key'),
    sourceSecret: canary('source-storage-secret-key'),
    dbPassword: canary('db-password'),
    forgedToken: `lsh_${randomBytes(32).toString('base64url')}`,
  };
  /** Issued by the server during the test: session cookie, CSRF token, API token. */
  const issued: string[] = [];
  let server: StartedProcess;
  let origin: string;
  let backend: http.Server;
  let s3: S3rver;
  let s3Endpoint: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-log-'));
    const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-log-s3-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }), () => fs.rmSync(s3Dir, { recursive: true, force: true }));
    // s3rver signs with its own key; accepting any signature lets the server use a secret of ours.
    const s3Options = { address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'logs' }], allowMismatchedSignatures: true };
    s3 = new S3rver(s3Options);
    const { port: s3Port } = await s3.run();
    s3Endpoint = `http://127.0.0.1:${s3Port}`;
    cleanups.push(() => s3.close());
    // A model backend that is up but fails /setup, so the error path runs too.
    backend = http.createServer((req, res) => {
      req.resume();
      if (req.url === '/health') res.end(JSON.stringify({ status: 'UP', model_class: 'Fake' }));
      else {
        res.writeHead(500);
        res.end('backend exploded');
      }
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => backend.close(() => resolve())));
    let databaseUrl = '';
    if (dialect === 'postgres') {
      const pg = await createPgDatabase();
      cleanups.push(() => pg.drop());
      const url = new URL(pg.url);
      url.password = secrets.dbPassword; // the test server trusts local connections, so any password works
      databaseUrl = url.toString();
    }
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    if (!fs.existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('the CLI is not built: run `npm run build` first (npm test does it)');
    server = await startProcess([CLI, 'serve', '--port', String(port), '--data', dataDir], {
      DATABASE_URL: databaseUrl,
      LAOSHI_ADMIN_EMAIL: 'admin@example.com',
      LAOSHI_ADMIN_PASSWORD: secrets.adminPassword,
      LAOSHI_SECRET: secrets.instanceSecret,
      // The most talkative level: whatever is logged at all is logged here.
      LAOSHI_LOG_LEVEL: 'trace',
      LAOSHI_STORAGE: 's3',
      LAOSHI_S3_BUCKET: 'logs',
      LAOSHI_S3_ENDPOINT: s3Endpoint,
      LAOSHI_S3_REGION: 'us-east-1',
      LAOSHI_S3_ACCESS_KEY_ID: 'S3RVER',
      LAOSHI_S3_SECRET_ACCESS_KEY: secrets.s3Secret,
      LAOSHI_S3_FORCE_PATH_STYLE: 'true',
      LAOSHI_OUTBOUND_ALLOW: '127.0.0.1/32',
    }, `${origin}/api/health`);
    cleanups.push(() => server.stop());
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function call(method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const json = init.body !== undefined && !(init.body instanceof Buffer);
    return fetch(origin + url, {
      method,
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : json ? JSON.stringify(init.body) : (init.body as Buffer),
    });
  }

  it('logs requests, but no password, token, cookie, CSRF token, backend credential, webhook secret, S3 key or database password', async () => {
    expect((await call('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: secrets.wrongPassword } })).status).toBe(401);
    const login = await call('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: secrets.adminPassword } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    issued.push(cookie.split('=')[1]!, csrfToken);
    const browser = { cookie, 'x-csrf-token': csrfToken };
    const tokenRes = await call('POST', '/api/auth/tokens', { body: { name: 'script' }, headers: browser });
    expect(tokenRes.status).toBe(201);
    const { token } = (await tokenRes.json()) as { token: string };
    issued.push(token);
    const bearer = { authorization: `Bearer ${token}` };

    expect((await call('GET', '/api/projects', { headers: { authorization: `Bearer ${secrets.forgedToken}` } })).status).toBe(401);
    expect((await call('POST', '/api/auth/signup', { body: { email: 'x@example.com', password: secrets.userPassword, name: 'X' } })).status).toBe(403);
    const user = await call('POST', '/api/users', { body: { email: 'ann@example.com', password: secrets.userPassword, name: 'Ann' }, headers: bearer });
    expect(user.status).toBe(201);
    const { id: userId } = (await user.json()) as { id: number };
    expect((await call('PATCH', `/api/users/${userId}`, { body: { password: secrets.changedPassword }, headers: bearer })).status).toBe(200);
    expect((await call('POST', '/api/auth/login', { body: { email: 'ann@example.com', password: secrets.changedPassword } })).status).toBe(200);

    const project = await call('POST', '/api/projects', { body: { title: 'Logs', labelConfig: '<View><Image name="image" value="$image"/><Choices name="c" toName="image"><Choice value="a"/><Choice value="b"/></Choices></View>' }, headers: bearer });
    const { id: projectId } = (await project.json()) as { id: number };
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } }).png().toBuffer();
    const { payload, headers } = multipart([{ filename: 'a.png', content: png }]);
    const upload = await call('POST', `/api/projects/${projectId}/media`, { body: payload, headers: { ...headers, ...bearer } });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const { items } = (await upload.json()) as { items: { url: string }[] };
    expect((await call('GET', items[0]!.url, { headers: bearer })).status).toBe(200);

    const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/`;
    const created = await call('POST', `/api/projects/${projectId}/model-backends`, { body: { title: 'ML', url: backendUrl, authHeader: secrets.backendAuth, accessToken: secrets.backendToken }, headers: bearer });
    expect(created.status).toBe(201);
    const { id: backendId } = (await created.json()) as { id: number };
    const tested = await call('POST', `/api/model-backends/${backendId}/test`, { headers: bearer });
    expect((await tested.json()) as { ok: boolean }).toMatchObject({ ok: false });
    const hook = await call('POST', `/api/projects/${projectId}/webhooks`, { body: { url: `${backendUrl}hook`, events: ['annotation.created'] }, headers: bearer });
    expect(hook.status, await hook.clone().text()).toBe(201);
    const { id: hookId, secret: hookSecret } = (await hook.json()) as { id: number; secret: string };
    issued.push(hookSecret);
    expect((await call('POST', `/api/webhooks/${hookId}/ping`, { headers: bearer })).status).toBe(200);

    const source = await call('POST', `/api/projects/${projectId}/source-storages`, { body: { title: 'bucket', bucket: 'logs', endpoint: s3Endpoint, forcePathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: secrets.sourceSecret }, headers: bearer });
    expect(source.status, await source.clone().text()).toBe(201);
    const { id: sourceId } = (await source.json()) as { id: number };
    const sync = await call('POST', `/api/projects/${projectId}/source-storages/${sourceId}/sync`, { headers: bearer });
    expect(sync.status, await sync.clone().text()).toBe(202);
    const { id: syncJob } = (await sync.json()) as { id: number };
    for (let i = 0; i < 100; i++) {
      const job = (await (await call('GET', `/api/jobs/${syncJob}`, { headers: bearer })).json()) as { status: string };
      if (job.status !== 'running' && job.status !== 'queued') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await call('POST', '/api/auth/logout', { headers: browser })).status).toBe(204);

    const log = server.output();
    // The log is really there and really verbose: a quiet logger would pass any leak test.
    expect(log).toContain('incoming request');
    expect(log).toContain('/api/auth/login');
    const leaks = [...Object.entries(secrets), ...issued.map((s, i) => [`issued #${i}`, s] as const)]
      .filter(([, value]) => log.includes(value) || log.includes(encodeURIComponent(value)) || log.includes(JSON.stringify(value).slice(1, -1)))
      .map(([name]) => name);
    expect(leaks).toEqual([]);
  });
});
