import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';
import type { E2eServer } from './helpers/e2e-server.js';

// Two annotators and a reviewer finish a project with overlap 2 in the browser; one annotation is
// rejected with a comment pinned to its box, reworked and accepted; the agreement page shows what
// the API returns, and its most disagreed task opens in the adjudication view.

const CONFIG =
  '<View><Image name="image" value="$image"/>' +
  '<RectangleLabels name="box" toName="image"><Label value="Car" hotkey="1"/></RectangleLabels>' +
  '<Choices name="weather" toName="image"><Choice value="Sunny" hotkey="2"/><Choice value="Rainy" hotkey="3"/></Choices></View>';

interface Person {
  id: number;
  email: string;
  password: string;
}
interface Annotation {
  id: number;
  completedBy: number | null;
  draft: boolean;
  source: string;
  reviewState: string;
  result: { type: string; value: Record<string, unknown> }[];
}
interface Agreement {
  metric: string;
  value: number | null;
  perLabel: { label: string; value: number | null }[];
  matrix: { annotators: { id: number }[]; values: (number | null)[][] };
  disagreements: { taskId: number }[];
}

async function pngDataUrl(color: string): Promise<string> {
  const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: color } }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

async function person(server: E2eServer, name: string): Promise<Person> {
  const email = `${name}@example.com`;
  const password = `${name}-password-123`;
  const res = await server.api<{ id: number }>('POST', '/api/users', { email, password, name });
  expect(res.status).toBe(201);
  return { id: res.json.id, email, password };
}

async function signedIn(ctx: BrowserContext, server: E2eServer, who: Person, path: string): Promise<Page> {
  const page = await ctx.newPage();
  await login(page, server.url, who, path);
  return page;
}

const taskOnScreen = async (page: Page) => Number(await page.getByTestId('workspace').getAttribute('data-task-id'));

