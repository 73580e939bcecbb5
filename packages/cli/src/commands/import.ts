import type { Command } from 'commander';
import { IMPORT_FORMATS, importFromPath, waitForJob, type AppContext, type ImportFormat } from '@laoshi/server';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { DATA_OPTION, withContext } from './context.js';

interface ImportFlags {
  as?: string;
  format?: string;
  tagScheme?: string;
  user?: string;
  json?: boolean;
  data?: string;
}

/** The user the import is recorded for: --user, else the project's creator. */
async function importer(ctx: AppContext, organizationId: number, createdBy: number, email: string | undefined): Promise<number> {
  if (!email) return createdBy;
  const user = await ctx.db.kysely.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).where('organization_id', '=', organizationId).executeTakeFirst();
  if (!user) throw new CliError(`no user with e-mail ${email} in the project's organization`);
  return user.id;
}

/** `laoshi import <projectId> <file|dir|url>`: runs an import job in this process and waits for it. */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import files into a project: images/video/audio, zip, JSON/JSONL/CSV/TSV/TXT, Label Studio JSON, COCO, VOC, YOLO, CoNLL; a folder is read recursively')
    .argument('<projectId>', 'project id')
    .argument('<source>', 'a file, a folder or an http(s) URL')
    .option('--as <labels>', 'existing labels become "annotations" (default) or "predictions"')
    .option('--format <format>', `override detection by extension: ${IMPORT_FORMATS.join(', ')}`)
    .option('--tag-scheme <scheme>', 'NER tags of CoNLL files: iob2 (default), bio or iob1 (CoNLL-2003)')
    .option('--user <email>', 'record the import as this user (default: the project creator)')
    .option('--json', 'print the result as JSON')
    .option(...DATA_OPTION)
    .action(async (projectIdText: string, source: string, flags: ImportFlags) => {
      const projectId = Number(projectIdText);
      if (!Number.isInteger(projectId) || projectId < 1) throw new CliError(`project id must be a positive integer, got "${projectIdText}"`, 2);
      if (flags.as !== undefined && flags.as !== 'annotations' && flags.as !== 'predictions') throw new CliError('--as must be annotations or predictions', 2);
      if (flags.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(flags.format)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`, 2);
      const row = await withContext(flags.data, async (ctx) => {
        try {
          const project = await ctx.db.kysely.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
          if (!project) throw new CliError(`no project ${projectId}`);
          const userId = await importer(ctx, project.organization_id, project.created_by, flags.user);
          const choices = { labelsAs: flags.as as 'annotations' | 'predictions' | undefined, format: flags.format as ImportFormat | undefined, tagScheme: flags.tagScheme as 'iob2' | 'bio' | 'iob1' | undefined };
          const { id } = await importFromPath(ctx, project, userId, source, choices);
          let last = '';
          const off = ctx.jobs.subscribe(id, () => {
            void ctx.jobs.get(id).then((job) => {
              if (job?.message && job.message !== last) io.err(`${(last = job.message)}\n`);
            });
          });
          try {
            return await waitForJob(ctx, id, 7 * 24 * 3_600_000);
          } finally {
            off();
          }
        } finally {
          await ctx.jobs.close();
        }
      });
      if (row.status !== 'succeeded') throw new CliError(`import job ${row.id} ${row.status}: ${row.error ?? 'no reason given'}`);
      const result = JSON.parse(row.result ?? '{}') as { tasks: number; annotations: number; predictions: number; media: number };
      io.out(flags.json ? `${JSON.stringify({ job: row.id, ...result })}\n` : `imported ${result.tasks} tasks (${result.annotations} annotations, ${result.predictions} predictions, ${result.media} media files) in job ${row.id}\n`);
    });
}
