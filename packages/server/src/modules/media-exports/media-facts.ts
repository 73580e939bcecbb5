import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.js';
import type { ExportTask } from '../exports/export-task.js';

/** What an export needs to know about a task's video or audio file. */
export interface MediaFacts {
  /** The name the file is written under (the imported name, else the data value's last segment). */
  name: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  frameRate: number | null;
  frameCount: number | null;
}

const MEDIA_URL = /^\/api\/media\/(\d+)$/;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

/**
 * Facts about task media, looked up once per media file: stored media (`/api/media/:id` of this
 * project) give their probed size, duration, frame rate and count; other URLs only what the task's
 * `meta` says (`original_width`, `original_height`, `file_name`).
 */
export class MediaFactsCache {
  private readonly rows = new Map<number, MediaRow | null>();
  constructor(private readonly db: Kysely<Database>, private readonly projectId: number) {}

  async of(task: ExportTask, ref: string): Promise<MediaFacts> {
    const match = MEDIA_URL.exec(ref);
    const row = match ? await this.row(Number(match[1])) : null;
    const meta = row ? (JSON.parse(row.meta) as Record<string, unknown>) : {};
    const fileName = typeof task.meta.file_name === 'string' ? task.meta.file_name : (row?.file_name ?? path.posix.basename(ref.split('?')[0] ?? ref));
    return {
      name: fileName || 'media',
      width: row?.width ?? num(task.meta.original_width),
      height: row?.height ?? num(task.meta.original_height),
      duration: row?.duration ?? null,
      frameRate: num(meta.frameRate),
      frameCount: num(meta.frameCount),
    };
  }

  private async row(id: number): Promise<MediaRow | null> {
    if (!this.rows.has(id)) {
      // Only this project's media: a task pointing at another project's file learns nothing about it.
      const row = await this.db.selectFrom('media').selectAll().where('id', '=', id).where('project_id', '=', this.projectId).executeTakeFirst();
      this.rows.set(id, row ?? null);
    }
    return this.rows.get(id) ?? null;
  }
}
