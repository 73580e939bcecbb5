import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { registerMetricsCommands } from '../src/commands/metrics.js';
import type { CliIo } from '../src/io.js';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units.
// Published: nominal .743, ordinal .815, interval .849, ratio .797.
const PAPER_CSV = [
  'unit,A,B,C,D',
  'u1,1,1,,1',
  'u2,2,2,3,2',
  'u3,3,3,3,3',
  'u4,3,3,3,3',
  'u5,2,2,2,2',
  'u6,1,2,3,4',
  'u7,4,4,4,4',
  'u8,1,1,2,1',
  'u9,2,2,2,2',
  'u10,,5,5,5',
  'u11,,,1,1',
  'u12,,3,,',
].join('\n');

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'laoshi-metrics-'));
  const write = async (name: string, content: string) => {
    files[name] = join(dir, name);
    await writeFile(files[name], content);
  };
  await write('paper.csv', `${PAPER_CSV}\n`);
  // BOM, CRLF, quoted header and cells: 3×3 table from the core tests, κ_linear = 29/44.
  const table = [[5, 2, 0], [1, 4, 1], [0, 2, 5]];
  const rows = table.flatMap((row, i) => row.flatMap((count, j) => Array.from({ length: count }, () => `${i + 1},"${j + 1}"`)));
  await write('two-raters.csv', `\uFEFF"item","rater, one","rater two"\r\n${rows.map((row, k) => `t${k},${row}`).join('\r\n')}\r\n`);
  await write('text.csv', 'item,A,B\nx1,cat,cat\nx2,dog,cat\nx3,dog,dog\nx4,cat,dog\n');
  await write('bad-number.csv', 'item,A,B\nx1,1,2\nx2,3,three\n');
  await write('ragged.csv', 'item,A,B\nx1,1,2\nx2,3\n');
  await write('same.csv', 'item,A,B\nx1,a,a\nx2,a,a\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: () => undefined };
  const program = new Command().exitOverride();
  registerMetricsCommands(program, io);
  await program.parseAsync(['node', 'laoshi', 'metrics', 'agreement', ...args]);
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(/^\{.*\}\n$/);
  return JSON.parse(out[0]!) as Record<string, unknown>;
}

async function failure(...args: string[]): Promise<CliError> {
  const error = await run(...args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('laoshi metrics agreement', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('prints the paper’s %s alpha as one JSON line', async (level, expected) => {
    const result = await run(files['paper.csv']!, '--metric', 'krippendorff', '--level', level);
    expect(Object.keys(result)).toEqual(['metric', 'level', 'value', 'items', 'raters', 'pairable']);
    expect(result).toEqual({ metric: 'krippendorff', level, value: expect.closeTo(expected, 3), items: 11, raters: 4, pairable: 40 });
  });

  it('defaults krippendorff to the nominal level', async () => {
    expect(await run(files['paper.csv']!, '--metric', 'krippendorff')).toMatchObject({ level: 'nominal', value: expect.closeTo(0.743, 3) });
  });

  it('prints percent agreement with a null level', async () => {
    const result = await run(files['paper.csv']!, '--metric', 'percent');
    expect(result).toEqual({ metric: 'percent', level: null, value: expect.closeTo(9 / 11, 12), items: 11, raters: 4, pairable: 40 });
  });

  it('prints weighted Cohen’s kappa from a CSV with a BOM, quotes and CRLF', async () => {
    const result = await run(files['two-raters.csv']!, '--metric', 'cohen', '--weights', 'linear');
    expect(result).toEqual({ metric: 'cohen', level: null, value: expect.closeTo(29 / 44, 12), items: 20, raters: 2, pairable: 40, weights: 'linear' });
  });

  it('prints unweighted Cohen’s kappa on text labels with weights null', async () => {
    // Two of four alike, each rater half cat half dog: p_o = 0.5 = p_e, κ = 0.
    expect(await run(files['text.csv']!, '--metric', 'cohen')).toMatchObject({ value: 0, weights: null });
  });

  it('prints Fleiss’ kappa', async () => {
    // Two of four items alike: P̄ = 0.5; half cat, half dog: P̄e = 0.5; κ = 0.
    expect(await run(files['text.csv']!, '--metric', 'fleiss')).toEqual({ metric: 'fleiss', level: null, value: 0, items: 4, raters: 2, pairable: 8 });
  });

  it('prints null when the statistic is undefined', async () => {
    expect(await run(files['same.csv']!, '--metric', 'cohen')).toMatchObject({ value: null, items: 2 });
  });

  it('rejects a non-numeric cell at a numeric level, naming row and column', async () => {
    const error = await failure(files['bad-number.csv']!, '--metric', 'krippendorff', '--level', 'interval');
    expect(error.message).toMatch(/row 2 \(item "x2"\), column "B": "three" is not a number/);
    expect(error.exitCode).toBe(1);
  });

  it('accepts text at the nominal level', async () => {
    expect(await run(files['bad-number.csv']!, '--metric', 'krippendorff')).toMatchObject({ items: 2 });
  });

  it('rejects Cohen’s kappa on more than two rater columns', async () => {
    const error = await failure(files['paper.csv']!, '--metric', 'cohen');
    expect(error.message).toMatch(/exactly two rater columns, .* has 4/);
  });

  it.each([
    [['--metric', 'kappa'], /--metric must be one of percent, cohen, fleiss, krippendorff, got "kappa"/],
    [[], /--metric is required/],
    [['--metric', 'krippendorff', '--level', 'cardinal'], /--level must be one of nominal, ordinal, interval, ratio/],
    [['--metric', 'cohen', '--weights', 'cubic'], /--weights must be one of linear, quadratic/],
    [['--metric', 'fleiss', '--level', 'interval'], /--level applies only to --metric krippendorff/],
    [['--metric', 'krippendorff', '--weights', 'linear'], /--weights applies only to --metric cohen/],
  ])('rejects bad flags %j with exit code 2', async (flags, message) => {
    const error = await failure(files['text.csv']!, ...flags);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });

  it('names a missing file', async () => {
    const missing = join(dir, 'nope.csv');
    const error = await failure(missing, '--metric', 'percent');
    expect(error.message).toBe(`cannot read ${missing}: no such file`);
    expect(error.exitCode).toBe(1);
  });

  it('reports a malformed CSV', async () => {
    expect((await failure(files['ragged.csv']!, '--metric', 'percent')).message).toMatch(/cannot parse .*ragged\.csv as CSV/);
  });

  it('reports input the statistic cannot use', async () => {
    const error = await failure(files['paper.csv']!, '--metric', 'fleiss');
    expect(error.message).toMatch(/paper\.csv: Fleiss' kappa needs the same number of ratings/);
  });
});
