import { expect } from 'vitest';
import type { TestApp, TestUser } from '../helpers/test-app.js';

// Shared set-up of the quality suites (review, workflow, gold, agreement, quality stats).

export const CHOICES_XML = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text">
    <Choice value="neg"/>
    <Choice value="neu"/>
    <Choice value="pos"/>
  </Choices>
</View>`;

/** A result choosing one sentiment. */
export const choice = (value: string) => [{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [value] } }];

export type Role = 'manager' | 'reviewer' | 'annotator';

export interface Project {
  id: number;
  taskIds: number[];
}

/** A project of `manager` with tasks and members in roles. */
export async function makeProject(t: TestApp, manager: TestUser, opts: { labelConfig: string; overlap?: number; tasks: Record<string, unknown>[]; members?: [TestUser, Role][] }): Promise<Project> {
  const created = await t.call(manager, 'POST', '/api/projects', { title: 'Quality', labelConfig: opts.labelConfig, overlap: opts.overlap ?? 1 });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as number;
  expect((await t.call(manager, 'POST', `/api/projects/${id}/tasks`, opts.tasks.map((data) => ({ data })))).statusCode).toBe(201);
  for (const [user, role] of opts.members ?? []) await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: user.id, role });
  const items = (await t.call(manager, 'GET', `/api/projects/${id}/tasks?limit=1000`)).json().items as { id: number }[];
  return { id, taskIds: items.map((x) => x.id) };
}

/** Submits `result` on a task and returns the annotation id. */
export async function submit(t: TestApp, user: TestUser, taskId: number, result: unknown[], extra: Record<string, unknown> = {}): Promise<number> {
  const res = await t.call(user, 'POST', `/api/tasks/${taskId}/annotations`, { result, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

/** Accepts or rejects an annotation at its current version. */
export async function review(t: TestApp, reviewer: TestUser, annotationId: number, action: 'accept' | 'reject', extra: Record<string, unknown> = {}) {
  const version = (await t.call(reviewer, 'GET', `/api/annotations/${annotationId}`)).json().version as number;
  return t.call(reviewer, 'POST', `/api/annotations/${annotationId}/review`, { action, version, ...(action === 'reject' ? { reason: 'wrong' } : {}), ...extra });
}
