import { createAdmin, createApiToken, createUser, defaultOrganizationId, normalizeEmail, toPublicUser } from '@laoshi/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { DATA_OPTION, withContext } from './context.js';
import { readPasswordFromStdin } from './read-secret.js';

interface CreateFlags {
  email: string;
  password?: string;
  passwordStdin?: boolean;
  name?: string;
  admin?: boolean;
  org?: string;
  data?: string;
}

/** `laoshi users create|list|token`: manage accounts straight in the database (no server needed). */
export function registerUserCommands(program: Command, io: CliIo): void {
  const users = program.command('users').description('create and list users, make API tokens');

  users
    .command('create')
    .description('create a user; --admin makes an organization admin (the very first user also becomes superuser)')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .option('--password <password>', 'password (visible to other local users; prefer --password-stdin)')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--admin', 'make an organization admin')
    .option('--org <id>', 'organization id (default: the first organization)')
    .option(...DATA_OPTION)
    .action(async (flags: CreateFlags) => {
      if (!flags.password && !flags.passwordStdin) throw new CliError('give --password or --password-stdin', 2);
      const password = flags.passwordStdin ? await readPasswordFromStdin() : (flags.password as string);
      const organizationId = flags.org === undefined ? undefined : Number(flags.org);
      if (organizationId !== undefined && !Number.isInteger(organizationId)) throw new CliError(`--org must be an organization id, got "${flags.org}"`, 2);
      const id = await withContext(flags.data, async (ctx) => {
        if (flags.admin) return createAdmin(ctx, { email: flags.email, password, name: flags.name, organizationId });
        const name = flags.name ?? normalizeEmail(flags.email).split('@')[0] ?? 'user';
        return createUser(ctx, { email: flags.email, password, name, role: 'member', organizationId: organizationId ?? (await defaultOrganizationId(ctx)) }, null);
      });
      io.out(`created user ${id} <${flags.email.trim().toLowerCase()}>${flags.admin ? ' (admin)' : ''}\n`);
    });

  users
    .command('list')
    .description('list all users')
    .option('--json', 'print JSON lines')
    .option(...DATA_OPTION)
    .action(async (flags: { json?: boolean; data?: string }) => {
      const rows = await withContext(flags.data, (ctx) => ctx.db.kysely.selectFrom('users').selectAll().orderBy('id').execute());
      for (const row of rows.map(toPublicUser)) {
        io.out(flags.json ? `${JSON.stringify(row)}\n` : `${row.id}\t${row.email}\t${row.name}\torg ${row.organizationId}\t${row.role}${row.isSuperuser ? ' superuser' : ''}${row.isActive ? '' : ' (inactive)'}\n`);
      }
    });

  users
    .command('token')
    .description('create a personal API token for a user and print it (shown once)')
    .requiredOption('--email <email>', "the user's e-mail")
    .option('--name <name>', 'a name to recognise the token by', 'cli')
    .option(...DATA_OPTION)
    .action(async (flags: { email: string; name: string; data?: string }) => {
      const token = await withContext(flags.data, async (ctx) => {
        const user = await ctx.db.kysely.selectFrom('users').select(['id', 'organization_id']).where('email', '=', normalizeEmail(flags.email)).executeTakeFirst();
        if (!user) throw new CliError(`no user with e-mail ${flags.email}`);
        return (await createApiToken(ctx, user.id, user.organization_id, flags.name)).token;
      });
      io.out(`${token}\n`);
    });
}
