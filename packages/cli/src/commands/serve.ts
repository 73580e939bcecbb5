import path from 'node:path';
import { buildApp } from '@laoshi/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { DATA_OPTION } from './context.js';

interface ServeFlags {
  port?: string;
  host?: string;
  data?: string;
}

/** `laoshi serve`: starts the server until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('start the Laoshi server (embedded SQLite in the data folder, or PostgreSQL with DATABASE_URL)')
    .option('--port <port>', 'port to listen on (default 8080 or LAOSHI_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1 or LAOSHI_HOST)')
    .option(...DATA_OPTION)
    .action(async (flags: ServeFlags) => {
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CliError(`--port must be a port number, got "${flags.port}"`, 2);
      const app = await buildApp({ config: { port, host: flags.host, dataDir: flags.data ? path.resolve(flags.data) : undefined } });
      const { config, db } = app.laoshi;
      const address = await app.listen({ port: config.port, host: config.host });
      const users = await db.kysely.selectFrom('users').select('id').limit(1).execute();
      io.out(`Laoshi is running at ${address} (${db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite in ${config.dataDir}`})\n`);
      if (users.length === 0) {
        io.out('No user exists yet. Create the first admin:\n  npx laoshi users create --admin --email you@example.com --password-stdin' + (flags.data ? ` --data ${flags.data}` : '') + '\n  (or set LAOSHI_ADMIN_EMAIL and LAOSHI_ADMIN_PASSWORD before starting)\n');
      }
      await new Promise<void>((resolve) => {
        const stop = () => void app.close().then(resolve, resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
