import { Type, type TSchema } from 'typebox';

/** The error body of every 4xx/5xx response. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'stable code, e.g. LAOSHI_TASK_NOT_FOUND' }),
        message: Type.String(),
        field: Type.Optional(Type.String({ description: 'the input field at fault' })),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorResponse' },
);

const errorRef = Type.Ref('ErrorResponse');

/** Response schemas for the given error statuses, all with the ErrorResponse body. */
export function errors(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((c) => [c, errorRef]));
}

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: Id });

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
});

/** A page of a cursor-paginated list. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Timestamp = Type.String({ format: 'date-time' });

/** Any JSON object (task data, results items). */
export const JsonObject = Type.Object({}, { additionalProperties: true });
