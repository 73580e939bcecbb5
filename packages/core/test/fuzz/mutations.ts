import fc from 'fast-check';
import { expect } from 'vitest';

// Mutation fuzzing: start from valid files and break them the way real files break (cut short,
// a byte flipped, a line doubled, a piece of another file pasted in) — inputs that get much
// deeper into a parser than random noise does.

/** A hang guard per case, not a speed test: generous so a loaded CI machine does not flake. */
export const CASE_MS = 5_000;

/** Characters that matter to the formats under test: structure, numbers, escapes, odd Unicode. */
const SPECIALS = ['<', '>', '/', '"', "'", '&', ';', '=', '{', '}', '[', ']', ':', ',', '\\', '\n', '\r\n', '\t', ' ', '-', '.', 'e', '0', '9', '\u0000', '\ufeff', '\ud800', '😀', '中', '&lt;', '&#x41;', '&#0;', '&#xD800;', '<!--', ']]>', 'NaN', '1e999', '-0'];

type Mutation = (s: string) => string;

/** One mutation at a position chosen by `at` (a fraction of the length). */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // cut short (a truncated upload)
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (s: string) => s.slice(0, Math.floor(at * s.length))),
  // replace one character
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ maxLength: 2 }))).map(([at, c]) => (s: string) => {
    const i = Math.floor(at * s.length);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
  // insert something
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }))).map(([at, c]) => (s: string) => {
    const i = Math.floor(at * s.length);
    return s.slice(0, i) + c + s.slice(i);
  }),
  // delete a range
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40)).map(([at, n]) => (s: string) => {
    const i = Math.floor(at * s.length);
    return s.slice(0, i) + s.slice(i + n);
  }),
  // duplicate a range (a line written twice, a tag repeated)
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(80), fc.integer({ min: 1, max: 20 })).map(([at, n, times]) => (s: string) => {
    const i = Math.floor(at * s.length);
    return s.slice(0, i) + s.slice(i, i + n).repeat(times + 1) + s.slice(i + n);
  }),
  // swap two ranges
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(30)).map(([a, b, n]) => (s: string) => {
    const [i, j] = [Math.floor(a * s.length), Math.floor(b * s.length)].sort((x, y) => x - y) as [number, number];
    if (i + n > j) return s;
    return s.slice(0, i) + s.slice(j, j + n) + s.slice(i + n, j) + s.slice(i, i + n) + s.slice(j + n);
  }),
);

/** A valid seed broken by 1–6 mutations (and now and then left intact, so the happy path runs too). */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 0, maxLength: 6 }))
    .map(([seed, ms]) => ms.reduce((s, m) => m(s), seed));
}

/**
 * Runs a parser on one input: it must return (or finish iterating) or throw an instance of
 * `typed`, within CASE_MS. Anything else — a TypeError, a RangeError, a stack overflow — fails.
 */
export async function parsesOrFailsTyped(typed: abstract new (...args: never[]) => Error, run: () => unknown): Promise<void> {
  const started = Date.now();
  try {
    const value = run();
    if (value !== null && typeof value === 'object' && Symbol.asyncIterator in value) {
      for await (const _ of value as AsyncIterable<unknown>) void _;
    } else if (value instanceof Promise) await value;
  } catch (error) {
    if (!(error instanceof typed)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(Date.now() - started).toBeLessThan(CASE_MS);
}

/** fast-check settings for the fuzz suites: a fixed count of cases, each under fast-check's own time limit too. */
export const FUZZ_RUNS = { numRuns: 500, timeout: CASE_MS } as const;
