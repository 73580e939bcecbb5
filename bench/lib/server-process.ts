import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr, at most the last 1 MB). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a Node script as a child process and waits until `healthUrl` answers (bench harness and e2e tests). */
export async function startProcess(args: string[], env: Record<string, string>, healthUrl: string): Promise<StartedProcess> {
  let log = '';
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (log = (log + d).slice(-1_000_000)));
  child.stderr?.on('data', (d) => (log = (log + d).slice(-1_000_000)));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`process exited: ${log.slice(-4000)}`);
    try {
      if ((await fetch(healthUrl)).ok) {
        return {
          child,
          output: () => log,
          stop: async () => {
            if (child.exitCode !== null) return;
            child.kill('SIGTERM');
            await new Promise((r) => child.once('exit', r));
          },
        };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`process did not answer ${healthUrl}: ${log.slice(-4000)}`);
}