/** Draws a box with the mouse, from and to fractions of the canvas. */
async function drawBox(page: Page, from: [number, number], to: [number, number]) {
  const canvas = page.getByTestId('editor-canvas');
  await canvas.waitFor();
  const box = (await canvas.boundingBox())!;
  const at = ([fx, fy]: [number, number]) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  await page.keyboard.press('1');
  await page.keyboard.press('r');
  const [a, b] = [at(from), at(to)];
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

/** Labels the queue: per task, a box (when given) and a weather choice, Enter submits. */
async function annotate(page: Page, plan: Map<number, { box?: [[number, number], [number, number]]; weather: '2' | '3' }>, tasks: number) {
  for (let i = 0; i < tasks; i++) {
    await page.getByTestId('workspace').waitFor();
    const taskId = await taskOnScreen(page);
    const step = plan.get(taskId)!;
    if (step.box) {
      await drawBox(page, ...step.box);
      await expect.poll(() => page.getByTestId('region-row').count()).toBe(1);
    }
    await page.keyboard.press(step.weather);
    await page.keyboard.press('Enter');
    if (i < tasks - 1) await expect.poll(() => taskOnScreen(page)).not.toBe(taskId);
  }
  await page.getByTestId('queue-done').waitFor();
}

describeE2e('quality: overlap 2, review with rework, agreement and adjudication', (env) => {
  it('two annotators and a reviewer finish the project; the agreement page matches the API', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Street scenes', labelConfig: CONFIG, overlap: 2 });
    const projectId = project.json.id;
    await server.api('POST', `/api/projects/${projectId}/tasks`, [{ image: await pngDataUrl('#6b7d8f') }, { image: await pngDataUrl('#8f7d6b') }]);
    const [ann1, ann2, rev] = [await person(server, 'ann1'), await person(server, 'ann2'), await person(server, 'rev')];
    for (const [p, role] of [[ann1, 'annotator'], [ann2, 'annotator'], [rev, 'reviewer']] as const) {
      expect((await server.api('POST', `/api/projects/${projectId}/members`, { userId: p.id, role })).status).toBeLessThan(300);
    }
    const tasks = (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${projectId}/tasks`)).json.items.map((t) => t.id).sort((a, b) => a - b);
    const [t1, t2] = tasks as [number, number];

    // Both annotators label both tasks in the browser: same boxes, weather agrees on t1 only.
    const ctx1 = await newContext(browser);
    const page1 = await signedIn(ctx1, server, ann1, `/projects/${projectId}/label`);
    await annotate(page1, new Map([[t1, { box: [[0.2, 0.2], [0.5, 0.6]], weather: '2' }], [t2, { box: [[0.3, 0.3], [0.6, 0.7]], weather: '2' }]]), 2);
    const ctx2 = await newContext(browser);
    const page2 = await signedIn(ctx2, server, ann2, `/projects/${projectId}/label`);
    await annotate(page2, new Map([[t1, { box: [[0.2, 0.2], [0.5, 0.6]], weather: '2' }], [t2, { box: [[0.3, 0.3], [0.6, 0.7]], weather: '3' }]]), 2);
    await ctx2.close();

    // The reviewer rejects ann1's first annotation with a reason and a comment pinned to its box, and accepts the rest.
    const ctxR = await newContext(browser);
    const pageR = await ctxR.newPage();
    await login(pageR, server.url, rev, `/projects/${projectId}`);
    await pageR.getByTestId('start-review').click();
    const workspace = pageR.getByTestId('review-workspace');
    await workspace.waitFor();
    const firstTask = Number(await workspace.getAttribute('data-task-id'));
    const rejectedId = Number(await workspace.getAttribute('data-annotation-id'));
    await pageR.getByTestId('region-row').first().click();
    await expect.poll(() => pageR.getByTestId('comment-target').textContent()).toContain('Car');
    await pageR.getByTestId('comment-input').fill('The box misses the bumper');
    await pageR.getByTestId('comment-input').press('Enter');
    await pageR.getByTestId('review-reason').fill('Weather and box need another look');
    await pageR.getByTestId('review-reject').click();
    await pageR.getByTestId('review-notice').waitFor();
    expect(await pageR.getByTestId('review-notice').textContent()).toContain(`${firstTask}`);
    for (let i = 0; i < 3; i++) {
      await expect.poll(async () => Number(await pageR.getByTestId('review-workspace').getAttribute('data-annotation-id'))).not.toBe(rejectedId);
      const current = await pageR.getByTestId('review-workspace').getAttribute('data-annotation-id');
      await pageR.getByTestId('annotation-editor').click({ position: { x: 5, y: 5 } });
      await pageR.keyboard.press('Enter');
      if (i < 2) await expect.poll(() => pageR.getByTestId('review-workspace').getAttribute('data-annotation-id')).not.toBe(current);
    }
    await pageR.getByTestId('review-done').waitFor();
    const rejected = (await server.api<{ reason: string; comments: { regionId: string | null; text: string }[] }[]>('GET', `/api/annotations/${rejectedId}/reviews`)).json;
    expect(rejected).toEqual([expect.objectContaining({ action: 'reject', reason: 'Weather and box need another look', comments: [{ regionId: expect.any(String), text: 'The box misses the bumper' }] })]);

    // Rework: the annotator sees the reason and the pinned comment, fixes the weather and resubmits.
    await page1.goto(`${server.url}/projects/${projectId}/label`);
    const notice = page1.getByTestId('rework-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Weather and box need another look');
    expect(await notice.textContent()).toContain('The box misses the bumper');
    expect(await notice.textContent()).toContain('Car');
    await expect.poll(() => taskOnScreen(page1)).toBe(firstTask);
    await expect.poll(() => page1.getByTestId('region-row').count()).toBe(1);
    await page1.keyboard.press('3');
    await page1.keyboard.press('Enter');
    await page1.getByTestId('queue-done').waitFor();
    await expect.poll(() => page1.getByTestId('rework-notice').count(), { timeout: 15_000 }).toBe(0);
    await ctx1.close();

    // Second review: accepted.
    await pageR.goto(`${server.url}/projects/${projectId}/review`);
    await expect.poll(async () => Number(await pageR.getByTestId('review-workspace').getAttribute('data-annotation-id'))).toBe(rejectedId);
    expect(await pageR.getByTestId('review-history').textContent()).toContain('Weather and box need another look');
    await pageR.getByTestId('review-accept').click();
    await pageR.getByTestId('review-done').waitFor();

    for (const taskId of tasks) {
      const annotations = (await server.api<{ annotations: Annotation[] }>('GET', `/api/tasks/${taskId}`)).json.annotations.filter((a) => !a.draft);
      expect(annotations.map((a) => a.reviewState)).toEqual(['accepted', 'accepted']);
    }
    const workflow = await server.api<{ tasks: Record<string, number> }>('GET', `/api/projects/${projectId}/workflow`);
    expect(workflow.json.tasks.done).toBe(2);

    // Agreement: the page shows the API's numbers, for the default control and for the weather choices.
    await pageR.goto(`${server.url}/projects/${projectId}/agreement`);
    await pageR.getByTestId('agreement-tab').waitFor();
    const boxes = (await server.api<Agreement>('GET', `/api/projects/${projectId}/agreement?fromName=box&metric=region-f1&limit=20`)).json;
    await expect.poll(() => pageR.getByTestId('agreement-value').getAttribute('data-value')).toBe(String(boxes.value));
    await pageR.getByTestId('agreement-control').selectOption('weather');
    await pageR.getByTestId('agreement-metric').selectOption('krippendorff');
    const weather = (await server.api<Agreement>('GET', `/api/projects/${projectId}/agreement?fromName=weather&metric=krippendorff&limit=20&level=nominal`)).json;
    expect(weather.disagreements.map((d) => d.taskId)).toEqual(tasks);
    await expect.poll(() => pageR.getByTestId('agreement-value').getAttribute('data-value')).toBe(weather.value === null ? '' : String(weather.value));
    const perLabel = await pageR.getByTestId('per-label-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-label'), r.getAttribute('data-value')]));
    expect(perLabel).toEqual(weather.perLabel.map((l) => [String(l.label), l.value === null ? '' : String(l.value)]));
    const cells = await pageR.getByTestId('heatmap-cell').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(cells).toEqual(weather.matrix.values.flat().map((v) => (v === null ? '' : String(v))));
    const rows = await pageR.getByTestId('disagreement-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-task-id'))));
    expect(rows).toEqual(weather.disagreements.map((d) => d.taskId));

    // One click from the most disagreed task to adjudication: take one version, save it as consensus.
    await pageR.getByTestId('adjudicate-link').first().click();
    await pageR.getByTestId('adjudication').waitFor();
    await expect.poll(() => pageR.getByTestId('adjudication-version').count()).toBe(2);
    const chosen = Number(await pageR.getByTestId('adjudication-version').first().getAttribute('data-annotation-id'));
    await pageR.getByTestId('use-version').first().click();
    await pageR.getByTestId('save-consensus').click();
    await pageR.getByTestId('adjudication-saved').waitFor();
    const adjudicatedTask = weather.disagreements[0]!.taskId;
    const after = (await server.api<{ annotations: Annotation[] }>('GET', `/api/tasks/${adjudicatedTask}`)).json.annotations;
    const consensus = after.find((a) => a.source === 'consensus')!;
    const source = after.find((a) => a.id === chosen)!;
    expect(consensus).toMatchObject({ reviewState: 'accepted', completedBy: null });
    expect(consensus.result).toEqual(source.result);
    await ctxR.close();

    // The manager sees both annotators' statistics.
    const ctxM = await newContext(browser);
    const pageM = await signedIn(ctxM, server, { id: 0, email: 'e2e-admin@example.com', password: 'e2e-password-123' }, `/projects/${projectId}/annotators`);
    await pageM.getByTestId('annotator-table').waitFor();
    const people = await pageM.getByTestId('annotator-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-user-id'))));
    expect(people.sort()).toEqual([ann1.id, ann2.id].sort());
    await ctxM.close();
  });
});
