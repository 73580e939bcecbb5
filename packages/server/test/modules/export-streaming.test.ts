import { writeCoco, type LabelConfig, type WritableTask } from '@laoshi/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { iso } from '../../src/modules/exports/export-task.js';
import { imageSizeFromData, shapeLabels } from '../../src/modules/exports/writers/writer-helpers.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { IMAGE_CONFIG, box, createProject, createVersion, download, exportFile, note, polygon } from './export-fixtures.js';

// The streaming exporters (JSONL spliced from the stored JSON text, COCO in one pass with its
// annotations spooled) against what the straightforward way gives on the same rows: JSON.parse
// everything, build the objects, JSON.stringify them (JSONL), and core's two-pass writeCoco
// (COCO). Byte for byte, on text that trips up hand-made JSON, across more tasks than one read
// batch holds (250 on SQLite, 1000 on PostgreSQL).

const TRICKY = 'Zoë said "hi" \\ back\\slash\nnew line\r\ttab \u2028\u2029 \u0001\u001f 中文 😀 \ud83d lone </script> {"json":[1]}';
const TITLE = 'Streaming Zoë "中文" 😀 \\ </script>';
const TASKS = 1_100;

interface Seeded {
  project: number;
  ids: number[];
}

async function seed(t: TestApp, first: TestUser, second: TestUser): Promise<Seeded> {
  const project = await createProject(t, t.admin, IMAGE_CONFIG, TITLE);
  const tasks = Array.from({ length: TASKS }, (_, i) => {
    const data: Record<string, unknown> = { image: `images/${i} ${TRICKY.slice(0, 12)}.jpg`, caption: `${TRICKY} #${i}`, nested: { list: [i, `${i}`, null, true, 1.5e-7] } };
    if (i % 7 === 3) Object.assign(data, { width: 1024, height: 768 });
    const task: Record<string, unknown> = { data };
    if (i % 5 === 4) return task; // nobody annotated it
    if (i % 11 === 2) task.meta = { original_width: 800, original_height: 600, note: TRICKY };
    const sized = !(i % 7 === 3 || i % 11 === 2);
    const result = [
      box(`b${i}`, ['Car', 'Road'][i % 2]!, (i % 90) + 0.123456789, (i % 80) + 1 / 3, 5.5, 7.25, sized),
      ...(i % 4 === 0 ? [polygon(`p${i}`, [[1.5, 2.25], [40, 2.5], [20.125, 50 + (i % 9)]])] : []),
      note(`${TRICKY} ${i}`),
    ];
    // Two annotators on some tasks, the later user first: ids and the (task, user) index disagree.
    task.annotations = i % 3 === 0
      ? [{ completed_by: second.email, lead_time: i / 10, result }, { completed_by: first.email, result: result.slice(0, 1) }]
      : [{ completed_by: first.email, lead_time: null, result }];
    if (i % 9 === 0) task.predictions = [{ result: result.slice(0, 1), ...(i % 2 ? { score: 0.5 } : {}), model_version: `m ${TRICKY.slice(0, 8)}` }];
    return task;
  });
  const res = await t.call(t.admin, 'POST', `/api/projects/${project}/tasks`, tasks);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
  const ids = (await t.ctx.db.kysely.selectFrom('tasks').select('id').where('project_id', '=', project).orderBy('id').execute()).map((r) => r.id);
  expect(ids).toHaveLength(TASKS);
  return { project, ids };
}

