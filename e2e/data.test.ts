import { expect, it } from 'vitest';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';

describeE2e('data in and out in the browser: file import as a job, dataset versions', (env) => {
  it('imports a JSONL file through the import job with progress, exports two versions, downloads one and compares them', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', {
      title: 'Data',
      labelConfig: '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices></View>',
    });
    const pid = project.json.id;
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${pid}`);
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ text: `review number ${i}` })).join('\n');
    await page.getByTestId('import-files').setInputFiles({ name: 'reviews.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines) });
    await expect.poll(() => page.getByTestId('job-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('25 tasks');
    await expect.poll(() => page.getByTestId('count-tasks').textContent()).toBe('25');

    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByTestId('export-format').selectOption('jsonl');
    await page.getByTestId('export-create').click();
    await expect.poll(() => page.getByTestId('job-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    // label one task through the API, export again, compare
    const tasks = await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks?limit=1`);
    const choice = [{ id: 'c1', type: 'choices', from_name: 'sentiment', to_name: 'text', value: { choices: ['pos'] } }];
    expect((await server.api('POST', `/api/tasks/${tasks.json.items[0]!.id}/annotations`, { result: choice })).status).toBe(201);
    await page.getByTestId('export-create').click();
    await expect.poll(() => page.locator('[data-testid="dataset-versions"] tbody tr').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid="dataset-versions"] a[download]').count(), { timeout: 15_000 }).toBe(2);

    const href = await page.locator('[data-testid="dataset-versions"] a[download]').first().getAttribute('href');
    const body = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(body.trim().split('\n')).toHaveLength(25);

    const boxes = page.locator('[data-testid="dataset-versions"] tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('export-compare').click();
    await expect.poll(() => page.getByTestId('comparison').textContent()).toMatch(/0 tasks added, 0 removed, 1 changed, 24 unchanged/);
    await ctx.close();
  });
});
