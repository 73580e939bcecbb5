import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { startS3, type TestS3 } from '../storage/s3-server.js';

// s3rver checks signatures against its own key pair, so these are the real keys of the test bucket.
const KEY_ID = 'S3RVER';
const SECRET = 'S3RVER';

const png = (r: number) => sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 90, b: 200 } } }).png().toBuffer();

describeEachDialect('source storage: S3 bucket sync', (dialect) => {
  let t: TestApp;
  let s3: TestS3;
  let manager: TestUser;
  let annotator: TestUser;

  beforeAll(async () => {
    s3 = await startS3(`laoshi-src-${dialect}`);
    // s3rver listens on 127.0.0.1: a loopback address the outbound rules refuse unless allowed.
    t = await makeTestApp(dialect, { config: { outboundAllow: ['127.0.0.1'] } });
    manager = await t.user();
    annotator = await t.user();
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  async function project(): Promise<number> {
    const id = (await t.call(manager, 'POST', '/api/projects', { title: 'Bucket', labelConfig: BOX_CONFIG_XML })).json().id as number;
    await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: annotator.id, role: 'annotator' });
    return id;
  }

  const storageBody = (prefix: string) => ({ title: 'Incoming', bucket: s3.bucket, prefix, endpoint: s3.endpoint, forcePathStyle: true, accessKeyId: KEY_ID, secretAccessKey: SECRET });

  async function sync(projectId: number, storageId: number) {
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/source-storages/${storageId}/sync`);
    expect(res.statusCode).toBe(202);
    expect(res.body).not.toContain(SECRET);
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.error).toBeNull();
    return JSON.parse(job.result!) as Record<string, unknown>;
  }

  const tasksOf = async (projectId: number) => (await t.call(manager, 'GET', `/api/projects/${projectId}/tasks?limit=1000`)).json().items as { id: number; data: Record<string, string>; meta: Record<string, unknown> }[];

  it('makes a task per new image and per JSONL line, serves the copied media, and a re-sync adds only new objects', async () => {
    const id = await project();
    const store = s3.store();
    await store.put('one/a.png', await png(10), { contentType: 'image/png' });
    await store.put('one/tasks.jsonl', Buffer.from('{"data":{"image":"https://example.com/x.jpg"}}\n{"image":"https://example.com/y.jpg"}\n'));
    await store.put('one/notes.md', Buffer.from('# not a task'));
    await store.put('elsewhere/b.png', await png(20));

    const created = await t.call(manager, 'POST', `/api/projects/${id}/source-storages`, storageBody('one/'));
    expect(created.statusCode).toBe(201);
    const storageId = created.json().id as number;

    expect(await sync(id, storageId)).toMatchObject({ listed: 3, alreadySynced: 0, unsupported: 1, objects: 2, tasks: 3, media: 1, failed: 0 });
    const tasks = await tasksOf(id);
    expect(tasks.map((x) => x.data.image).sort()).toEqual(expect.arrayContaining(['https://example.com/x.jpg', 'https://example.com/y.jpg']));
    const imageTask = tasks.find((x) => x.data.image!.startsWith('/api/media/'))!;
    expect(imageTask.meta).toMatchObject({ source_storage_id: storageId, source_key: 'one/a.png', original_width: 40, original_height: 30 });
    const served = await t.call(manager, 'GET', imageTask.data.image!);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(await png(10))).toBe(true);

    await store.put('one/c.png', await png(30));
    expect(await sync(id, storageId)).toMatchObject({ listed: 4, alreadySynced: 2, objects: 1, tasks: 1, media: 1 });
    expect(await tasksOf(id)).toHaveLength(4);
    expect(await sync(id, storageId)).toMatchObject({ objects: 0, tasks: 0, alreadySynced: 3 });
    expect(await tasksOf(id)).toHaveLength(4);
    const view = (await t.call(manager, 'GET', `/api/projects/${id}/source-storages`)).json()[0];
    expect(view).toMatchObject({ objectsSeen: 3, lastSyncJobId: expect.any(Number) });
  });

  it('names a bad object, keeps the good ones, and does not read the bad one again', async () => {
    const id = await project();
    const store = s3.store();
    await store.put('two/bad.json', Buffer.from('{"data": nope'));
    await store.put('two/good.png', await png(40));
    const storageId = (await t.call(manager, 'POST', `/api/projects/${id}/source-storages`, storageBody('two/'))).json().id as number;
    const first = await sync(id, storageId);
    expect(first).toMatchObject({ objects: 1, failed: 1, tasks: 1 });
    expect((first.errors as string[])[0]).toMatch(/^two\/bad\.json/);
    expect(await sync(id, storageId)).toMatchObject({ alreadySynced: 2, failed: 0, tasks: 0 });
  });

  it('never returns or stores the keys in the clear, keeps them on edits that leave them out, clears them on null', async () => {
    const id = await project();
    const created = await t.call(manager, 'POST', `/api/projects/${id}/source-storages`, { ...storageBody(''), accessKeyId: 'AKIAEXAMPLEKEY7EXA', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(created.json()).toMatchObject({ accessKeyId: '••••7EXA', secretAccessKeySet: true });
    const storageId = created.json().id as number;
    const row = await t.ctx.db.kysely.selectFrom('source_storages').selectAll().where('id', '=', storageId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('AKIAEXAMPLEKEY7EXA');
    expect(JSON.stringify(row)).not.toContain('wJalrXUtnFEMI');

    const renamed = await t.call(manager, 'PATCH', `/api/projects/${id}/source-storages/${storageId}`, { title: 'Renamed' });
    expect(renamed.json()).toMatchObject({ title: 'Renamed', accessKeyId: '••••7EXA', secretAccessKeySet: true });
    const cleared = await t.call(manager, 'PATCH', `/api/projects/${id}/source-storages/${storageId}`, { accessKeyId: null, secretAccessKey: null });
    expect(cleared.json()).toMatchObject({ accessKeyId: null, secretAccessKeySet: false });
    const audit = (await t.call(manager, 'GET', `/api/projects/${id}/audit`)).json();
    const listed = await t.call(manager, 'GET', `/api/projects/${id}/source-storages`);
    for (const body of [created.body, renamed.body, listed.body, JSON.stringify(audit)]) {
      expect(body).not.toContain('AKIAEXAMPLEKEY7EXA');
      expect(body).not.toContain('wJalrXUtnFEMI');
    }
    expect((await t.call(manager, 'DELETE', `/api/projects/${id}/source-storages/${storageId}`)).statusCode).toBe(204);
    expect((await t.call(manager, 'GET', `/api/projects/${id}/source-storages`)).json()).toEqual([]);
  });

  it('refuses endpoints the outbound rules refuse, and endpoints with a path or credentials', async () => {
    const strict = await makeTestApp(dialect);
    try {
      const owner = await strict.user();
      const pid = (await strict.call(owner, 'POST', '/api/projects', { title: 'Strict', labelConfig: BOX_CONFIG_XML })).json().id as number;
      const loopback = await strict.call(owner, 'POST', `/api/projects/${pid}/source-storages`, storageBody(''));
      expect(loopback.statusCode).toBe(400);
      expect(loopback.json().error).toMatchObject({ code: 'LAOSHI_OUTBOUND_REFUSED', field: 'endpoint' });
      for (const endpoint of ['http://169.254.169.254', s3.endpoint.replace('127.0.0.1', 'localhost')]) {
        const res = await strict.call(owner, 'POST', `/api/projects/${pid}/source-storages`, { ...storageBody(''), endpoint });
        expect(res.json().error.code, endpoint).toBe('LAOSHI_OUTBOUND_REFUSED');
      }
      for (const endpoint of [`${s3.endpoint}/bucket`, 'http://user:pw@s3.example.com', 'ftp://s3.example.com']) {
        const res = await strict.call(owner, 'POST', `/api/projects/${pid}/source-storages`, { ...storageBody(''), endpoint });
        expect(res.statusCode, endpoint).toBe(400);
        expect(res.json().error.field).toBe('endpoint');
      }
      expect((await strict.call(owner, 'GET', `/api/projects/${pid}/source-storages`)).json()).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('answers 404 to another organization and 403 to annotators', async () => {
    const id = await project();
    const storageId = (await t.call(manager, 'POST', `/api/projects/${id}/source-storages`, storageBody('none/'))).json().id as number;
    const routes: [string, string, unknown][] = [
      ['GET', `/api/projects/${id}/source-storages`, undefined],
      ['POST', `/api/projects/${id}/source-storages`, storageBody('x/')],
      ['PATCH', `/api/projects/${id}/source-storages/${storageId}`, { title: 'stolen' }],
      ['DELETE', `/api/projects/${id}/source-storages/${storageId}`, undefined],
      ['POST', `/api/projects/${id}/source-storages/${storageId}/sync`, undefined],
    ];
    for (const [method, url, body] of routes) {
      const outsider = await t.call(t.otherAdmin, method, url, body);
      expect(outsider.statusCode, `${method} ${url}`).toBe(404);
      expect(outsider.body).not.toContain(s3.bucket);
      expect((await t.call(annotator, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await t.call(manager, 'GET', `/api/projects/${id}/source-storages`)).json()).toHaveLength(1);
    const other = await project();
    expect((await t.call(manager, 'POST', `/api/projects/${other}/source-storages/${storageId}/sync`)).statusCode).toBe(404);
  });
});
