import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

describeEachDialect('tasks: import, list, read', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;
  let projectId: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user({ email: 'ann@example.com' });
    projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Import', labelConfig: BOX_CONFIG_XML, overlap: 2 })).json().id;
    await t.call(manager, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
  });
  afterAll(async () => t.close());

  it('imports Label Studio tasks with annotations (mapped by e-mail) and predictions', async () => {
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, [
      { data: { image: 'https://example.com/1.jpg' }, meta: { source: 'cam1' } },
      { image: 'https://example.com/bare.jpg' },
      {
        data: { image: '3.jpg' },
        annotations: [
          { result: boxResult('Car'), completed_by: { email: 'ANN@example.com' }, lead_time: 12.5 },
          { result: boxResult('Road'), completed_by: 999 },
        ],
        predictions: [{ result: boxResult('Road'), score: 0.87, model_version: 'yolo-v1' }],
      },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 3, annotations: 2, predictions: 1 });
    const list = (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items as { id: number; data: Record<string, string>; meta: object; annotationCount: number; isLabeled: boolean }[];
    expect(list.map((x) => x.data.image)).toEqual(['https://example.com/1.jpg', 'https://example.com/bare.jpg', '3.jpg']);
    expect(list[0]!.meta).toEqual({ source: 'cam1' });
    expect(list[2]).toMatchObject({ annotationCount: 2, isLabeled: true });
    const task = (await t.call(manager, 'GET', `/api/tasks/${list[2]!.id}`)).json();
    expect(task.annotations).toHaveLength(2);
    expect(task.annotations[0]).toMatchObject({ completedBy: annotator.id, source: 'import', leadTime: 12.5 });
    expect(task.annotations[1]).toMatchObject({ completedBy: null, source: 'import' });
    expect(task.predictions[0]).toMatchObject({ score: 0.87, modelVersion: 'yolo-v1' });
    expect(task.predictions[0].result[0].value.rectanglelabels).toEqual(['Road']);
    // Blind: the annotator sees only their own annotation.
    const mine = (await t.call(annotator, 'GET', `/api/tasks/${list[2]!.id}`)).json();
    expect(mine.annotations.map((a: { completedBy: number }) => a.completedBy)).toEqual([annotator.id]);
  });

  it('rejects an import with a bad result as a whole, naming the task and field', async () => {
    const before = (await t.call(manager, 'GET', `/api/projects/${projectId}`)).json().counts.tasks;
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, [
      { data: { image: 'ok.jpg' } },
      { data: { image: 'bad.jpg' }, annotations: [{ result: boxResult('Bicycle') }] },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LAOSHI_INVALID_RESULT');
    expect(res.json().error.field).toMatch(/^\[1\]\.annotations\[0\]\.result\[0\]/);
    expect((await t.call(manager, 'GET', `/api/projects/${projectId}`)).json().counts.tasks).toBe(before);
  });

  it('rejects task data that is not an object and an empty import', async () => {
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, [{ data: 'just text' }]);
    expect(res.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: '[0].data' });
    const empty = await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, []);
    expect(empty.statusCode).toBe(400);
    const notArray = await t.call(manager, 'POST', `/api/projects/${projectId}/tasks`, { data: {} });
    expect(notArray.statusCode).toBe(400);
  });

  it('lets only managers import and delete tasks, and reviewers and up list them', async () => {
    expect((await t.call(annotator, 'POST', `/api/projects/${projectId}/tasks`, [{ data: { image: 'x' } }])).statusCode).toBe(403);
    expect((await t.call(annotator, 'GET', `/api/projects/${projectId}/tasks`)).statusCode).toBe(403);
    const stranger = await t.user();
    expect((await t.call(stranger, 'GET', `/api/projects/${projectId}/tasks`)).statusCode).toBe(404);
    const id = (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks?limit=1`)).json().items[0].id;
    expect((await t.call(annotator, 'DELETE', `/api/tasks/${id}`)).statusCode).toBe(403);
    expect((await t.call(manager, 'DELETE', `/api/tasks/${id}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/tasks/${id}`)).statusCode).toBe(404);
  });

  it('keeps prototype-polluting keys out', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/tasks`,
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      payload: '[{"data":{"__proto__":{"polluted":true}}}]',
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
