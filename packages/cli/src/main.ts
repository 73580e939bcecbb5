import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerEvalCommands } from './commands/eval.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportCommand } from './commands/import.js';
import { registerMetricsCommands } from './commands/metrics.js';
import { registerProjectCommands } from './commands/projects.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommands } from './commands/users.js';
import { processIo, type CliIo } from './io.js';

/** Builds the `laoshi` program; commands write to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('laoshi')
    .description('Laoshi (老师): the AI trainer\'s workbench')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerServeCommand(program, io);
  registerUserCommands(program, io);
  registerProjectCommands(program, io);
  registerMetricsCommands(program, io);
  registerEvalCommands(program, io);
  registerExportCommand(program, io);
  registerImportCommand(program, io);
  return program;
}

/** Runs the CLI and returns its exit code (errors are printed, never thrown). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError) {
      io.err(`laoshi: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`laoshi: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
