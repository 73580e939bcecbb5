import type { Readable } from 'node:stream';
import { LaoshiError } from '../../errors.js';
import { safeFetch } from '../../net/safe-fetch.js';

// The Label Studio ML-backend protocol, unchanged, so backends written for Label Studio (YOLO,
// SAM, GroundingDINO, spaCy…) work here: GET /health, POST /setup, POST /predict, POST /webhook.
// Every call goes through safeFetch (outbound-address rules, time and size caps).

/** Where a backend lives and how to authenticate to it (the header value is already opened). */
export interface BackendTarget {
  title: string;
  url: string;
  authHeader: string | null;
}

export interface BackendCallOptions {
  /** LAOSHI_OUTBOUND_ALLOW. */
  allow: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

/** /setup's body, as Label Studio sends it. */
export interface SetupBody {
  project: string;
  schema: string;
  hostname: string;
  access_token: string;
  extra_params: Record<string, unknown>;
}

/** A task as /predict receives it. */
export interface PredictTask {
  id: number;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  project: number;
}

/** /predict's body, as Label Studio sends it. */
export interface PredictBody {
  tasks: PredictTask[];
  label_config: string;
  project: string;
  params: { context: unknown };
}

/** One task's answer from /predict. */
export interface BackendPrediction {
  result: unknown[];
  score: number | null;
  modelVersion: string | null;
}

const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Our error for a failed call: a clear 502 or 504 naming the backend and the endpoint; refusals stay 400. */
function callError(target: BackendTarget, path: string, err: unknown, timeoutMs: number): LaoshiError {
  if (err instanceof LaoshiError) {
    if (err.code === 'LAOSHI_OUTBOUND_REFUSED' || err.code === 'LAOSHI_VALIDATION') return err;
    if (err.statusCode === 504) return new LaoshiError(504, 'LAOSHI_MODEL_BACKEND_TIMEOUT', `model backend "${target.title}" did not answer ${path} within ${Math.round(timeoutMs / 100) / 10} s (or the call was cancelled)`);
    if (err.code === 'LAOSHI_MODEL_BACKEND_FAILED') return err;
    const why = err.message.startsWith(target.url) ? err.message.slice(target.url.length).replace(/^[^:]*:\s*/, '') : err.message;
    return new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', `model backend "${target.title}" failed on ${path}: ${why}`);
  }
  return new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', `model backend "${target.title}" failed on ${path}: ${(err as NodeJS.ErrnoException).code ?? 'connection failed'}`);
}

/** One JSON exchange with the backend; the answer parsed, or a LaoshiError. */
async function exchange(target: BackendTarget, path: string, options: BackendCallOptions, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'user-agent': 'Laoshi/0.1', accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (target.authHeader) headers.authorization = target.authHeader;
  let text: string;
  try {
    const res = await safeFetch(endpoint(target.url, path), {
      allow: options.allow, timeoutMs: options.timeoutMs, signal: options.signal, maxBytes: MAX_ANSWER_BYTES, maxRedirects: 2,
      method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    text = (await readAll(res.body)).toString('utf8');
  } catch (err) {
    throw callError(target, path, err, options.timeoutMs);
  }
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', `model backend "${target.title}" answered ${path} with something that is not JSON`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** GET /health: resolves with the backend's status text (e.g. "UP"); throws when it is down. */
export async function backendHealth(target: BackendTarget, options: BackendCallOptions): Promise<{ status: string; modelClass: string | null }> {
  const answer = await exchange(target, '/health', options);
  const status = isObject(answer) && typeof answer.status === 'string' ? answer.status : 'UP';
  const modelClass = isObject(answer) && typeof answer.model_class === 'string' ? answer.model_class : null;
  return { status, modelClass };
}

/** POST /setup: the backend learns the project and its schema, and names its model version. */
export async function backendSetup(target: BackendTarget, body: SetupBody, options: BackendCallOptions): Promise<{ modelVersion: string | null }> {
  const answer = await exchange(target, '/setup', options, body);
  const version = isObject(answer) ? answer.model_version : undefined;
  return { modelVersion: typeof version === 'string' || typeof version === 'number' ? String(version) : null };
}

/**
 * POST /predict: one prediction per task, in task order. An answer that is not
 * `{results: [{result, score?, model_version?}, …]}` with one entry per task is a 502.
 */
export async function backendPredict(target: BackendTarget, body: PredictBody, options: BackendCallOptions): Promise<BackendPrediction[]> {
  const answer = await exchange(target, '/predict', options, body);
  // Old backends answered with the bare list.
  const results = Array.isArray(answer) ? answer : isObject(answer) ? answer.results : undefined;
  const bad = (why: string) => new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', `model backend "${target.title}" answered /predict ${why}`);
  if (!Array.isArray(results)) throw bad('without a results list');
  if (results.length !== body.tasks.length) throw bad(`with ${results.length} results for ${body.tasks.length} tasks`);
  return results.map((entry, i) => {
    if (!isObject(entry) || !Array.isArray(entry.result)) throw bad(`with results[${i}] that has no result list`);
    const score = typeof entry.score === 'number' && Number.isFinite(entry.score) ? entry.score : null;
    const version = entry.model_version;
    return { result: entry.result as unknown[], score, modelVersion: typeof version === 'string' || typeof version === 'number' ? String(version) : null };
  });
}

/** POST /webhook with an event (ANNOTATION_CREATED, …) as Label Studio's webhooks send it. */
export async function backendWebhook(target: BackendTarget, body: Record<string, unknown>, options: BackendCallOptions): Promise<void> {
  await exchange(target, '/webhook', options, body);
}
