// Command-line flags and settings every bench script reads.

/** The value after `--name` on the command line, or undefined. */
export function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** A numeric `--name N`, or `fallback`. */
export function numberFlag(name: string, fallback: number): number {
  const value = flag(name);
  return value === undefined ? fallback : Number(value);
}

/** Where benches create their throw-away PostgreSQL databases (the same variable as the tests). */
export const PG_ADMIN_URL = process.env.LAOSHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
