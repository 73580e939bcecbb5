import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const NER_XML = '<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/><Label value="CONTACT"/></Labels></View>';

const SAMPLES = {
  chinese: '我的身份证号是11010519491231002X，电话13800138000',
  wrongId: 'ID 110105194912310021 has a wrong check digit',
  english: 'Card 4111 1111 1111 1111, email john.doe@example.com, server 192.168.1.10',
  badCard: 'Card 4111 1111 1111 1112 fails the Luhn check',
  landline: '座机 010-62345678 请回电',
  clean: 'nothing personal here',
};
const RAW_VALUES = ['11010519491231002X', '13800138000', '4111 1111 1111 1111', 'john.doe@example.com', '192.168.1.10', '010-62345678'];

describeEachDialect('cleaning: personal data', (dialect) => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    manager = await t.user();
  });
  afterAll(async () => t.close());

  async function project(): Promise<{ id: number; ids: Record<keyof typeof SAMPLES, number> }> {
    const id = (await t.call(manager, 'POST', '/api/projects', { title: 'PII', labelConfig: NER_XML })).json().id as number;
    const names = Object.keys(SAMPLES) as (keyof typeof SAMPLES)[];
    await t.call(manager, 'POST', `/api/projects/${id}/tasks`, names.map((n) => ({ data: { text: SAMPLES[n], meta_url: 'https://example.com/a' } })));
    const items = (await t.call(manager, 'GET', `/api/projects/${id}/tasks`)).json().items as { id: number }[];
    return { id, ids: Object.fromEntries(names.map((n, i) => [n, items[i]!.id])) as Record<keyof typeof SAMPLES, number> };
  }

  async function run(url: string, body: unknown) {
    const res = await t.call(manager, 'POST', url, body);
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(t.ctx, res.json().id as number);
    expect(job.error).toBeNull();
    return { job, result: JSON.parse(job.result!) as Record<string, unknown> };
  }

  const textOf = async (taskId: number) => (await t.call(manager, 'GET', `/api/tasks/${taskId}`)).json().data.text as string;

  it('counts each kind on Chinese and English text: valid IDs and Luhn-valid cards only, and masks every example', async () => {
    const { id, ids } = await project();
    const { job, result } = await run(`/api/projects/${id}/pii/scan`, {});
    expect(result).toMatchObject({
      tasks: 6,
      tasksWithPii: 3,
      counts: { cn_id: 1, mobile: 1, bank_card: 1, email: 1, ipv4: 1, landline: 1, ipv6: 0 },
    });
    const examples = result.examples as { taskId: number; kind: string; masked: string; snippet: string; field: string }[];
    expect(examples).toContainEqual({ taskId: ids.chinese, field: 'text', kind: 'cn_id', masked: '110105********002X', snippet: '我的身份证号是110105********002X，电话***********' });
    expect(examples.find((e) => e.kind === 'mobile')!.masked).toBe('138****8000');
    expect(examples.find((e) => e.kind === 'email')!.masked).toBe('j***@example.com');
    for (const raw of RAW_VALUES) expect(job.result).not.toContain(raw);
    // A scan changes nothing.
    expect(await textOf(ids.chinese)).toBe(SAMPLES.chinese);
  });

  it('scans only the kinds asked for and keeps at most the examples asked for', async () => {
    const { id } = await project();
    const { result } = await run(`/api/projects/${id}/pii/scan`, { kinds: ['email', 'cn_id'], examples: 1 });
    expect(result.counts).toMatchObject({ email: 1, cn_id: 1, mobile: 0, bank_card: 0 });
    expect(result.examples).toHaveLength(1);
    const bad = await t.call(manager, 'POST', `/api/projects/${id}/pii/scan`, { kinds: ['passport'] });
    expect(bad.statusCode).toBe(400);
  });

  it('redacts in place with labels, keeps the length of labelled tasks so spans still fit, and is audited', async () => {
    const { id, ids } = await project();
    const email = SAMPLES.english.indexOf('john.doe@example.com');
    const span = { id: 's1', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: email, end: email + 20, text: 'john.doe@example.com', labels: ['CONTACT'] } };
    const ann = await t.call(manager, 'POST', `/api/tasks/${ids.english}/annotations`, { result: [span] });
    expect(ann.statusCode).toBe(201);

    const { result } = await run(`/api/projects/${id}/pii/redact`, { mask: 'label' });
    expect(result).toMatchObject({ tasks: 6, tasksChanged: 3, lengthKeptTasks: 1, annotationsChanged: 1 });
    expect(await textOf(ids.chinese)).toBe('我的身份证号是[ID]，电话[PHONE]');
    expect(await textOf(ids.landline)).toBe('座机 [PHONE] 请回电');
    expect(await textOf(ids.wrongId)).toBe(SAMPLES.wrongId);
    expect(await textOf(ids.badCard)).toBe(SAMPLES.badCard);
    const english = await textOf(ids.english);
    expect(english).toBe('Card **** **** **** 1111, email ********************, server ************');
    expect(english).toHaveLength(SAMPLES.english.length);
    const annotation = (await t.call(manager, 'GET', `/api/annotations/${ann.json().id as number}`)).json();
    expect(annotation.version).toBe(2);
    expect(annotation.result[0].value).toMatchObject({ start: email, end: email + 20, text: '*'.repeat(20) });
    expect((await t.call(manager, 'GET', `/api/tasks/${ids.english}`)).json().data.meta_url).toBe('https://example.com/a');
    const audit = (await t.call(manager, 'GET', `/api/projects/${id}/audit`)).json().items as { action: string; data: { tasksChanged: number; mask: string } }[];
    expect(audit.find((a) => a.action === 'pii.redact')?.data).toMatchObject({ tasksChanged: 3, mask: 'label' });
  });

  it('redacts only the kinds asked for, with partial masks', async () => {
    const { id, ids } = await project();
    const { result } = await run(`/api/projects/${id}/pii/redact`, { mask: 'partial', kinds: ['mobile'] });
    expect(result).toMatchObject({ tasksChanged: 1, counts: { mobile: 1, cn_id: 0 } });
    expect(await textOf(ids.chinese)).toBe('我的身份证号是11010519491231002X，电话138****8000');
    const refused = await t.call(manager, 'POST', `/api/projects/${id}/pii/redact`, { mask: 'shred' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('mask');
  });
});
