import fs from 'node:fs';
import path from 'node:path';
import { parseLabelConfig } from '@laoshi/core';
import { createServerContext, loadConfig } from '@laoshi/server';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const CONFIG = '<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/><Label value="ORG"/><Label value="MISC"/></Labels></View>';

/** A data folder with an admin and one empty NER project. */
async function seed(): Promise<{ data: string; projectId: number }> {
  const data = tempDir();
  expect((await runCli(['users', 'create', '--admin', '--email', 'boss@example.com', '--password', 'long enough', '--data', data])).code).toBe(0);
  const ctx = await createServerContext(loadConfig({}, { dataDir: data }));
  try {
    const user = await ctx.db.kysely.selectFrom('users').select(['id', 'organization_id']).executeTakeFirstOrThrow();
    const now = Date.now();
    const project = await ctx.db.kysely
      .insertInto('projects')
      .values({ organization_id: user.organization_id, title: 'CLI import', description: '', label_config: JSON.stringify(parseLabelConfig(CONFIG)), label_config_xml: CONFIG, overlap: 1, created_by: user.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { data, projectId: project.id };
  } finally {
    await ctx.jobs.close();
    await ctx.db.close();
  }
}

async function count(data: string, table: 'tasks' | 'annotations' | 'predictions'): Promise<number> {
  const ctx = await createServerContext(loadConfig({}, { dataDir: data }));
  try {
    const row = await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await ctx.jobs.close();
    await ctx.db.close();
  }
}

describe('laoshi import', () => {
  it('imports a folder (JSONL and CoNLL files) and prints what it imported', async () => {
    const { data, projectId } = await seed();
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'ner'));
    fs.writeFileSync(path.join(dir, 'texts.jsonl'), '{"text": "one"}\n{"text": "two"}\n');
    fs.writeFileSync(path.join(dir, 'ner', 'train.conll'), '-DOCSTART- -X- -X- O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n');
    const res = await runCli(['import', String(projectId), dir, '--tag-scheme', 'iob1', '--json', '--data', data]);
    expect(res.err.split('\n').filter((l) => l && !/tasks imported|media files stored/.test(l))).toEqual([]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ tasks: 3, annotations: 1, media: 0 });
    expect(await count(data, 'tasks')).toBe(3);
  });

  it('imports one file with labels as predictions', async () => {
    const { data, projectId } = await seed();
    const file = path.join(tempDir(), 'eng.conll');
    fs.writeFileSync(file, 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n');
    const res = await runCli(['import', String(projectId), file, '--as', 'predictions', '--data', data]);
    expect(res.out).toMatch(/^imported 1 tasks \(0 annotations, 1 predictions, 0 media files\) in job \d+/);
    expect(await count(data, 'predictions')).toBe(1);
  });

  it('fails with the file and the line, exit code 1, keeping the tasks before the bad line', async () => {
    const { data, projectId } = await seed();
    const file = path.join(tempDir(), 'bad.jsonl');
    fs.writeFileSync(file, '{"text": "fine"}\n{oops\n');
    const res = await runCli(['import', String(projectId), file, '--data', data]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/import job \d+ failed: .*bad\.jsonl: JSON Lines line 2/);
    expect(await count(data, 'tasks')).toBe(1);
  });

  it('rejects a missing path, an unknown project and a bad option', async () => {
    const { data, projectId } = await seed();
    expect((await runCli(['import', String(projectId), '/no/such/file.json', '--data', data])).err).toContain('/no/such/file.json: no such file or folder');
    expect((await runCli(['import', '999', '/tmp', '--data', data])).err).toContain('no project 999');
    const bad = await runCli(['import', String(projectId), '/tmp', '--as', 'gold', '--data', data]);
    expect(bad.code).toBe(2);
  });
});
