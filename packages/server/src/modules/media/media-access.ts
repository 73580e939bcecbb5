import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { MediaRow, ProjectRole } from '../../db/schema.js';
import { LaoshiError, notFound } from '../../errors.js';

/** Loads media the actor may see (members of its project); 404 for anyone else. */
export async function scopeMedia(ctx: AppContext, actor: Actor, mediaId: number, min: ProjectRole): Promise<MediaRow> {
  const row = await ctx.db.kysely.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
  if (!row || row.organization_id !== actor.organizationId) throw notFound('LAOSHI_MEDIA_NOT_FOUND', 'media');
  try {
    await scopeProject(ctx, actor, row.project_id, min);
  } catch (err) {
    if (err instanceof LaoshiError && err.statusCode === 404) throw notFound('LAOSHI_MEDIA_NOT_FOUND', 'media');
    throw err;
  }
  return row;
}

/** A parsed `Range: bytes=…` header: one range, inclusive; null to send the whole body. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: sending the whole body is a valid answer (RFC 9110 §14.2).
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
