import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startProcess, type StartedProcess } from '../../bench/lib/server-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN = { email: 'e2e-admin@example.com', password: 'e2e-password-123' };

export interface E2eServer {
  url: string;
  dataDir: string;
  process: StartedProcess;
  /** A bearer-token API call as the admin (for setting up and checking what the browser did). */
  api<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  stop(): Promise<void>;
}

/** Starts the built `laoshi serve` (the app as users run it) on a free port with a fresh data folder. */
export async function startE2eServer(): Promise<E2eServer> {
  const dist = path.join(ROOT, 'packages/web/dist/index.html');
  if (!fs.existsSync(dist)) throw new Error('the web app is not built: run `npm run build` first (npm test does it)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoshi-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await startProcess(
    [path.join(ROOT, 'packages/cli/bin/laoshi.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir],
    { LAOSHI_ADMIN_EMAIL: ADMIN.email, LAOSHI_ADMIN_PASSWORD: ADMIN.password, LAOSHI_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    `${url}/api/health`,
  );
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${url}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'e2e' }) });
  const { token } = (await tokenRes.json()) as { token: string };
  return {
    url,
    dataDir,
    process: proc,
    api: async (method, p, body) => {
      const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as never };
    },
    stop: async () => {
      await proc.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
