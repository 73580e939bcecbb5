import type { FastifyInstance } from 'fastify';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface Operation {
  method: Method;
  /** OpenAPI path, e.g. `/api/projects/{id}/members/{userId}`. */
  path: string;
  /** Content types the request body may have (empty: the route takes no body). */
  consumes: string[];
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, unknown> };
}

const METHODS: Method[] = ['get', 'post', 'patch', 'put', 'delete'];

/**
 * Every operation of the API as its OpenAPI document describes it. The security suites are
 * generated from this table, so a route added tomorrow is covered without anyone remembering to.
 */
export function operations(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Partial<Record<Method, OpenApiOperation>>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((method) => ({ method, path, consumes: Object.keys(ops[method]?.requestBody?.content ?? {}) })),
  );
}

/** The object kind a path's `{id}` names: `/api/dataset-versions/{id}/download` → `dataset-versions`. */
export function kindOf(path: string): string | undefined {
  return /^\/api\/(?:auth\/)?([\w-]+)\/\{id\}/.exec(path)?.[1];
}

/** Fills the `{id}`-style parameters of an OpenAPI path from the ids of the objects they name. */
export function concretePath(path: string, ids: Record<string, number>): string {
  const kind = kindOf(path);
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = name === 'id' ? kind : name;
    const id = key === undefined ? undefined : ids[key];
    if (id === undefined) throw new Error(`no fixture id for {${name}} in ${path}; add one to hostile-fixtures.ts`);
    return String(id);
  });
}

/** `METHOD /path` for messages. */
export const label = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method.toUpperCase()} ${op.path}`;
