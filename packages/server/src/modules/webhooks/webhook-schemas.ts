import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.js';

const EventName = Type.Unsafe<WebhookEvent>(Type.String({ enum: [...WEBHOOK_EVENTS] }));
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) endpoint; private, loopback and link-local addresses are refused unless LAOSHI_OUTBOUND_ALLOW names them' });

export const WebhookSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  url: Type.String(),
  events: Type.Array(EventName),
  description: Type.String(),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const WebhookWithSecret = Type.Intersect([
  WebhookSchema,
  Type.Object({ secret: Type.String({ description: 'the signing secret, shown only in this answer: X-Laoshi-Signature is sha256=<hex HMAC-SHA256 of the raw body under it>' }) }),
]);

export const WebhookCreate = Type.Object(
  {
    url: Url,
    events: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: WEBHOOK_EVENTS.length, description: WEBHOOK_EVENTS.join(', ') }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const WebhookPatch = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: WEBHOOK_EVENTS.length })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    active: Type.Optional(Type.Boolean()),
    rotateSecret: Type.Optional(Type.Boolean({ description: 'true: make a new secret, shown in the answer only' })),
  },
  { additionalProperties: false },
);

export const DeliverySchema = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  event: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Timestamp, Type.Null()], { description: 'when the next attempt is due (pending only)' }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()]),
});
