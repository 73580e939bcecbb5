import { badRequest } from '../errors.js';

/** Cursors are opaque to clients: the last id of the previous page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`id:${lastId}`).toString('base64url');
}

/** Decodes a cursor; 400 naming `cursor` when it was not made by encodeCursor. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor is not valid', 'cursor');
  return Number(match[1]);
}

/** Splits limit+1 fetched rows into a page and its next cursor. */
export function toPage<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: more && last ? encodeCursor(last.id) : null };
}
