import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { DATA_OPTION, withContext } from './context.js';

/** `laoshi projects list`: every project with its task and labeled counts. */
export function registerProjectCommands(program: Command, io: CliIo): void {
  program
    .command('projects')
    .description('projects')
    .command('list')
    .description('list all projects with progress')
    .option('--json', 'print JSON lines')
    .option(...DATA_OPTION)
    .action(async (flags: { json?: boolean; data?: string }) => {
      const rows = await withContext(flags.data, (ctx) =>
        ctx.db.kysely
          .selectFrom('projects')
          .select((eb) => [
            'projects.id',
            'projects.title',
            'projects.organization_id',
            'projects.overlap',
            eb.selectFrom('tasks').select(eb.fn.countAll().as('c')).whereRef('tasks.project_id', '=', 'projects.id').as('tasks'),
            eb.selectFrom('tasks').select(eb.fn.countAll().as('c')).whereRef('tasks.project_id', '=', 'projects.id').where('tasks.is_labeled', '=', 1).as('labeled'),
          ])
          .orderBy('projects.id')
          .execute(),
      );
      for (const r of rows) {
        const row = { id: r.id, title: r.title, organizationId: r.organization_id, overlap: r.overlap, tasks: Number(r.tasks), labeled: Number(r.labeled) };
        io.out(flags.json ? `${JSON.stringify(row)}\n` : `${row.id}\t${row.title}\torg ${row.organizationId}\t${row.labeled}/${row.tasks} labeled\toverlap ${row.overlap}\n`);
      }
    });
}
