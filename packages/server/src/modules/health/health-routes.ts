import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { errors } from '../../http/schemas.js';

/** GET /api/health: 200 once the database answers. */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errors(500) } },
    },
    async () => {
      await sql`select 1`.execute(ctx.db.kysely);
      return { status: 'ok' as const };
    },
  );
}
