import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { exportOptions, exportProject, writeVersion } from '../../src/modules/exports/export-service.js';
import { failOrphanedVersions } from '../../src/modules/exports/version-service.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { IMAGE_CONFIG, box, createProject, createVersion, download, exportFile, importTasks, polygon, unzip } from './export-fixtures.js';
import { multipart } from './media-fixtures.js';

// Dataset versions: immutable, checksummed, listed, compared, deleted by managers only, and
// invisible outside their project; plus the export options.

describeEachDialect('dataset versions', (dialect) => {
  let t: TestApp;
  let annotator: TestUser;
  let reviewer: TestUser;
  let projectId: number;
  let ids: number[];
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    annotator = await t.user();
    reviewer = await t.user();
    projectId = await createProject(t, t.admin, IMAGE_CONFIG);
    await t.call(t.admin, 'POST', `/api/projects/${projectId}/members`, { userId: annotator.id, role: 'annotator' });
    await t.call(t.admin, 'POST', `/api/projects/${projectId}/members`, { userId: reviewer.id, role: 'reviewer' });
    ids = await importTasks(t, t.admin, projectId, [
      { data: { image: 'a.jpg' }, annotations: [{ completed_by: annotator.email, result: [box('b1', 'Car', 10, 10, 20, 20), polygon('p1', [[1, 1], [9, 1], [5, 9]])] }] },
      { data: { image: 'b.jpg' }, annotations: [{ result: [box('b2', 'Road', 50, 50, 10, 10)] }], predictions: [{ result: [box('pb', 'Car', 1, 1, 2, 2)] }] },
      { data: { image: 'c.jpg' } },
    ]);
  });
  afterAll(async () => t.close());

  it('records counts, checksum and size, and the download has exactly that checksum', async () => {
    const version = await createVersion(t, t.admin, projectId, { format: 'jsonl' });
    expect(version).toMatchObject({ status: 'ready', fileName: `project-${projectId}-v${version.id}.jsonl` });
    expect(version.counts).toEqual({ tasks: 3, annotations: 2, predictions: 1, regions: 3, labels: { Car: 1, Person: 1, Road: 1 } });
    const res = await t.call(reviewer, 'GET', `/api/dataset-versions/${version.id}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${version.fileName}"; filename*=UTF-8''${version.fileName}`);
    expect(res.headers['x-laoshi-sha256']).toBe(version.sha256);
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(version.sha256);
    expect(res.rawPayload.length).toBe(version.size);
    const job = (await t.call(t.admin, 'GET', `/api/jobs/${version.jobId}`)).json();
    expect(job).toMatchObject({ kind: 'export', status: 'succeeded', progress: { done: 3, total: 3 } });
    // COCO leaves out the task nobody annotated; progress still ends at the total.
    const coco = await createVersion(t, t.admin, projectId, { format: 'coco' });
    expect(coco.counts?.tasks).toBe(2);
    expect((await t.call(t.admin, 'GET', `/api/jobs/${coco.jobId}`)).json().progress).toEqual({ done: 3, total: 3 });
  });

  it('keeps the filter it was made with and counts only the tasks it selects', async () => {
    const version = await createVersion(t, t.admin, projectId, { format: 'csv', filter: { ids: `${ids[1]},${ids[2]}`, minAnnotations: 1 } });
    expect(version.counts).toMatchObject({ tasks: 1, annotations: 1, labels: { Road: 1 } });
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${version.id}`)).json()).toMatchObject({ filter: { ids: `${ids[1]},${ids[2]}`, minAnnotations: 1 }, options: { onlyAccepted: false, latestPerTask: false } });
  });

  it('a cancelled or interrupted export leaves a failed version and no files', async () => {
    const project = await t.ctx.db.kysely.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    const insert = (jobId: number | null) =>
      t.ctx.db.kysely
        .insertInto('dataset_versions')
        .values({
          organization_id: project.organization_id, project_id: projectId, job_id: jobId, status: 'running', format: 'jsonl', filter: '{}', options: '{}', counts: null, file_name: 'x.jsonl',
          content_type: 'application/x-ndjson', blob_key: `projects/${projectId}/dataset-versions/cancel/x.jsonl`, manifest_key: `projects/${projectId}/dataset-versions/cancel/manifest.jsonl.gz`,
          size: null, sha256: null, error: null, created_by: t.admin.id, created_at: Date.now(), completed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const cancelled = await insert(null);
    const job = { progress: () => undefined, signal: AbortSignal.abort() };
    await expect(writeVersion(t.ctx, cancelled.id, exportProject(project), exportOptions({ format: 'jsonl' }, {}), Date.now(), job)).rejects.toThrow();
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${cancelled.id}`)).json()).toMatchObject({ status: 'failed', error: 'the export was cancelled' });
    const left: string[] = [];
    for await (const entry of t.ctx.blobs.list(`projects/${projectId}/dataset-versions/cancel/`)) left.push(entry.key);
    expect(left).toEqual([]);

    // A crash: the job runner failed the job at start-up; the version follows it.
    const lostJob = await t.ctx.db.kysely
      .insertInto('jobs')
      .values({ organization_id: project.organization_id, project_id: projectId, kind: 'export', status: 'failed', progress_done: 0, progress_total: null, message: null, params: '{}', result: null, error: 'interrupted by a restart', created_by: t.admin.id, created_at: Date.now(), started_at: null, finished_at: Date.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orphan = await insert(lostJob.id);
    const running = await createVersion(t, t.admin, projectId, { format: 'jsonl' });
    expect(await failOrphanedVersions(t.ctx)).toBe(1);
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${orphan.id}`)).json().status).toBe('failed');
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${running.id}`)).json().status).toBe('ready');
    expect((await t.call(t.admin, 'DELETE', `/api/dataset-versions/${orphan.id}`)).statusCode).toBe(204);
  });

  it('is immutable: no update route, and later edits leave its file and counts as they were', async () => {
    const version = await createVersion(t, t.admin, projectId, { format: 'coco' });
    const before = await download(t, t.admin, version.id);
    for (const method of ['PATCH', 'PUT']) {
      expect((await t.call(t.admin, method, `/api/dataset-versions/${version.id}`, { format: 'csv' })).json().error.code).toBe('LAOSHI_ROUTE_NOT_FOUND');
    }
    const extra = (await t.call(t.admin, 'POST', `/api/tasks/${ids[2]}/annotations`, { result: [box('z', 'Road', 1, 1, 5, 5)] })).json().id as number;
    const after = await download(t, t.admin, version.id);
    expect(after.equals(before)).toBe(true);
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${version.id}`)).json()).toMatchObject({ sha256: version.sha256, counts: version.counts });
    const next = await createVersion(t, t.admin, projectId, { format: 'coco' });
    expect(next.sha256).not.toBe(version.sha256);
    expect(next.counts?.tasks).toBe(3);
    await t.call(t.admin, 'DELETE', `/api/annotations/${extra}`);
  });

  it('compares two versions: tasks and labels added, removed and changed', async () => {
    const project = await createProject(t, t.admin, IMAGE_CONFIG, 'Compare');
    const [a, b, c] = await importTasks(t, t.admin, project, [
      { data: { image: 'a.jpg' }, annotations: [{ result: [box('b1', 'Car', 10, 10, 20, 20), polygon('p1', [[1, 1], [9, 1], [5, 9]])] }] },
      { data: { image: 'b.jpg' }, annotations: [{ result: [box('b2', 'Road', 50, 50, 10, 10)] }] },
      { data: { image: 'c.jpg' } },
    ]);
    const v1 = await createVersion(t, t.admin, project, { format: 'laoshi' });
    const annotation = (await t.call(t.admin, 'GET', `/api/tasks/${a}`)).json().annotations[0] as { id: number; version: number };
    await t.call(t.admin, 'PATCH', `/api/annotations/${annotation.id}`, { result: [box('b1', 'Road', 10, 10, 20, 20), polygon('p1', [[1, 1], [9, 1], [5, 9]])], version: annotation.version });
    await t.call(t.admin, 'DELETE', `/api/tasks/${b}`);
    const [d] = await importTasks(t, t.admin, project, [{ data: { image: 'd.jpg' }, annotations: [{ result: [box('b3', 'Road', 5, 5, 5, 5)] }] }]);
    const v2 = await createVersion(t, t.admin, project, { format: 'laoshi' });

    const res = await t.call(reviewer, 'GET', `/api/dataset-versions/${v1.id}/compare/${v2.id}`);
    expect(res.statusCode).toBe(404); // the reviewer is not in this project
    const diff = (await t.call(t.admin, 'GET', `/api/dataset-versions/${v1.id}/compare/${v2.id}`)).json();
    expect(diff.base).toMatchObject({ id: v1.id, counts: { tasks: 3 } });
    expect(diff.tasks).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1, dataChanged: 0, annotationsChanged: 1, addedIds: [d], removedIds: [b], changedIds: [a], idsTruncated: false });
    expect(diff.labels.added).toEqual([]);
    expect(diff.labels.removed).toEqual(['Car']);
    expect(diff.labels.changed).toEqual([
      { label: 'Car', base: 1, other: 0, regionsAdded: 0, regionsRemoved: 1, tasks: 1 },
      { label: 'Road', base: 1, other: 2, regionsAdded: 2, regionsRemoved: 1, tasks: 3 },
    ]);
    const back = (await t.call(t.admin, 'GET', `/api/dataset-versions/${v2.id}/compare/${v1.id}`)).json();
    expect(back.tasks).toMatchObject({ added: 1, removed: 1, addedIds: [b], removedIds: [d] });
    expect(back.labels.added).toEqual(['Car']);
    expect(c).toBeGreaterThan(0);
  });

  it('lists versions newest first, by cursor', async () => {
    const first = (await t.call(reviewer, 'GET', `/api/projects/${projectId}/dataset-versions?limit=1`)).json();
    expect(first.items).toHaveLength(1);
    const second = (await t.call(reviewer, 'GET', `/api/projects/${projectId}/dataset-versions?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    const all = (await t.call(reviewer, 'GET', `/api/projects/${projectId}/dataset-versions`)).json().items as { id: number }[];
    expect(all.map((v) => v.id)).toEqual([...all.map((v) => v.id)].sort((x, y) => y - x));
  });

  it('is deleted only by a manager, with an audit event, taking its file along', async () => {
    const version = await createVersion(t, t.admin, projectId, { format: 'csv' });
    expect((await t.call(reviewer, 'DELETE', `/api/dataset-versions/${version.id}`)).statusCode).toBe(403);
    expect((await t.call(annotator, 'GET', `/api/dataset-versions/${version.id}`)).statusCode).toBe(403);
    expect((await t.call(t.admin, 'DELETE', `/api/dataset-versions/${version.id}`)).statusCode).toBe(204);
    expect((await t.call(t.admin, 'GET', `/api/dataset-versions/${version.id}`)).json().error.code).toBe('LAOSHI_DATASET_VERSION_NOT_FOUND');
    const audit = await t.ctx.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'dataset_version.delete').where('object_id', '=', version.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(t.admin.id);
    const keys: string[] = [];
    for await (const entry of t.ctx.blobs.list(`projects/${projectId}/dataset-versions/${version.id}/`)) keys.push(entry.key);
    expect(keys).toEqual([]);
  });

  it('answers 404 to another organization and to outsiders, 403 to annotators who try to export', async () => {
    const version = await createVersion(t, t.admin, projectId, { format: 'jsonl' });
    const outsider = await t.user();
    for (const user of [t.otherAdmin, outsider]) {
      for (const [method, url, body] of [
        ['GET', `/api/dataset-versions/${version.id}`],
        ['GET', `/api/dataset-versions/${version.id}/download`],
        ['GET', `/api/dataset-versions/${version.id}/compare/${version.id}`],
        ['DELETE', `/api/dataset-versions/${version.id}`],
        ['GET', `/api/projects/${projectId}/dataset-versions`],
        ['POST', `/api/projects/${projectId}/exports`, { format: 'jsonl' }],
        ['POST', `/api/projects/${projectId}/exports`, { bogus: 1 }],
        ['GET', `/api/projects/${projectId}/export?format=jsonl`],
        ['GET', `/api/projects/${projectId}/export`],
      ] as const) {
        const res = await t.call(user, method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.body).not.toContain('a.jpg');
      }
    }
    expect((await t.call(annotator, 'POST', `/api/projects/${projectId}/exports`, { format: 'jsonl' })).statusCode).toBe(403);
    expect((await t.call(annotator, 'GET', `/api/projects/${projectId}/export?format=jsonl`)).statusCode).toBe(403);
  });

  it('onlyAccepted exports accepted annotations only; latestPerTask keeps the newest one', async () => {
    const mine = (await t.call(t.admin, 'POST', `/api/tasks/${ids[0]}/annotations`, { result: [box('m', 'Road', 2, 2, 4, 4)] })).json().id as number;
    const lines = async (body: Record<string, unknown>) => (await exportFile(t, t.admin, projectId, { format: 'jsonl', ...body })).toString().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect((await lines({}))[0].annotations).toHaveLength(2);
    const latest = await lines({ latestPerTask: true });
    expect(latest[0].annotations.map((a: { id: number }) => a.id)).toEqual([mine]);
    expect(await lines({ onlyAccepted: true })).toEqual([]);
    const imported = latest[1].annotations[0].id as number;
    await t.ctx.db.kysely.updateTable('annotations').set({ review_state: 'accepted' }).where('id', '=', imported).execute();
    const accepted = await lines({ onlyAccepted: true });
    expect(accepted.map((x: { id: number; annotations: { id: number }[] }) => [x.id, x.annotations.map((a) => a.id)])).toEqual([[ids[1], [imported]]]);
    await t.call(t.admin, 'DELETE', `/api/annotations/${mine}`);
  });

  it('refuses options that do not fit the format, naming the option', async () => {
    const media = await t.call(t.admin, 'POST', `/api/projects/${projectId}/exports`, { format: 'csv', withMedia: true });
    expect(media.statusCode).toBe(400);
    expect(media.json().error).toMatchObject({ code: 'LAOSHI_VALIDATION', field: 'withMedia' });
    expect((await t.call(t.admin, 'POST', `/api/projects/${projectId}/exports`, { format: 'csv', parquetRows: 'task' })).json().error.field).toBe('parquetRows');
    expect((await t.call(t.admin, 'POST', `/api/projects/${projectId}/exports`, { format: 'tiff' })).json().error.field).toBe('format');
    expect((await t.call(t.admin, 'POST', `/api/projects/${projectId}/exports`, { format: 'csv', filter: { labeled: 'yes' } })).json().error.field).toBe('filter.labeled');
  });

  it('a failed export leaves a failed version that names the task, and its download is 409', async () => {
    const project = await createProject(t, t.admin, IMAGE_CONFIG, 'No sizes');
    const [task] = await importTasks(t, t.admin, project, [{ data: { image: 'x.jpg' }, annotations: [{ result: [box('b', 'Car', 1, 1, 5, 5, false)] }] }]);
    const version = await createVersion(t, t.admin, project, { format: 'coco' });
    expect(version.status).toBe('failed');
    expect(version.error).toContain(`task ${task}`);
    expect(version.error).toContain('image size is unknown');
    const res = await t.call(t.admin, 'GET', `/api/dataset-versions/${version.id}/download`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LAOSHI_DATASET_VERSION_NOT_READY');
    const job = await waitForJob(t.ctx, version.jobId!);
    expect(job.status).toBe('failed');
    expect(job.error).toContain(`task ${task}`);
  });

  it('withMedia puts the project media in the archive under their upload names; COCO takes their sizes', async () => {
    const project = await createProject(t, t.admin, IMAGE_CONFIG, 'Media');
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#884422' } }).png().toBuffer();
    const { payload, headers } = multipart([{ filename: 'street 1.png', content: png }]);
    const upload = await t.app.inject({ method: 'POST', url: `/api/projects/${project}/media`, payload, headers: { ...headers, authorization: `Bearer ${t.admin.token}` } });
    expect(upload.statusCode, upload.body).toBe(201);
    const url = upload.json().items[0].url as string;
    await importTasks(t, t.admin, project, [{ data: { image: url }, annotations: [{ result: [box('b', 'Car', 50, 50, 25, 25, false)] }] }]);
    const files = await unzip(await exportFile(t, t.admin, project, { format: 'yolo', withMedia: true }));
    expect(files.get('images/street 1.png')?.equals(png)).toBe(true);
    expect(files.get('labels/street 1.txt')?.toString()).toBe('0 0.625 0.625 0.25 0.25\n');
    const coco = JSON.parse((await exportFile(t, t.admin, project, { format: 'coco' })).toString());
    expect(coco.images[0]).toMatchObject({ width: 320, height: 200 });
    expect(coco.annotations[0].bbox).toEqual([160, 100, 80, 50]);
  });
});

describeEachDialect('direct export size limit', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('sends a project past 20,000 tasks to the job route with 422', async () => {
    const project = await createProject(t, t.admin, IMAGE_CONFIG);
    const res = await t.call(t.admin, 'POST', `/api/projects/${project}/tasks`, Array.from({ length: 20_001 }, (_, i) => ({ image: `${i}.jpg` })));
    expect(res.statusCode).toBe(201);
    const big = await t.call(t.admin, 'GET', `/api/projects/${project}/export?format=jsonl`);
    expect(big.statusCode).toBe(422);
    expect(big.json().error).toMatchObject({ code: 'LAOSHI_EXPORT_TOO_LARGE', tasks: 20_001 });
    expect(big.json().error.message).toContain(`POST /api/projects/${project}/exports`);
    const some = await t.call(t.admin, 'GET', `/api/projects/${project}/export?format=jsonl&ids=1,2,3`);
    expect(some.statusCode).toBe(200);
  });
});
