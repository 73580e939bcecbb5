import { afterAll, beforeAll, expect, it } from 'vitest';
import { activeTime } from '../../src/modules/quality/annotator-activity.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { BOX_CONFIG_XML, boxResult, makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { makeProject, review, submit } from './quality-fixtures.js';

const boxes = (...labels: string[]) => labels.flatMap((label, i) => boxResult(label, `r${i + 1}`));

it('counts the gaps between actions up to the idle limit and starts a new session after a longer one', () => {
  expect(activeTime([])).toEqual({ activeMs: 0, sessions: 0 });
  expect(activeTime([5])).toEqual({ activeMs: 0, sessions: 1 });
  // 0 → 60 s → 120 s, then an hour of nothing, then 30 s more; unsorted input is fine.
  expect(activeTime([3_720_000, 0, 60_000, 120_000, 3_750_000], 300_000)).toEqual({ activeMs: 150_000, sessions: 2 });
  // A gap of exactly the limit still counts.
  expect(activeTime([0, 300_000], 300_000)).toEqual({ activeMs: 300_000, sessions: 1 });
});

describeEachDialect('annotator activity, adjudication and rework', (dialect) => {
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let a: TestUser;
  let b: TestUser;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock, config: { taskLockTtlMs: 3 * 3600_000 } });
    [manager, reviewer, a, b] = [await t.user(), await t.user(), await t.user(), await t.user()];
  });
  afterAll(async () => t.close());

  const project = (tasks: number, overlap = 1) =>
    makeProject(t, manager, { labelConfig: BOX_CONFIG_XML, overlap, tasks: Array.from({ length: tasks }, (_, i) => ({ image: `${i}.jpg` })), members: [[reviewer, 'reviewer'], [a, 'annotator'], [b, 'annotator']] });
  const next = async (u: TestUser, projectId: number) => (await t.call(u, 'POST', `/api/projects/${projectId}/next`)).json().task.id as number;

  it('measures active time from server timestamps, idle gaps and client lead times left out, with regions per hour per label', async () => {
    const p = await project(4);
    // Task 1: handed out, submitted 40 s later (the client claims 5,000 s: ignored).
    const t1 = await next(a, p.id);
    clock += 40_000;
    await submit(t, a, t1, boxes('Car', 'Road'), { leadTime: 5000 });
    // Task 2, 20 s later: a draft after 30 s, submitted 30 s after that.
    clock += 20_000;
    const t2 = await next(a, p.id);
    clock += 30_000;
    const draft = await submit(t, a, t2, boxes('Car'), { draft: true });
    clock += 30_000;
    expect((await t.call(a, 'PATCH', `/api/annotations/${draft}`, { result: boxes('Car'), version: 1, draft: false })).statusCode).toBe(200);
    // An hour away from the desk, then task 3 in 60 s.
    clock += 3600_000;
    const t3 = await next(a, p.id);
    clock += 60_000;
    await submit(t, a, t3, boxes('Car', 'Car'));
    // B labels one task in 10 s: too little active time for a rate per hour.
    const t4 = await next(b, p.id);
    clock += 10_000;
    await submit(t, b, t4, boxes('Road'));

    const res = await t.call(manager, 'GET', `/api/projects/${p.id}/annotator-activity`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { idleGapSeconds: number; annotators: { userId: number }[] };
    expect(body.idleGapSeconds).toBe(300);
    expect(body.annotators.find((x) => x.userId === a.id)).toEqual({
      userId: a.id,
      name: expect.any(String),
      email: a.email,
      activeSeconds: 180,
      sessions: 2,
      submitted: 3,
      tasksPerHour: 60,
      regions: 5,
      regionsPerHour: 100,
      labels: [
        { label: 'Car', regions: 4, regionsPerHour: 80 },
        { label: 'Road', regions: 1, regionsPerHour: 20 },
      ],
    });
    expect(body.annotators.find((x) => x.userId === b.id)).toMatchObject({ activeSeconds: 10, sessions: 1, submitted: 1, tasksPerHour: null, regions: 1, regionsPerHour: null, labels: [{ label: 'Road', regions: 1, regionsPerHour: null }] });
    // The reviewer annotates nothing here and is not listed.
    expect(body.annotators.some((x) => x.userId === reviewer.id)).toBe(false);

    const csv = await t.call(manager, 'GET', `/api/projects/${p.id}/annotator-activity.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('userId,name,email,activeSeconds,sessions,submitted,tasksPerHour,regions,regionsPerHour');
    expect(lines.find((l) => l.startsWith(`${a.id},`))!.endsWith(',180,2,3,60,5,100')).toBe(true);
    expect((await t.call(reviewer, 'GET', `/api/projects/${p.id}/annotator-activity`)).statusCode).toBe(403);
    expect((await t.call(t.otherAdmin, 'GET', `/api/projects/${p.id}/annotator-activity.csv`)).statusCode).toBe(404);
  });

  it('saves an adjudicated result as the task consensus, replacing the previous one, and it can become gold', async () => {
    const p = await project(2, 2);
    const task = p.taskIds[0]!;
    const fromA = await submit(t, a, task, boxes('Car', 'Road'));
    const fromB = await submit(t, b, task, boxes('Road'));
    const merged = boxes('Car');
    const first = await t.call(reviewer, 'POST', `/api/tasks/${task}/adjudication`, { result: merged, fromAnnotationIds: [fromA, fromB] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ taskId: task, replaced: 0 });
    const second = await t.call(manager, 'POST', `/api/tasks/${task}/adjudication`, { result: boxes('Road'), fromAnnotationIds: [fromB] });
    expect(second.json()).toMatchObject({ taskId: task, replaced: 1 });
    const detail = (await t.call(manager, 'GET', `/api/tasks/${task}`)).json() as { annotations: { id: number; source: string; reviewState: string; completedBy: number | null; result: unknown }[] };
    const consensus = detail.annotations.filter((x) => x.source === 'consensus');
    expect(consensus).toEqual([expect.objectContaining({ id: second.json().annotationId, reviewState: 'accepted', completedBy: null, result: boxes('Road') })]);
    // Consensus takes no slot: the task still counts its two annotators' submissions only.
    const workflow = (await t.call(manager, 'GET', `/api/tasks/${task}/workflow`)).json();
    expect(workflow.state).toBe('submitted');
    // The adjudicated answer is accepted, so it can be the task's gold: B's Road matches it.
    const gold = await t.call(manager, 'POST', `/api/annotations/${second.json().annotationId}/gold`);
    expect(gold.statusCode, gold.body).toBe(201);
    expect(gold.json().scored).toBe(2);
  });

  it('refuses an invalid adjudication and answers 403 to annotators, 404 outside the project', async () => {
    const p = await project(2, 2);
    const [task, other] = p.taskIds as [number, number];
    const elsewhere = await submit(t, a, other, boxes('Car'));
    const invalid = await t.call(reviewer, 'POST', `/api/tasks/${task}/adjudication`, { result: [{ id: 'x', from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: 10, y: 10, width: 5, height: 5, rectanglelabels: ['Plane'] } }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('LAOSHI_INVALID_RESULT');
    const foreign = await t.call(reviewer, 'POST', `/api/tasks/${task}/adjudication`, { result: boxes('Car'), fromAnnotationIds: [elsewhere] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.field).toBe('fromAnnotationIds');
    expect((await t.call(a, 'POST', `/api/tasks/${task}/adjudication`, { result: boxes('Car') })).statusCode).toBe(403);
    expect((await t.call(t.otherAdmin, 'POST', `/api/tasks/${task}/adjudication`, { result: 'not even a list' })).statusCode).toBe(404);
  });

  it("lists the annotator's own rejected work with the reason and region comments, until it is resubmitted", async () => {
    const p = await project(2);
    const mine = await submit(t, a, p.taskIds[0]!, boxes('Car', 'Road'));
    await submit(t, b, p.taskIds[1]!, boxes('Road'));
    const rejected = await review(t, reviewer, mine, 'reject', { reason: 'the road is a car park', comments: [{ regionId: 'r2', text: 'this is parking' }, { text: 'check the whole image' }] });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const list = await t.call(a, 'GET', `/api/projects/${p.id}/rework`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      {
        annotationId: mine,
        taskId: p.taskIds[0],
        version: 1,
        result: boxes('Car', 'Road'),
        rejection: {
          reviewId: rejected.json().reviewId,
          reviewerId: reviewer.id,
          reviewerName: expect.any(String),
          reason: 'the road is a car park',
          comments: [{ regionId: 'r2', text: 'this is parking' }, { regionId: null, text: 'check the whole image' }],
          createdAt: new Date(clock).toISOString(),
        },
      },
    ]);
    // Blind: B sees none of A's rework.
    expect((await t.call(b, 'GET', `/api/projects/${p.id}/rework`)).json()).toEqual([]);
    expect((await t.call(t.otherAdmin, 'GET', `/api/projects/${p.id}/rework`)).statusCode).toBe(404);
    expect((await t.call(a, 'PATCH', `/api/annotations/${mine}`, { result: boxes('Car'), version: 1 })).statusCode).toBe(200);
    expect((await t.call(a, 'GET', `/api/projects/${p.id}/rework`)).json()).toEqual([]);
  });
});
