import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('laoshi users / projects', () => {
  it('creates the first admin (superuser) and more users, lists them and makes a token', async () => {
    const data = tempDir();
    const admin = await runCli(['users', 'create', '--admin', '--email', 'Boss@Example.com', '--password', 'correct horse', '--data', data]);
    expect(admin).toMatchObject({ code: 0, err: '' });
    expect(admin.out).toMatch(/created user 1 <boss@example.com> \(admin\)/);
    expect((await runCli(['users', 'create', '--email', 'ann@example.com', '--password', 'annotator pw', '--name', 'Ann', '--data', data])).code).toBe(0);
    const list = await runCli(['users', 'list', '--json', '--data', data]);
    const users = list.out.trim().split('\n').map((l) => JSON.parse(l) as { email: string; role: string; isSuperuser: boolean; name: string });
    expect(users).toEqual([
      expect.objectContaining({ email: 'boss@example.com', role: 'admin', isSuperuser: true }),
      expect.objectContaining({ email: 'ann@example.com', role: 'member', isSuperuser: false, name: 'Ann' }),
    ]);
    const token = await runCli(['users', 'token', '--email', 'ann@example.com', '--data', data]);
    expect(token.out.trim()).toMatch(/^lsh_[\w-]{43}$/);
    // The secret the token is hashed with was made on first use and kept in the data folder.
    const secret = fs.readFileSync(path.join(data, 'secret.key'), 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(data, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('fails clearly: duplicate e-mail, short password, missing password, unknown user', async () => {
    const data = tempDir();
    await runCli(['users', 'create', '--admin', '--email', 'a@example.com', '--password', 'long enough', '--data', data]);
    const dup = await runCli(['users', 'create', '--email', 'A@example.com', '--password', 'long enough', '--data', data]);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('email');
    const short = await runCli(['users', 'create', '--email', 'b@example.com', '--password', 'short', '--data', data]);
    expect(short.err).toContain('password must have at least 8 characters');
    const none = await runCli(['users', 'create', '--email', 'c@example.com', '--data', data]);
    expect(none.code).toBe(2);
    const ghost = await runCli(['users', 'token', '--email', 'ghost@example.com', '--data', data]);
    expect(ghost.code).toBe(1);
    expect(ghost.err).toContain('no user with e-mail ghost@example.com');
  });

  it('lists projects with progress (empty at first)', async () => {
    const data = tempDir();
    const res = await runCli(['projects', 'list', '--json', '--data', data]);
    expect(res).toEqual({ code: 0, out: '', err: '' });
  });

  it('prints help and rejects unknown commands', async () => {
    const help = await runCli(['--help']);
    expect(help.out).toContain('serve');
    expect(help.out).toContain('users');
    const bad = await runCli(['frobnicate']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('unknown command');
  });
});
