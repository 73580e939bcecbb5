import { LaoshiError } from '../../errors.js';

/** A problem with one imported file: 400 LAOSHI_BAD_FILE whose message starts with the file's name. */
export function badFile(file: string, problem: string): LaoshiError {
  return new LaoshiError(400, 'LAOSHI_BAD_FILE', `${file}: ${problem}`, 'file', { file });
}

/**
 * The error as a message that names the file (format errors, invalid results, anything we threw).
 * A message that names the file by its bare name (`a.png: …`, from the media service) is given
 * its full name (`photos.zip/a.png: …`).
 */
export function describeFileError(file: string, err: unknown): LaoshiError {
  const bare = file.slice(file.lastIndexOf('/') + 1);
  if (err instanceof LaoshiError && bare !== file && err.message.startsWith(`${bare}: `)) {
    return new LaoshiError(err.statusCode, err.code, `${file}: ${err.message.slice(bare.length + 2)}`, 'file', { file });
  }
  if (err instanceof LaoshiError) return err.message.startsWith(file) ? err : new LaoshiError(err.statusCode, err.code === 'LAOSHI_INTERNAL' ? 'LAOSHI_BAD_FILE' : err.code, `${file}: ${err.message}`, 'file', { file });
  if (err instanceof Error && err.name === 'FormatError') return badFile(file, err.message);
  // Database errors are ours, not the file's: they fail the job (and are logged, not shown).
  const e = err as { code?: unknown; severity?: unknown };
  if (!(err instanceof Error) || e.severity !== undefined || (typeof e.code === 'string' && e.code.startsWith('SQLITE'))) throw err;
  // Stream errors of a damaged file (bad deflate data, a size that differs from the zip header…).
  return badFile(file, `cannot be read: ${err.message}`);
}
