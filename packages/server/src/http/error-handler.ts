import type { FastifyError, FastifyInstance } from 'fastify';
import { LaoshiError, errorBody } from '../errors.js';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns an ajv issue path (`/items/0/name`, or a missing property) into a field name (`items[0].name`). */
function fieldOf(issue: AjvIssue, context: string | undefined): string {
  const parts = (issue.instancePath ?? '').split('/').filter(Boolean);
  const missing = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof missing === 'string') parts.push(missing);
  const path = parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return path || (context === 'body' ? 'body' : (context ?? 'request'));
}

function fromFramework(err: FastifyError): LaoshiError | null {
  if (err.validation) {
    const issue = err.validation[0] as AjvIssue | undefined;
    const field = issue ? fieldOf(issue, err.validationContext) : 'request';
    const extra = issue?.params?.additionalProperty ? `unknown field ${String(issue.params.additionalProperty)}` : issue?.message;
    return new LaoshiError(400, 'LAOSHI_VALIDATION', `${field}: ${extra ?? 'is not valid'}`, field);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', 'request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new LaoshiError(415, 'LAOSHI_UNSUPPORTED_MEDIA_TYPE', 'send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new LaoshiError(400, 'LAOSHI_VALIDATION', 'body must not be empty', 'body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new LaoshiError(400, 'LAOSHI_VALIDATION', 'body is not valid JSON', 'body');
  }
  if (err.statusCode === 400 && /JSON|prototype|constructor/i.test(err.message)) {
    return new LaoshiError(400, 'LAOSHI_VALIDATION', 'body is not valid JSON (or holds a forbidden __proto__/constructor key)', 'body');
  }
  if (err.statusCode === 429) return new LaoshiError(429, 'LAOSHI_RATE_LIMITED', 'too many attempts; wait a minute and try again');
  return null;
}

/** One handler for every error: LaoshiError as is, framework errors mapped, anything else a 500 that leaks nothing. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = err instanceof LaoshiError ? err : fromFramework(err);
    if (known) {
      if (known.statusCode === 429) void reply.header('retry-after', '60');
      return reply.status(known.statusCode).send(errorBody(known));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(new LaoshiError(500, 'LAOSHI_INTERNAL', `internal error (request ${request.id})`)));
  });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: a browser GET of /projects/7/tasks/9 gets index.html (deep links survive reload).
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/assets/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && 'sendFile' in reply) return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorBody(new LaoshiError(404, 'LAOSHI_ROUTE_NOT_FOUND', `no route ${request.method} ${path}`)));
  });
}
