import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_FORMATS, localExport, type ExportFormat } from '@laoshi/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { DATA_OPTION, withContext } from './context.js';

interface ExportFlags {
  format: string;
  out: string;
  onlyAccepted?: boolean;
  latest?: boolean;
  withMedia?: boolean;
  maskPii?: boolean;
  parquetRows?: string;
  data?: string;
}

const BAR = 30;

/** A progress bar on stderr, redrawn at most every 100 ms (and once at the end). */
export function progressBar(io: CliIo, label: string): { update(done: number, total: number): void; end(): void } {
  let last = 0;
  let drawn = false;
  let state = { done: 0, total: 0 };
  const draw = () => {
    const { done, total } = state;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * BAR);
    io.err(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${Math.floor(share * 100)}% ${done}/${total} tasks`);
    drawn = true;
  };
  return {
    update(done, total) {
      state = { done, total };
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw();
    },
    end() {
      draw();
      if (drawn) io.err('\n');
    },
  };
}

/** `laoshi export <projectId> --format <f> --out <path>`: writes an export file straight from the database. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('export a project to a file (streamed: constant memory at any size)')
    .argument('<projectId>', 'the project to export')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .requiredOption('--out <path>', 'file to write (replaced when the export succeeds)')
    .option('--only-accepted', 'only annotations a reviewer accepted')
    .option('--latest', 'only the latest annotation of each task')
    .option('--with-media', 'put the media files in the archive (yolo, voc)')
    .option('--mask-pii', 'mask ID numbers, phones, e-mails, bank cards and IPs in text')
    .option('--parquet-rows <rows>', 'parquet: one row per region (default) or per task')
    .option(...DATA_OPTION)
    .action(async (projectArg: string, flags: ExportFlags) => {
      const projectId = Number(projectArg);
      if (!Number.isInteger(projectId) || projectId < 1) throw new CliError(`projectId must be a positive whole number, got "${projectArg}"`, 2);
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${flags.format}"`, 2);
      if (flags.parquetRows !== undefined && flags.parquetRows !== 'region' && flags.parquetRows !== 'task') throw new CliError('--parquet-rows must be region or task', 2);
      const out = path.resolve(flags.out);
      const partial = `${out}.part`;
      const bar = progressBar(io, 'exporting');
      const summary = await withContext(flags.data, async (ctx) => {
        const run = await localExport(
          ctx,
          projectId,
          {
            format: flags.format as ExportFormat,
            onlyAccepted: flags.onlyAccepted,
            latestPerTask: flags.latest,
            withMedia: flags.withMedia,
            maskPii: flags.maskPii,
            parquetRows: flags.parquetRows as 'region' | 'task' | undefined,
          },
          (done, total) => bar.update(done, total),
        );
        try {
          // Written beside the target and renamed at the end: a failed export never leaves half a file under the real name.
          await pipeline(Readable.from(run.body, { objectMode: false }), fs.createWriteStream(partial));
          await fsp.rename(partial, out);
        } catch (err) {
          await fsp.rm(partial, { force: true });
          throw err;
        } finally {
          bar.end();
        }
        return run.result();
      });
      const { counts } = summary;
      io.out(`wrote ${out}: ${counts.tasks} tasks, ${counts.annotations} annotations, ${counts.regions} regions, ${summary.size} bytes, sha256 ${summary.sha256}\n`);
    });
}
