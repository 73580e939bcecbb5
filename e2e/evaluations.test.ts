import fs from 'node:fs';
import { classificationReport } from '@laoshi/core';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';

// A manager evaluates two models' stored predictions against the accepted annotations in the
// browser: the runs finish as jobs, the report shows the numbers scikit-learn's definitions give
// (core's classificationReport on the same labels), the two runs compare, and the HTML downloads.

const CONFIG = '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/><Choice value="neu"/></Choices></View>';

const TRUTH = ['pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'neu', 'neu', 'pos', 'neg', 'neu', 'pos'];
const MODEL_A = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg', 'neu', 'pos', 'pos', 'neg', 'neg', 'neu'];
const MODEL_B = ['pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'neu', 'pos', 'pos', 'neg', 'neu', 'pos'];
const REGION = ['north', 'south', 'north', 'south', 'north', 'south', 'north', 'south', 'north', 'south', 'north', 'south'];

const choice = (label: string) => [{ id: 's', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [label] } }];

interface ApiReport {
  headline: Record<string, number | null>;
  metrics: { classification?: { report: { labels: string[]; confusion: number[][] } } };
  slices: { slices: { value: string | null; headline: Record<string, number | null> }[] } | null;
}

/** Starts a run in the panel's form from stored predictions of `modelVersion`, sliced by region. */
async function startRun(page: Page, name: string, modelVersion: string) {
  const form = page.getByTestId('new-evaluation');
  await form.getByTestId('source-predictions').check();
  await form.getByTestId('eval-model-version').selectOption(modelVersion);
  await form.getByTestId('eval-name').fill(name);
  await form.getByTestId('eval-reference').selectOption('accepted');
  await form.getByTestId('eval-control').selectOption('sentiment');
  await form.getByTestId('eval-slice-by').fill('region');
  await form.getByTestId('eval-start').click();
  const row = page.getByTestId('evaluation-run').filter({ hasText: name });
  await row.waitFor();
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
  return Number(await row.getAttribute('data-run-id'));
}

describeE2e('evaluation runs: report, comparison and HTML export', (env) => {
  it('evaluates two models against accepted annotations, shows the report, compares them and downloads the HTML', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Reviews sentiment', labelConfig: CONFIG });
    const pid = project.json.id;
    const tasks = TRUTH.map((label, i) => ({
      data: { text: `review ${i}`, region: REGION[i] },
      annotations: [{ result: choice(label) }],
      predictions: [
        { model_version: 'model-a', score: 0.5 + (i % 5) / 10, result: choice(MODEL_A[i]!) },
        { model_version: 'model-b', score: 0.6 + (i % 4) / 10, result: choice(MODEL_B[i]!) },
      ],
    }));
    expect((await server.api('POST', `/api/projects/${pid}/tasks`, tasks)).status).toBe(201);
    // The manager accepts every imported annotation: they become the reference.
    const ids = (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks?limit=100`)).json.items.map((x) => x.id).sort((a, b) => a - b);
    for (const taskId of ids) {
      const task = (await server.api<{ annotations: { id: number; version: number }[] }>('GET', `/api/tasks/${taskId}`)).json;
      const ann = task.annotations[0]!;
      expect((await server.api('POST', `/api/annotations/${ann.id}/review`, { action: 'accept', version: ann.version })).status).toBe(200);
    }

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await login(page, server.url, undefined, `/projects/${pid}`);
    await page.getByTestId('tab-models').click();
    await page.getByTestId('evaluations-panel').waitFor();
    const runA = await startRun(page, 'Model A', 'model-a');
    const runB = await startRun(page, 'Model B', 'model-b');

    // The report of A: the numbers are those of core's classification report on the same labels.
    const expectedA = classificationReport(TRUTH, MODEL_A, { labels: ['pos', 'neg', 'neu'] });
    const apiA = (await server.api<{ report: ApiReport }>('GET', `/api/evaluations/${runA}`)).json.report;
    expect(apiA.headline.accuracy).toBeCloseTo(expectedA.accuracy, 12);
    expect(apiA.headline.macroF1).toBeCloseTo(expectedA.macro.f1, 12);
    await page.getByTestId('evaluation-run').filter({ hasText: 'Model A' }).getByTestId('open-run').click();
    await page.getByTestId('report-view').waitFor();
    expect(Number(await page.getByTestId('headline-accuracy').getAttribute('data-value'))).toBeCloseTo(expectedA.accuracy, 12);
    expect(await page.getByTestId('headline-accuracy').textContent()).toContain(expectedA.accuracy.toFixed(3));
    expect(await page.getByTestId('headline-macroF1').textContent()).toContain(expectedA.macro.f1.toFixed(3));
    // The heat map has the confusion matrix, label by label (the server's label order).
    const labels = apiA.metrics.classification!.report.labels;
    const cells = await page.getByTestId('confusion-cell').evaluateAll((els) => els.map((e) => [e.getAttribute('data-truth'), e.getAttribute('data-predicted'), Number(e.getAttribute('data-count'))]));
    const count = (truth: string, pred: string) => TRUTH.filter((t, i) => t === truth && MODEL_A[i] === pred).length;
    expect(cells).toEqual(labels.flatMap((t) => labels.map((p) => [t, p, count(t, p)])));
    // One bar per region for accuracy, with the accuracy of that region's tasks.
    const bars = await page.locator('[data-testid="slice-bars"][data-metric="accuracy"] [data-testid="slice-bar"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-slice'), Number(e.getAttribute('data-value'))]));
    const regionAccuracy = (region: string) => TRUTH.filter((t, i) => REGION[i] === region && t === MODEL_A[i]).length / REGION.filter((r) => r === region).length;
    expect(bars.map(([s]) => s).sort()).toEqual(['north', 'south']);
    for (const [slice, value] of bars) expect(value).toBeCloseTo(regionAccuracy(slice as string), 12);
    const gap = Math.abs(regionAccuracy('north') - regionAccuracy('south'));
    expect(await page.locator('[data-testid="slice-bars"][data-metric="accuracy"] [data-testid="slice-gap"]').textContent()).toContain(gap.toFixed(3));

    // The HTML export downloads as a file with the report in it, and no script.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-html').click()]);
    const html = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe(`evaluation-${runA}.html`);
    expect(html).toContain('Model A');
    expect(html).toContain(expectedA.accuracy.toFixed(3));
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);

    // Back in the panel: tick both runs and compare; the deltas are B − A.
    await page.goto(`${server.url}/projects/${pid}/models`);
    await page.getByTestId('evaluation-run').first().waitFor();
    for (const name of ['Model A', 'Model B']) await page.getByTestId('evaluation-run').filter({ hasText: name }).getByTestId('pick-run').check();
    await page.getByTestId('compare-runs').click();
    await page.waitForURL((u) => u.pathname.endsWith('/evaluations/compare') && u.search === `?a=${runA}&b=${runB}`);
    await page.getByTestId('compare-headline').waitFor();
    const expectedB = classificationReport(TRUTH, MODEL_B, { labels: ['pos', 'neg', 'neu'] });
    const accuracyRow = await page.getByTestId('compare-headline-row').first().locator('td').allTextContents();
    expect(accuracyRow).toEqual([expectedA.accuracy.toFixed(3), expectedB.accuracy.toFixed(3), `+${(expectedB.accuracy - expectedA.accuracy).toFixed(3)}`]);
    expect(await page.getByTestId('compare-A').textContent()).toContain('Model A');
    expect(await page.getByTestId('compare-B').textContent()).toContain('Model B');
    expect(await page.getByTestId('compare-pr-chart').getByTestId('pr-series').count()).toBeGreaterThan(0);
    const [compared] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-compare-html').click()]);
    const both = fs.readFileSync((await compared.path())!, 'utf8');
    expect(both).toContain('Model A');
    expect(both).toContain('Model B');

    // Delete run A from the panel: it is gone from the list and the API.
    await page.goto(`${server.url}/projects/${pid}/models`);
    await page.getByTestId('evaluation-run').filter({ hasText: 'Model A' }).getByTestId('delete-run').click();
    await expect.poll(() => page.getByTestId('evaluation-run').count()).toBe(1);
    expect((await server.api('GET', `/api/evaluations/${runA}`)).status).toBe(404);
    await ctx.close();
  });
});
