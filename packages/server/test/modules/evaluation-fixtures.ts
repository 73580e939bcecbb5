import { evaluateRun, type EvaluationRunReport } from '@laoshi/core';
import { expect } from 'vitest';
import type { EvaluationRunView } from '../../src/modules/evaluations/evaluation-types.js';
import type { TestApp, TestUser } from '../helpers/test-app.js';

// Shared set-up of the evaluation suites: projects whose tasks carry imported annotations and
// predictions (the task import takes Label Studio tasks), accepted through the review route.

/** The sentiment (neg/pos) text-classification config of the model suites. */
export { TEXT_XML as CLASS_XML } from './model-fixtures.js';

/** The Car/Road bounding-box config used across tests. */
export { BOX_CONFIG_XML as BOX_XML } from '../helpers/test-app.js';

export const NER_XML = `<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text">
    <Label value="PER"/>
    <Label value="LOC"/>
  </Labels>
</View>`;

export const choice = (value: string, score?: number) => [{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [value] }, ...(score === undefined ? {} : { score }) }];

/** A rectangle in percent of the image. */
export const box = (id: string, label: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) => ({
  id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x, y, width, height, rotation: 0, rectanglelabels: [label] }, ...extra,
});

export const span = (id: string, label: string, start: number, end: number) => ({ id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, labels: [label] } });

export interface Project {
  id: number;
  taskIds: number[];
}

/** A project of `owner` with Label Studio tasks (annotations and predictions imported as they are) and members. */
export async function makeProject(t: TestApp, owner: TestUser, labelConfig: string, tasks: Record<string, unknown>[], members: [TestUser, 'manager' | 'reviewer' | 'annotator'][] = []): Promise<Project> {
  const created = await t.call(owner, 'POST', '/api/projects', { title: 'Evaluations', labelConfig });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const imported = await t.call(owner, 'POST', `/api/projects/${id}/tasks`, tasks);
  expect(imported.statusCode, imported.body).toBe(201);
  for (const [user, role] of members) expect((await t.call(owner, 'POST', `/api/projects/${id}/members`, { userId: user.id, role })).statusCode).toBeLessThan(300);
  const items = (await t.call(owner, 'GET', `/api/projects/${id}/tasks?limit=1000`)).json().items as { id: number }[];
  return { id, taskIds: items.map((x) => x.id).sort((a, b) => a - b) };
}

/** Accepts every annotation of the tasks (as `reviewer`); returns their ids by task. */
export async function acceptAll(t: TestApp, reviewer: TestUser, taskIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const taskId of taskIds) {
    const task = (await t.call(reviewer, 'GET', `/api/tasks/${taskId}`)).json() as { annotations: { id: number; version: number }[] };
    for (const a of task.annotations) {
      const res = await t.call(reviewer, 'POST', `/api/annotations/${a.id}/review`, { action: 'accept', version: a.version });
      expect(res.statusCode, res.body).toBe(200);
    }
    out.set(taskId, task.annotations.map((a) => a.id));
  }
  return out;
}

export type RunDetail = EvaluationRunView & { report: EvaluationRunReport | null };

/** Waits for a run's job and returns the run with its report. */
export async function finished(t: TestApp, user: TestUser, run: EvaluationRunView): Promise<RunDetail> {
  expect(run.jobId).not.toBeNull();
  await t.ctx.jobs.wait(run.jobId!, 60_000);
  const res = await t.call(user, 'GET', `/api/evaluations/${run.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** POSTs a run and waits for it. */
export async function evaluate(t: TestApp, user: TestUser, projectId: number, body: Record<string, unknown>): Promise<RunDetail> {
  const res = await t.call(user, 'POST', `/api/projects/${projectId}/evaluations`, body);
  expect(res.statusCode, res.body).toBe(202);
  return finished(t, user, res.json());
}

/** A multipart body with one file and some fields. */
export function multipart(file: { name: string; content: string }, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----laoshi${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n${file.content}\r\n`);
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a prediction file; returns the raw response. */
export async function uploadFile(t: TestApp, user: TestUser, projectId: number, file: { name: string; content: string }, fields: Record<string, string>) {
  const { payload, headers } = multipart(file, fields);
  return t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/evaluations/file`, headers: { authorization: `Bearer ${user.token}`, ...headers }, payload });
}

/**
 * A finished classification run stored directly (for suites that need one of every object, such as
 * the security and isolation suites): `text` is its name, a label and a slice value.
 */
export async function storedEvaluationRun(t: TestApp, owner: TestUser, projectId: number, text: string): Promise<number> {
  const item = (value: string) => ({ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [value] } });
  const { report } = evaluateRun({
    kind: 'classification', reference: 'accepted', fromName: 'sentiment', source: { kind: 'file', label: text }, sliceBy: 'region',
    samples: [{ taskId: 1, reference: [item(text)], prediction: { result: [item('fine')], score: 0.5 }, slice: text }, { taskId: 2, reference: [item('fine')], prediction: { result: [item('fine')], score: 0.9 }, slice: null }],
  });
  const now = Date.now();
  const row = await t.ctx.db.kysely
    .insertInto('evaluation_runs')
    .values({
      organization_id: owner.organizationId, project_id: projectId, name: text, kind: 'classification', reference: 'accepted', from_name: 'sentiment',
      source: JSON.stringify({ kind: 'file', label: text, fileName: text }), params: '{"minSupport":1}', slice_by: 'region', status: 'done', job_id: null, error: null,
      warnings: JSON.stringify([text]), headline: JSON.stringify(report.headline), items: report.items, report_key: null, file_key: null, created_by: owner.id, created_at: now, finished_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const key = `evaluations/${projectId}/${row.id}/report.json`;
  await t.ctx.blobs.put(key, Buffer.from(JSON.stringify(report)), { contentType: 'application/json' });
  await t.ctx.db.kysely.updateTable('evaluation_runs').set({ report_key: key }).where('id', '=', row.id).execute();
  return row.id;
}
