import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseLabelConfig } from '@laoshi/core';
import { createServerContext, loadConfig } from '@laoshi/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const CONFIG = '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels></View>';
const box = (label: string) => ({ id: 'r1', from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 200, original_height: 100, value: { x: 10, y: 20, width: 50, height: 40, rotation: 0, rectanglelabels: [label] } });

/** A data folder with an admin and a project of `n` tasks, every other one annotated. */
async function seed(n: number): Promise<{ data: string; projectId: number }> {
  const data = tempDir();
  expect((await runCli(['users', 'create', '--admin', '--email', 'boss@example.com', '--password', 'long enough', '--data', data])).code).toBe(0);
  const ctx = await createServerContext(loadConfig({}, { dataDir: data }));
  try {
    const user = await ctx.db.kysely.selectFrom('users').select(['id', 'organization_id']).executeTakeFirstOrThrow();
    const now = Date.now();
    const project = await ctx.db.kysely
      .insertInto('projects')
      .values({ organization_id: user.organization_id, title: 'CLI', description: '', label_config: JSON.stringify(parseLabelConfig(CONFIG)), label_config_xml: CONFIG, overlap: 1, created_by: user.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < n; i++) {
      const task = await ctx.db.kysely
        .insertInto('tasks')
        .values({ project_id: project.id, data: JSON.stringify({ image: `img${i}.jpg` }), meta: '{}', annotation_count: i % 2 === 0 ? 1 : 0, is_labeled: i % 2 === 0 ? 1 : 0, reserved: 0, is_open: i % 2, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (i % 2 === 0) {
        await ctx.db.kysely.insertInto('annotations').values({ task_id: task.id, project_id: project.id, completed_by: user.id, result: JSON.stringify([box(i % 4 === 0 ? 'Car' : 'Road')]), is_draft: 0, version: 1, lead_time: null, source: 'user', created_at: now, updated_at: now }).execute();
      }
    }
    return { data, projectId: project.id };
  } finally {
    await ctx.jobs.close();
    await ctx.db.close();
  }
}

describe('laoshi export', () => {
  let data: string;
  let projectId: number;
  beforeAll(async () => {
    ({ data, projectId } = await seed(6));
  });

  it('writes the export file, draws a progress bar on stderr and prints a summary with the checksum', async () => {
    const out = path.join(data, 'out', 'dataset.jsonl');
    fs.mkdirSync(path.dirname(out));
    const res = await runCli(['export', String(projectId), '--format', 'jsonl', '--out', out, '--data', data]);
    expect(res.code, res.err).toBe(0);
    const bytes = fs.readFileSync(out);
    const lines = bytes.toString().trim().split('\n').map((l) => JSON.parse(l) as { data: { image: string }; annotations: unknown[] });
    expect(lines.map((l) => l.data.image)).toEqual(['img0.jpg', 'img1.jpg', 'img2.jpg', 'img3.jpg', 'img4.jpg', 'img5.jpg']);
    expect(res.err).toMatch(/exporting \[#{30}\] 100% 6\/6 tasks\n$/);
    expect(res.out).toBe(`wrote ${out}: 6 tasks, 3 annotations, 3 regions, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}\n`);
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });

  it('exports YOLO with the latest annotations only, and COCO in pixels', async () => {
    const yolo = path.join(data, 'yolo.zip');
    expect((await runCli(['export', String(projectId), '--format', 'yolo', '--latest', '--out', yolo, '--data', data])).code).toBe(0);
    const zip = fs.readFileSync(yolo);
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(zip.includes(Buffer.from('labels/img0.txt'))).toBe(true);
    expect(zip.includes(Buffer.from('labels/img1.txt'))).toBe(false); // not annotated: not a "background" image
    const coco = path.join(data, 'coco.json');
    expect((await runCli(['export', String(projectId), '--format', 'coco', '--out', coco, '--data', data])).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(coco, 'utf8')) as { annotations: { bbox: number[] }[]; categories: { name: string }[] };
    expect(doc.annotations[0]?.bbox).toEqual([20, 20, 100, 40]);
    expect(doc.categories.map((c) => c.name)).toEqual(['Car', 'Road']);
  });

  it('fails clearly on a bad format, an unknown project and an option the format cannot take', async () => {
    const out = path.join(data, 'x.csv');
    const format = await runCli(['export', String(projectId), '--format', 'xlsx', '--out', out, '--data', data]);
    expect(format).toMatchObject({ code: 2 });
    expect(format.err).toContain('--format must be one of laoshi, label-studio, coco');
    const missing = await runCli(['export', '999', '--format', 'csv', '--out', out, '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('project 999 not found');
    const media = await runCli(['export', String(projectId), '--format', 'csv', '--with-media', '--out', out, '--data', data]);
    expect(media.err).toContain('withMedia');
    expect(fs.existsSync(out)).toBe(false);
  });
});
