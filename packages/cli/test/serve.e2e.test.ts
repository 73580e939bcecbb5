import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, startProcess, type StartedProcess } from '../../../bench/lib/server-process.js';
import { createPgDatabase, describeEachDialect } from '../../server/test/helpers/dialects.js';
import { tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/laoshi.js', import.meta.url));

// The contract the README and later work rely on, through the built `laoshi` command.
describeEachDialect('laoshi serve (built CLI, real port)', (dialect) => {
  let server: StartedProcess;
  let base: string;
  const data = tempDir();
  let dropDb: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let databaseUrl = '';
    if (dialect === 'postgres') {
      const db = await createPgDatabase();
      databaseUrl = db.url;
      dropDb = db.drop;
    }
    if (!fs.existsSync(path.join(path.dirname(BIN), '../dist/main.js'))) throw new Error('run `npm run build` first (npm test does)');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startProcess(
      [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', data],
      { DATABASE_URL: databaseUrl, LAOSHI_ADMIN_EMAIL: 'lead@example.com', LAOSHI_ADMIN_PASSWORD: 'first admin pw', LAOSHI_LOG_LEVEL: 'info' },
      `${base}/api/health`,
    );
  });
  afterAll(async () => {
    await server.stop();
    await dropDb?.();
  });

  it('runs the whole first-day flow: login, token, user, project from XML, import, next, submit', async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@example.com', password: 'first admin pw' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/laoshi_session=.*HttpOnly/i);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const tokenRes = await fetch(`${base}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]!, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'e2e' }) });
    expect(tokenRes.status).toBe(201);
    const { token } = (await tokenRes.json()) as { token: string };
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
    };
    const user = await api('POST', '/api/users', { email: 'ann@example.com', password: 'annotator pw', name: 'Ann' });
    expect(user.status).toBe(201);
    const xml = '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>';
    const project = await api('POST', '/api/projects', { title: '评论情感', labelConfig: xml, overlap: 1 });
    expect(project.status).toBe(201);
    const projectId = project.body!.id as number;
    expect((await api('POST', `/api/projects/${projectId}/members`, { userId: user.body!.id, role: 'annotator' })).status).toBe(200);
    expect((await api('POST', `/api/projects/${projectId}/tasks`, [{ data: { text: '很好用' } }, { data: { text: 'terrible' } }])).body).toEqual({ created: 2, annotations: 0, predictions: 0 });
    const next = await api('POST', `/api/projects/${projectId}/next`);
    expect(next.status).toBe(200);
    const task = next.body!.task as { id: number; data: { text: string } };
    expect(task.data.text).toBe('很好用');
    const result = [{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } }];
    const submit = await api('POST', `/api/tasks/${task.id}/annotations`, { result });
    expect(submit).toEqual({ status: 201, body: { id: expect.any(Number), version: 1 } });
    expect((await api('GET', `/api/projects/${projectId}`)).body).toMatchObject({ counts: { tasks: 2, labeled: 1 } });
    const doc = await api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    // Secrets never reach the log.
    const output = server.output();
    expect(output).toContain('request completed');
    expect(output).not.toContain('first admin pw');
    expect(output).not.toContain(token);
    expect(output).not.toContain(csrfToken);
  });
});
