import { FormatError, type FormatErrorLocation, type FormatName } from './format-error.js';

/**
 * A Label Studio task as JSON: `data` and whatever else the file carried. The keys below are
 * checked for shape; their results are not (check them against the label config with
 * `validateResult`).
 */
export interface JsonTask {
  data: Record<string, unknown>;
  meta?: Record<string, unknown>;
  annotations?: { result?: unknown[]; [key: string]: unknown }[];
  predictions?: { result?: unknown[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one parsed task. As in Label Studio, an object without a `data` key is the data itself
 * and is wrapped as `{ data: value }`. `at` locates the task (its line, or its path) in errors.
 */
export function checkJsonTask(value: unknown, format: FormatName, at: FormatErrorLocation): JsonTask {
  const root = at.path ?? '';
  const fail = (reason: string, path: string): never => {
    throw new FormatError(format, reason, { ...at, path: `${root}${path}` || undefined });
  };
  if (!isObject(value)) return fail('a task must be a JSON object', '');
  if (!('data' in value)) return { data: value };
  if (!isObject(value.data)) fail('data must be a JSON object', dot(root, 'data'));
  if (value.meta !== undefined && !isObject(value.meta)) fail('meta must be a JSON object', dot(root, 'meta'));
  for (const key of ['annotations', 'predictions'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${key} must be an array`, dot(root, key));
    (list as unknown[]).forEach((entry, i) => {
      if (!isObject(entry)) fail('must be a JSON object with a result', `${dot(root, key)}[${i}]`);
      else if (entry.result !== undefined && !Array.isArray(entry.result)) fail('result must be an array', `${dot(root, key)}[${i}].result`);
    });
  }
  return value as JsonTask;
}

/** `.key` after a path, or `key` alone, for a path relative to the task. */
function dot(root: string, key: string): string {
  return root === '' ? key : `.${key}`;
}

/** JSON text of one task, or a FormatError when it has none (a cycle, a BigInt…). */
export function stringifyTask(task: unknown, format: FormatName, index: number): string {
  try {
    const json = JSON.stringify(task);
    if (typeof json !== 'string') throw new TypeError('it is not a JSON value');
    return json;
  } catch (error) {
    throw new FormatError(format, `cannot write the task as JSON: ${error instanceof Error ? error.message : String(error)}`, { path: `tasks[${index}]` });
  }
}
