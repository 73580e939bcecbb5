import { expect } from 'vitest';
import { FormatError, type FormatName } from '../../src/formats/index.js';

/** Every record of an async (or sync) iterable, in order. */
export async function collect<T>(records: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/** The FormatError that `run` throws or rejects with; fails the test on anything else. */
export async function formatError(run: () => unknown): Promise<FormatError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError, but nothing was thrown');
}

/** Asserts `run` fails with a FormatError of `format` whose message matches `pattern`. */
export async function expectFormatError(run: () => unknown, format: FormatName, pattern: RegExp): Promise<FormatError> {
  const error = await formatError(run);
  expect(error.format).toBe(format);
  expect(error.message).toMatch(pattern);
  return error;
}

/** Splits a text into chunks of `size` characters, as a stream would deliver it. */
export function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Runs an input through a reader and accepts records or a FormatError; anything else fails. */
export async function readsOrRejects(run: () => unknown): Promise<void> {
  try {
    const value = run();
    if (value !== null && typeof value === 'object' && Symbol.asyncIterator in value) await collect(value as AsyncIterable<unknown>);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
}
