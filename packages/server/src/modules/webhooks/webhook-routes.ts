import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, Page, PageQuery, errors } from '../../http/schemas.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { DeliverySchema, WebhookCreate, WebhookPatch, WebhookSchema, WebhookWithSecret } from './webhook-schemas.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, pingWebhook, scopeWebhook, updateWebhook } from './webhook-service.js';

/** Webhooks of a project: CRUD, delivery log and a test ping (managers). */
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Outsiders get 404 before a body is validated, so a 400 never confirms the webhook exists.
  const scopeWebhookFirst = async (request: FastifyRequest) => {
    const id = Number((request.params as { id?: unknown }).id);
    if (Number.isInteger(id) && id >= 1 && id <= 2_147_483_647) await scopeWebhook(ctx, actorOf(request), id);
  };

  r.get(
    '/api/projects/:id/webhooks',
    { schema: { tags: ['webhooks'], summary: "The project's webhooks, without their secrets (managers)", params: IdParams, response: { 200: Type.Array(WebhookSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listWebhooks(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/webhooks',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['webhooks'],
        summary: 'Add a webhook (managers): events are POSTed as JSON, signed in X-Laoshi-Signature; the secret is shown once',
        params: IdParams,
        body: WebhookCreate,
        response: { 201: WebhookWithSecret, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/webhooks/:id',
    {
      preValidation: scopeWebhookFirst,
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook, turn it off or on, or rotate its secret (managers)',
        params: IdParams,
        body: WebhookPatch,
        response: { 200: Type.Intersect([WebhookSchema, Type.Object({ secret: Type.Optional(Type.String({ description: 'the new secret after rotateSecret, shown only here' })) })]), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateWebhook(ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/webhooks/:id',
    { schema: { tags: ['webhooks'], summary: 'Delete a webhook and its delivery log (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteWebhook(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "A webhook's deliveries, newest first: status, attempts, the endpoint's answer, the next retry (managers)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(DeliverySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listDeliveries(ctx, actorOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/webhooks/:id/ping',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a webhook.ping event now and answer with how the first attempt went (managers)',
        params: IdParams,
        response: { 200: DeliverySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => pingWebhook(ctx, actorOf(request), request.params.id),
  );
}
