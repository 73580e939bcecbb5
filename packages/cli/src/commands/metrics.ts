import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import {
  AgreementError,
  cohenKappa,
  fleissKappa,
  KRIPPENDORFF_LEVELS,
  krippendorffAlpha,
  percentAgreement,
  type AgreementCell,
  type AgreementResult,
  type KappaWeights,
  type KrippendorffLevel,
} from '@laoshi/core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

const METRICS = ['percent', 'cohen', 'fleiss', 'krippendorff'] as const;
const WEIGHTS: readonly KappaWeights[] = ['linear', 'quadratic'];
type Metric = (typeof METRICS)[number];

interface AgreementFlags {
  metric?: string;
  level?: string;
  weights?: string;
}

/** Adds `metrics agreement <file.csv>` to the program; it prints one line of JSON to `io.out`. */
export function registerMetricsCommands(program: Command, io: CliIo): void {
  const metrics = program.command('metrics').description('compute quality metrics from files');
  metrics
    .command('agreement')
    .description(
      'inter-annotator agreement of a CSV with a header, one row per item (item id first) and one ' +
        'column per rater; an empty cell is a missing rating. Prints ' +
        '{"metric","level","value","items","raters","pairable"} (plus "weights" for cohen); ' +
        'value is null where the statistic is undefined (all ratings one label)',
    )
    .argument('<file>', 'CSV file')
    .option('--metric <metric>', `one of ${METRICS.join(', ')} (required)`)
    .option('--level <level>', `krippendorff only: ${KRIPPENDORFF_LEVELS.join(', ')} (default nominal)`)
    .option('--weights <weights>', `cohen only: ${WEIGHTS.join(', ')} (default unweighted)`)
    .action(async (file: string, flags: AgreementFlags) => {
      io.out(`${JSON.stringify(await agreement(file, flags))}\n`);
    });
}

async function agreement(file: string, flags: AgreementFlags): Promise<Record<string, unknown>> {
  if (flags.metric === undefined) throw new CliError(`--metric is required: one of ${METRICS.join(', ')}`, 2);
  const metric = oneOf('--metric', flags.metric, METRICS);
  if (flags.level !== undefined && metric !== 'krippendorff') {
    throw new CliError('--level applies only to --metric krippendorff', 2);
  }
  if (flags.weights !== undefined && metric !== 'cohen') {
    throw new CliError('--weights applies only to --metric cohen', 2);
  }
  const level = metric === 'krippendorff' ? oneOf('--level', flags.level ?? 'nominal', KRIPPENDORFF_LEVELS) : null;
  const weights = flags.weights === undefined ? undefined : oneOf('--weights', flags.weights, WEIGHTS);

  const table = parseRatings(file, await readCsv(file), level !== null && level !== 'nominal' ? level : null);
  if (metric === 'cohen' && table.raters.length !== 2) {
    throw new CliError(`--metric cohen needs exactly two rater columns, ${file} has ${table.raters.length}`);
  }
  const result = compute(file, metric, table.ratings, level, weights);
  return {
    metric,
    level,
    // JSON has no NaN: an undefined statistic prints as null.
    value: Number.isNaN(result.value) ? null : result.value,
    items: result.items,
    raters: result.raters,
    pairable: result.pairable,
    ...(metric === 'cohen' ? { weights: weights ?? null } : {}),
  };
}

function compute(
  file: string,
  metric: Metric,
  ratings: AgreementCell[][],
  level: KrippendorffLevel | null,
  weights: KappaWeights | undefined,
): AgreementResult {
  try {
    if (metric === 'percent') return percentAgreement(ratings);
    if (metric === 'cohen') return cohenKappa(ratings, { weights });
    if (metric === 'fleiss') return fleissKappa(ratings);
    return krippendorffAlpha(ratings, { level: level ?? 'nominal' });
  } catch (error) {
    if (error instanceof AgreementError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`, 2);
}

async function readCsv(file: string): Promise<string[][]> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
  try {
    return parse(content, { bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw new CliError(`cannot parse ${file} as CSV: ${(error as Error).message}`);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Rows after the header become items, columns after the first become raters. Cells become
 * numbers when `numericLevel` asks for them (a non-number is an error) or when every non-empty
 * cell is a number, so weighted kappa orders 9 before 10; otherwise they stay text.
 */
function parseRatings(
  file: string,
  records: string[][],
  numericLevel: KrippendorffLevel | null,
): { raters: string[]; ratings: AgreementCell[][] } {
  const [header, ...rows] = records;
  if (header === undefined) throw new CliError(`${file} is empty: expected a header row`);
  const raters = header.slice(1);
  const cells = rows.map((row) => row.slice(1));
  const allNumeric = cells.every((row) => row.every((cell) => cell === '' || NUMBER.test(cell)));
  const ratings = cells.map((row, r) =>
    row.map((cell, c): AgreementCell => {
      if (cell === '') return null;
      if (allNumeric || (numericLevel !== null && NUMBER.test(cell))) return Number(cell);
      if (numericLevel === null) return cell;
      throw new CliError(
        `${file}: row ${r + 1} (item "${rows[r]![0]}"), column "${raters[c]}": "${cell}" is not a number, ` +
          `as --level ${numericLevel} needs`,
      );
    }),
  );
  return { raters, ratings };
}
