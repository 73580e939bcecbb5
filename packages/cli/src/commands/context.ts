import { LaoshiError, createServerContext, loadConfig, type AppContext } from '@laoshi/server';
import { CliError } from '../cli-error.js';

/** Runs `fn` with the services' context of the data folder (or DATABASE_URL), then closes the database. */
export async function withContext<T>(dataDir: string | undefined, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createServerContext(loadConfig(process.env, { dataDir: dataDir ? (await import('node:path')).resolve(dataDir) : undefined }));
  try {
    return await fn(ctx);
  } catch (err) {
    if (err instanceof LaoshiError) throw new CliError(err.field ? `${err.field}: ${err.message}` : err.message);
    throw err;
  } finally {
    await ctx.db.close();
  }
}

export const DATA_OPTION = ['--data <dir>', 'data folder (SQLite file, secret); default ./data or LAOSHI_DATA_DIR'] as const;