/** The JSONL export the straightforward way: every JSON column parsed, the task built as an object, stringified. */
async function expectedJsonl(t: TestApp, projectId: number, only?: Set<number>): Promise<string> {
  const k = t.ctx.db.kysely;
  const tasks = await k.selectFrom('tasks').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  const annotations = await k.selectFrom('annotations as a').leftJoin('users as u', 'u.id', 'a.completed_by').selectAll('a').select('u.email').where('a.project_id', '=', projectId).where('a.is_draft', '=', 0).orderBy('a.id').execute();
  const predictions = await k.selectFrom('predictions').selectAll().orderBy('id').execute();
  let out = '';
  for (const task of tasks) {
    if (only && !only.has(task.id)) continue;
    const mine = annotations.filter((a) => a.task_id === task.id);
    const guesses = predictions.filter((p) => p.task_id === task.id);
    const line = {
      id: task.id, data: JSON.parse(task.data), meta: JSON.parse(task.meta),
      annotations: mine.map((a) => ({
        id: a.id, completed_by: a.completed_by === null ? null : { id: a.completed_by, email: a.email }, result: JSON.parse(a.result), was_cancelled: false, ground_truth: false,
        created_at: new Date(a.created_at).toISOString(), updated_at: new Date(a.updated_at).toISOString(), lead_time: a.lead_time, task: task.id, project: projectId,
      })),
      predictions: guesses.map((p) => ({ id: p.id, model_version: p.model_version, score: p.score, result: JSON.parse(p.result), task: task.id, project: projectId, created_at: new Date(p.created_at).toISOString() })),
      total_annotations: mine.length, cancelled_annotations: 0, total_predictions: guesses.length, project: projectId,
      created_at: new Date(task.created_at).toISOString(), updated_at: new Date(task.updated_at).toISOString(),
    };
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

/** The COCO export through core's two-pass writeCoco, on each annotated task's latest annotation. */
async function expectedCoco(t: TestApp, projectId: number): Promise<string> {
  const k = t.ctx.db.kysely;
  const project = await k.selectFrom('projects').select('label_config').where('id', '=', projectId).executeTakeFirstOrThrow();
  const config = JSON.parse(project.label_config) as LabelConfig;
  const tasks = await k.selectFrom('tasks').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  const annotations = await k.selectFrom('annotations').selectAll().where('project_id', '=', projectId).where('is_draft', '=', 0).execute();
  const writable: WritableTask[] = [];
  for (const task of tasks) {
    const latest = annotations.filter((a) => a.task_id === task.id).sort((a, b) => b.updated_at - a.updated_at || b.id - a.id)[0];
    if (latest) writable.push({ data: JSON.parse(task.data), meta: JSON.parse(task.meta), annotations: [{ result: JSON.parse(latest.result) }] });
  }
  let out = '';
  for await (const chunk of writeCoco(writable, { labels: shapeLabels(config), dataKey: 'image', imageSize: imageSizeFromData, decimals: 6 })) out += chunk;
  return out;
}

describeEachDialect('streaming exports', (dialect) => {
  let t: TestApp;
  let s: Seeded;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const first = await t.user();
    const second = await t.user();
    s = await seed(t, first, second);
  }, 120_000);
  afterAll(async () => t.close());

  it('JSONL is byte for byte what parsing and stringifying every row gives, across read batches', async () => {
    const file = (await exportFile(t, t.admin, s.project, { format: 'jsonl' })).toString('utf8');
    const expected = await expectedJsonl(t, s.project);
    expect(file.split('\n')).toHaveLength(TASKS + 1);
    expect(file === expected).toBe(true);
    // The second annotator's annotation (made first) comes first, as ids go.
    const three = JSON.parse(file.split('\n')[3]!) as { annotations: { id: number }[] };
    expect(three.annotations.map((a) => a.id)).toEqual([...three.annotations.map((a) => a.id)].sort((a, b) => a - b));
    expect(three.annotations).toHaveLength(2);
  });

  it('JSONL of a filter that picks scattered tasks (ids read as a list, not a range)', async () => {
    const picked = s.ids.filter((_, i) => i % 3 === 1).slice(0, 300);
    const file = (await exportFile(t, t.admin, s.project, { format: 'jsonl', filter: { ids: picked.join(',') } })).toString('utf8');
    expect(file === (await expectedJsonl(t, s.project, new Set(picked)))).toBe(true);
  });

  it('COCO in one pass is byte for byte what core writeCoco gives in two, with counts to match', async () => {
    const version = await createVersion(t, t.admin, s.project, { format: 'coco' });
    expect(version.status, version.error ?? '').toBe('ready');
    const file = (await download(t, t.admin, version.id)).toString('utf8');
    const expected = await expectedCoco(t, s.project);
    expect(file === expected).toBe(true);
    const coco = JSON.parse(file) as { images: unknown[]; annotations: { id: number }[]; categories: { id: number; name: string }[] };
    expect(coco.images).toHaveLength(TASKS - TASKS / 5);
    expect(coco.annotations.map((a) => a.id)).toEqual(coco.annotations.map((_, i) => i + 1));
    expect(coco.categories.map((c) => c.name)).toEqual(['Car', 'Road', 'Person']);
    expect(version.counts?.tasks).toBe(coco.images.length);
    expect(version.counts?.regions).toBe(coco.annotations.length);
  });

  it('Label Studio JSON and Laoshi JSON parse, with every task once and the tricky text intact', async () => {
    const ls = JSON.parse((await exportFile(t, t.admin, s.project, { format: 'label-studio' })).toString('utf8')) as { id: number; data: { caption: string } }[];
    expect(ls.map((x) => x.id)).toEqual(s.ids);
    expect(ls[5]!.data.caption).toBe(`${TRICKY} #5`);
    const laoshi = JSON.parse((await exportFile(t, t.admin, s.project, { format: 'laoshi' })).toString('utf8')) as { project: { title: string }; tasks: { id: number; annotations: { result: { value: { text?: string[] } }[] }[] }[] };
    expect(laoshi.project.title).toBe(TITLE);
    expect(laoshi.tasks.map((x) => x.id)).toEqual(s.ids);
    expect(laoshi.tasks[1]!.annotations[0]!.result.at(-1)!.value.text).toEqual([`${TRICKY} 1`]);
  });
});

it('iso() writes what Date#toISOString writes, and throws where it throws', () => {
  const samples = [0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, 1_700_000_000_123, 8.64e15, -8.64e15, -62_198_755_200_001, 253_402_300_800_000];
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 50_000; i++) samples.push(Math.floor((random() * 2 - 1) * 8.64e15), Math.floor(random() * 4e12));
  for (const ms of samples) expect(iso(ms)).toBe(new Date(ms).toISOString());
  for (const ms of [0.5, 1.999, -0.5]) expect(iso(ms)).toBe(new Date(ms).toISOString());
  for (const ms of [Number.NaN, 8.64e15 + 1, Number.POSITIVE_INFINITY]) expect(() => iso(ms)).toThrow(RangeError);
});
