import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { storeMedia } from '../../src/modules/media/media-service.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const TEXT_XML = '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices></View>';

const REVIEW = 'The delivery was quick and the packaging was sturdy. The blender itself is powerful, quiet enough for early mornings, and easy to clean after making smoothies every day.';
const REVIEW_EDITED = 'The delivery was quick and the packaging was sturdy. The blender itself is powerful, quiet enough for early mornings, and easy to clean after making smoothies each day!';
const UNRELATED = 'Screen arrived with a dead pixel in the corner and the seller never answered my return request, very disappointing overall.';

interface Group {
  id: number;
  kind: 'exact' | 'text' | 'image';
  similarity: number;
  size: number;
  tasks: { id: number; preview: string; image: string | null; annotationCount: number }[];
}

/** Mulberry32, so the noise is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A PNG made with sharp: a gradient with a bright disc at `discX` (share of the width), plus ± `noise` per channel. */
async function png(opts: { discX: number; noise?: number; seed?: number; flip?: boolean }): Promise<Buffer> {
  const [w, h] = [160, 120];
  const rand = random(opts.seed ?? 1);
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = opts.flip ? w - x : x;
      const disc = (x - opts.discX * w) ** 2 + (y - h / 2) ** 2 < (h / 4) ** 2 ? 110 : 0;
      for (let ch = 0; ch < 3; ch++) {
        const v = ((gx + y) / (w + h)) * 130 + disc + ch * 5 + (rand() * 2 - 1) * (opts.noise ?? 0);
        raw[(y * w + x) * 3 + ch] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

describeEachDialect('cleaning: duplicates', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let annotator: TestUser;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
    annotator = await t.user();
  });
  afterAll(async () => t.close());

  async function project(xml: string, tasks: Record<string, unknown>[]): Promise<{ id: number; taskIds: number[] }> {
    const id = (await t.call(manager, 'POST', '/api/projects', { title: 'Dupes', labelConfig: xml })).json().id as number;
    await t.call(manager, 'POST', `/api/projects/${id}/members`, { userId: annotator.id, role: 'annotator' });
    if (tasks.length) expect((await t.call(manager, 'POST', `/api/projects/${id}/tasks`, tasks.map((data) => ({ data })))).statusCode).toBe(201);
    const taskIds = ((await t.call(manager, 'GET', `/api/projects/${id}/tasks?limit=1000`)).json().items as { id: number }[]).map((x) => x.id);
    return { id, taskIds };
  }

  async function scan(projectId: number, body: Record<string, unknown>) {
    const res = await t.call(manager, 'POST', `/api/projects/${projectId}/duplicates/scan`, body);
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    return JSON.parse(job.result!) as { tasks: number; groups: Record<string, number>; imageErrors: number };
  }

  const groups = async (projectId: number) => (await t.call(manager, 'GET', `/api/projects/${projectId}/duplicates`)).json().items as Group[];

  it('finds exact duplicates after normalisation and near-duplicate texts, and leaves unrelated texts alone', async () => {
    const { id, taskIds } = await project(TEXT_XML, [{ text: 'Hello world' }, { text: REVIEW }, { text: ' Ｈｅｌｌｏ \u3000 world\n' }, { text: UNRELATED }, { text: REVIEW_EDITED }]);
    const [hello, review, helloWide, unrelated, edited] = taskIds as [number, number, number, number, number];
    const result = await scan(id, { images: false });
    expect(result).toMatchObject({ tasks: 5, groups: { exact: 1, text: 1, image: 0 } });
    const found = await groups(id);
    const exact = found.find((g) => g.kind === 'exact')!;
    const near = found.find((g) => g.kind === 'text')!;
    expect(exact.tasks.map((x) => x.id)).toEqual([hello, helloWide]);
    expect(exact.similarity).toBe(1);
    expect(near.tasks.map((x) => x.id)).toEqual([review, edited]);
    expect(near.similarity).toBeGreaterThanOrEqual(0.8);
    expect(near.similarity).toBeLessThan(1);
    expect(near.tasks[0]!.preview).toContain('The delivery was quick');
    expect(found.flatMap((g) => g.tasks.map((x) => x.id))).not.toContain(unrelated);
  });

  it('a higher threshold drops the near pair but keeps the exact one; a rescan replaces the groups', async () => {
    const { id } = await project(TEXT_XML, [{ text: REVIEW }, { text: REVIEW_EDITED }, { text: 'same' }, { text: 'same' }]);
    await scan(id, { images: false });
    expect((await groups(id)).map((g) => g.kind).sort()).toEqual(['exact', 'text']);
    await scan(id, { images: false, textThreshold: 0.99 });
    expect((await groups(id)).map((g) => g.kind)).toEqual(['exact']);
  });

  it('"keep this one" deletes only the other tasks of the group, keeps annotated ones unless forced, and is audited', async () => {
    const { id, taskIds } = await project(TEXT_XML, [{ text: 'dup' }, { text: 'dup' }, { text: 'dup' }, { text: 'unique text' }]);
    const [keep, plain, annotated, unique] = taskIds as [number, number, number, number];
    const ann = await t.call(manager, 'POST', `/api/tasks/${annotated}/annotations`, { result: [{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['pos'] } }] });
    expect(ann.statusCode).toBe(201);
    await scan(id, {});
    const [group] = await groups(id);
    expect(group!.tasks.map((x) => x.id)).toEqual([keep, plain, annotated]);

    const res = await t.call(manager, 'POST', `/api/projects/${id}/duplicates/${group!.id}/keep`, { taskId: keep });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kept: keep, deleted: [plain], skipped: [annotated] });
    const left = ((await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[]).map((x) => x.id);
    expect(left).toEqual([keep, annotated, unique]);
    expect((await groups(id))[0]!.size).toBe(2);

    const forced = await t.call(manager, 'POST', `/api/projects/${id}/duplicates/${group!.id}/keep`, { taskId: keep, force: true });
    expect(forced.json()).toEqual({ kept: keep, deleted: [annotated], skipped: [] });
    expect(((await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[]).map((x) => x.id)).toEqual([keep, unique]);
    expect(await groups(id)).toEqual([]);
    const audit = (await t.call(manager, 'GET', `/api/projects/${id}/audit`)).json().items as { action: string; objectId: number; data: { deleted: number[] } }[];
    const keeps = audit.filter((a) => a.action === 'duplicates.keep');
    expect(keeps).toHaveLength(2);
    expect(keeps.map((a) => a.data.deleted).flat().sort()).toEqual([plain, annotated].sort());
  });

  it('refuses a task outside the group (400) and a group of another project (404)', async () => {
    const a = await project(TEXT_XML, [{ text: 'x' }, { text: 'x' }, { text: 'y' }]);
    const b = await project(TEXT_XML, [{ text: 'z' }, { text: 'z' }]);
    await scan(a.id, {});
    await scan(b.id, {});
    const [groupA] = await groups(a.id);
    const notMember = await t.call(manager, 'POST', `/api/projects/${a.id}/duplicates/${groupA!.id}/keep`, { taskId: a.taskIds[2] });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().error.field).toBe('taskId');
    const wrongProject = await t.call(manager, 'POST', `/api/projects/${b.id}/duplicates/${groupA!.id}/keep`, { taskId: a.taskIds[0] });
    expect(wrongProject.statusCode).toBe(404);
    expect(wrongProject.json().error.code).toBe('LAOSHI_DUPLICATE_GROUP_NOT_FOUND');
    expect((await t.call(manager, 'GET', `/api/projects/${a.id}/tasks`)).json().items).toHaveLength(3);
  });

  it('groups near-duplicate images by perceptual hash, the same bytes twice as exact, and a different image not', async () => {
    const { id } = await project(BOX_CONFIG_XML, []);
    const files = { base: await png({ discX: 0.3 }), noisy: await png({ discX: 0.3, noise: 10, seed: 9 }), other: await png({ discX: 0.75, flip: true }) };
    const upload = async (name: string, bytes: Buffer) =>
      (await storeMedia(t.ctx, { organizationId: manager.organizationId, projectId: id, createdBy: manager.id, fileName: name, body: Readable.from([bytes]) })).id;
    const media = [await upload('base.png', files.base), await upload('noisy.png', files.noisy), await upload('other.png', files.other), await upload('base-again.png', files.base)];
    expect((await t.call(manager, 'POST', `/api/projects/${id}/tasks`, media.map((m) => ({ data: { image: `/api/media/${m}` } })))).statusCode).toBe(201);
    const taskIds = ((await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[]).map((x) => x.id);
    const [base, noisy, other, again] = taskIds as [number, number, number, number];
    const result = await scan(id, { text: false, imageDistance: 6 });
    expect(result.imageErrors).toBe(0);
    const found = await groups(id);
    expect(found.find((g) => g.kind === 'exact')!.tasks.map((x) => x.id)).toEqual([base, again]);
    const image = found.find((g) => g.kind === 'image')!;
    expect(image.tasks.map((x) => x.id)).toEqual([base, noisy, again]);
    expect(image.tasks[0]!.image).toBe(`/api/media/${media[0]}/thumbnail`);
    expect(found.flatMap((g) => g.tasks.map((x) => x.id))).not.toContain(other);
  });

  it('answers 404 to another organization and 403 to annotators, before reading the body', async () => {
    const { id, taskIds } = await project(TEXT_XML, [{ text: 'a' }, { text: 'a' }]);
    await scan(id, {});
    const [group] = await groups(id);
    const routes: [string, string, unknown][] = [
      ['POST', `/api/projects/${id}/duplicates/scan`, {}],
      ['GET', `/api/projects/${id}/duplicates`, undefined],
      ['POST', `/api/projects/${id}/duplicates/${group!.id}/keep`, { taskId: taskIds[0] }],
      ['POST', `/api/projects/${id}/pii/scan`, {}],
      ['POST', `/api/projects/${id}/pii/redact`, { mask: 'char' }],
      ['POST', `/api/projects/${id}/duplicates/scan`, { bogus: 1 }],
    ];
    for (const [method, url, body] of routes) {
      expect((await t.call(t.otherAdmin, method, url, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await t.call(annotator, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items).toHaveLength(2);
  });
});
