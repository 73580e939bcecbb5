import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { CHOICES_XML, choice, makeProject, review, submit } from './quality-fixtures.js';

describeEachDialect('annotator statistics and their CSV', (dialect) => {
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  let t: TestApp;
  let manager: TestUser;
  let reviewer: TestUser;
  let a: TestUser;
  let b: TestUser;
  let projectId: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock });
    [manager, reviewer, a, b] = [await t.user(), await t.user(), await t.user(), await t.user()];
    await t.call(t.admin, 'PATCH', `/api/users/${b.id}`, { name: '=HYPERLINK("http://x","pay me")' });
    const p = await makeProject(t, manager, { labelConfig: CHOICES_XML, overlap: 2, tasks: [{ text: 'one' }, { text: 'two' }], members: [[reviewer, 'reviewer'], [a, 'annotator'], [b, 'annotator']] });
    projectId = p.id;
    const [t1, t2] = p.taskIds as [number, number];
    // A: T1 from lock to submit in 60 s (no lead time sent), T2 with a lead time of 30 s.
    expect((await t.call(a, 'POST', `/api/projects/${projectId}/next`)).json().task.id).toBe(t1);
    clock += 60_000;
    const a1 = await submit(t, a, t1, choice('pos'));
    const a2 = await submit(t, a, t2, choice('neg'), { leadTime: 30 });
    // B: lead times 120 s and 100 s.
    const b1 = await submit(t, b, t1, choice('pos'), { leadTime: 120 });
    const b2 = await submit(t, b, t2, choice('pos'), { leadTime: 100 });
    // A's T1 is rejected once, then accepted; everything else is accepted at first review.
    await review(t, reviewer, a1, 'reject');
    await t.call(a, 'PATCH', `/api/annotations/${a1}`, { result: choice('pos'), version: 1 });
    for (const id of [a1, a2, b1, b2]) expect((await review(t, reviewer, id, 'accept')).statusCode).toBe(200);
    // B's T1 becomes gold: A's T1 (pos) scores 1 against it.
    expect((await t.call(manager, 'POST', `/api/annotations/${b1}/gold`)).json().scored).toBe(1);
  });
  afterAll(async () => t.close());

  it('reports speed, review outcomes, gold accuracy and agreement per annotator', async () => {
    const res = await t.call(manager, 'GET', `/api/projects/${projectId}/annotator-stats`);
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { userId: number }[];
    expect(rows.map((r) => r.userId)).toEqual([a.id, b.id].sort((x, y) => x - y));
    const of = (u: TestUser) => rows.find((r) => r.userId === u.id);
    expect(of(a)).toEqual({
      userId: a.id,
      name: expect.any(String),
      email: a.email,
      tasksDone: 2,
      timeSpentSeconds: 90,
      timedTasks: 2,
      throughputPerHour: 80,
      reviewed: 2,
      rejectionRate: expect.closeTo(1 / 3, 12),
      firstPassAcceptanceRate: 0.5,
      goldScored: 1,
      goldAccuracy: 1,
      // One pair (A, B): T1 agrees, T2 does not → Krippendorff's alpha 1 − 3·2/(2·3·1) = 0.
      agreement: 0,
      agreementMetric: 'krippendorff',
      consensusAgreement: null,
    });
    expect(of(b)).toMatchObject({ tasksDone: 2, timeSpentSeconds: 220, throughputPerHour: expect.closeTo(7200 / 220, 9), rejectionRate: 0, firstPassAcceptanceRate: 1, goldScored: 0, goldAccuracy: null, agreement: 0 });
  });

  it('downloads the same numbers as CSV with formula-like text neutralised', async () => {
    const res = await t.call(manager, 'GET', `/api/projects/${projectId}/annotator-stats.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="annotator-stats-project-${projectId}.csv"`);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('userId,name,email,tasksDone,timeSpentSeconds,timedTasks,throughputPerHour,reviewed,rejectionRate,firstPassAcceptanceRate,goldScored,goldAccuracy,agreement,agreementMetric,consensusAgreement');
    const bLine = lines.find((l) => l.startsWith(`${b.id},`))!;
    expect(bLine).toContain(`"'=HYPERLINK(""http://x"",""pay me"")"`);
    expect(bLine).toContain(',2,220,2,');
    const aLine = lines.find((l) => l.startsWith(`${a.id},`))!;
    expect(aLine.endsWith(',1,1,0,krippendorff,')).toBe(true);
  });

  it('measures each annotator against the consensus once there is one', async () => {
    const merged = await t.call(manager, 'POST', `/api/projects/${projectId}/consensus`, { method: 'majority', storeAs: 'prediction', tie: 'lowest-label' });
    expect(merged.statusCode, merged.body).toBe(200);
    const rows = (await t.call(manager, 'GET', `/api/projects/${projectId}/annotator-stats`)).json() as { userId: number; consensusAgreement: number | null }[];
    const of = (u: TestUser) => rows.find((r) => r.userId === u.id)!.consensusAgreement;
    // The tie on T2 (A neg, B pos) goes to the lowest label, neg: the consensus is (pos, neg).
    // A says (pos, neg): alpha 1. B says (pos, pos): units (pos,pos) and (pos,neg) → Do = 2/4, De = 2·3·1/(4·3) → alpha 0.
    expect(of(a)).toBe(1);
    expect(of(b)).toBe(0);
  });

  it('is for managers only', async () => {
    expect((await t.call(reviewer, 'GET', `/api/projects/${projectId}/annotator-stats`)).statusCode).toBe(403);
    expect((await t.call(a, 'GET', `/api/projects/${projectId}/annotator-stats.csv`)).statusCode).toBe(403);
    expect((await t.call(t.otherAdmin, 'GET', `/api/projects/${projectId}/annotator-stats`)).statusCode).toBe(404);
  });
});
