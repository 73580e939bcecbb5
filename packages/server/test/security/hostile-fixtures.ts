import { Readable } from 'node:stream';
import sharp from 'sharp';
import { expect } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { storeMedia } from '../../src/modules/media/media-service.js';
import type { TestApp, TestUser } from '../helpers/test-app.js';
import { storedEvaluationRun } from '../modules/evaluation-fixtures.js';

/** Appears in every hostile string, so a test can find where user data ended up. */
export const MARK = 'laoshi-xss';
/** Markup an attacker would plant in any text field. */
export const XSS = `<script>alert('${MARK}')</script><img src=x onerror=alert(1)>`;
/** As a label or choice name (inside an XML attribute, written with the five predefined entities). */
export const XSS_LABEL = `<img src=x onerror=alert('${MARK}')>`;
const XML_ATTR = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

/** A config whose label and choice names are markup. */
export const HOSTILE_CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="${XML_ATTR(XSS_LABEL)}"/><Label value="Car"/></RectangleLabels>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="${XML_ATTR(XSS)}"/><Choice value="fine"/></Choices>
</View>`;

export const hostileResult = (id = 'r1') => [
  { id, from_name: 'box', to_name: 'image', type: 'rectanglelabels', original_width: 32, original_height: 24, value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: [XSS_LABEL] } },
  { id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [XSS] } },
];

export interface HostileWorld {
  owner: TestUser;
  reviewer: TestUser;
  /** One object of every kind a route path names, by the kind's path segment (`projects`, `dataset-versions`, …). */
  ids: Record<string, number>;
  mediaUrl: string;
}

const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, unknown>;
};

/**
 * A project full of markup — title, label names, task text, file names, annotation, review
 * comment, token name — and one object of every kind the API has an `{id}` route for.
 */
export async function buildHostileWorld(t: TestApp): Promise<HostileWorld> {
  const owner = await t.user();
  const reviewer = await t.user();
  const project = await ok(t.call(owner, 'POST', '/api/projects', { title: XSS, description: XSS, labelConfig: HOSTILE_CONFIG }), 201);
  const projectId = project.id as number;
  await ok(t.call(owner, 'POST', `/api/projects/${projectId}/members`, { userId: reviewer.id, role: 'reviewer' }));
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#aa3300' } }).png().toBuffer();
  const media = await storeMedia(t.ctx, { organizationId: owner.organizationId, projectId, createdBy: owner.id, fileName: `${XSS}.png`, body: Readable.from([png]) });
  const mediaUrl = `/api/media/${media.id}`;
  // The last two are the same task twice, for a duplicate group.
  const twin = { data: { image: 'https://example.com/twin.jpg', text: `twin ${XSS}` } };
  await ok(t.call(owner, 'POST', `/api/projects/${projectId}/tasks`, [{ data: { image: mediaUrl, text: XSS, [XSS]: XSS }, meta: { note: XSS } }, twin, twin]), 201);
  const tasks = (await ok(t.call(owner, 'GET', `/api/projects/${projectId}/tasks`))).items as { id: number }[];
  const taskId = tasks[0]!.id;
  const annotation = await ok(t.call(owner, 'POST', `/api/tasks/${taskId}/annotations`, { result: hostileResult() }), 201);
  const annotationId = annotation.id as number;
  await ok(t.call(reviewer, 'POST', `/api/annotations/${annotationId}/review`, { action: 'reject', version: 1, reason: XSS, comments: [{ regionId: 'r1', text: XSS }] }));
  const token = await ok(t.call(owner, 'POST', '/api/auth/tokens', { name: XSS }), 201);
  const backend = await ok(t.call(owner, 'POST', `/api/projects/${projectId}/model-backends`, { title: XSS, url: 'https://ml.example.com/' }), 201);
  // Made after the annotation and the review, so no event is ever delivered to it.
  const webhook = await ok(t.call(owner, 'POST', `/api/projects/${projectId}/webhooks`, { url: 'https://hooks.example.com/laoshi', events: ['export.ready'], description: XSS, active: false }), 201);
  const versions: number[] = [];
  for (const format of ['voc', 'csv'] as const) {
    const started = await ok(t.call(owner, 'POST', `/api/projects/${projectId}/exports`, { format }), 202);
    const job = await waitForJob(t.ctx, started.jobId as number, 20_000);
    expect(job.status, job.error ?? '').toBe('succeeded');
    versions.push(started.datasetVersionId as number);
  }
  const scan = await ok(t.call(owner, 'POST', `/api/projects/${projectId}/duplicates/scan`, { images: false }), 202);
  expect((await waitForJob(t.ctx, scan.id as number, 20_000)).status).toBe('succeeded');
  const groups = (await ok(t.call(owner, 'GET', `/api/projects/${projectId}/duplicates`))).items as { id: number }[];
  // .invalid never resolves (RFC 6761), so creation passes the address check offline; nothing ever syncs it.
  const storage = await ok(t.call(owner, 'POST', `/api/projects/${projectId}/source-storages`, { title: XSS, bucket: 'hostile', endpoint: 'https://s3.hostile.invalid', accessKeyId: 'AKIAHOSTILE', secretAccessKey: 'hostile-secret' }), 201);
  const jobId = (await t.ctx.jobs.start({ kind: 'hostile', organizationId: owner.organizationId, projectId, createdBy: owner.id, params: { note: XSS } }, async () => ({ note: XSS }))).id;
  await waitForJob(t.ctx, jobId, 10_000);
  const now = Date.now();
  // Training is slow and needs labelled data; a failed version row is all the routes need.
  const modelVersion = await t.ctx.db.kysely
    .insertInto('model_versions')
    .values({
      organization_id: owner.organizationId, project_id: projectId, kind: 'text-classifier', number: 1, name: `${XSS}:v1`, status: 'failed', job_id: null,
      from_name: 'sentiment', to_name: 'text', labels: JSON.stringify([XSS, 'fine']), params: '{}', metrics: null, curve: '[]', validation_task_ids: '[]',
      weights_key: null, feature_file_id: null, error: XSS, created_by: owner.id, created_at: now, completed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const evaluationId = await storedEvaluationRun(t, owner, projectId, XSS);
  return {
    owner,
    reviewer,
    mediaUrl,
    ids: {
      projects: projectId, tasks: taskId, annotations: annotationId, users: owner.id, userId: reviewer.id, tokens: token.id as number, jobs: jobId, media: media.id,
      'dataset-versions': versions[0]!, otherId: versions[1]!, 'model-backends': backend.id as number, 'model-versions': modelVersion.id,
      webhooks: webhook.id as number, groupId: groups[0]!.id, storageId: storage.id as number, evaluations: evaluationId,
    },
  };
}

const COUNTED = ['users', 'api_tokens', 'projects', 'project_members', 'tasks', 'annotations', 'reviews', 'media', 'jobs', 'dataset_versions', 'model_backends', 'model_versions', 'webhooks', 'source_storages', 'duplicate_groups', 'audit_events'] as const;

/** Rows per table, to show that a refused request wrote nothing. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await t.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
