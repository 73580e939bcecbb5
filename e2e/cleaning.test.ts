import { expect, it } from 'vitest';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';

describeE2e('cleaning in the browser: duplicates with "keep one", personal data scan and redaction', (env) => {
  it('finds a duplicate group and keeps one, scans for personal data with masked examples, then redacts after a confirm', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', {
      title: 'Cleaning',
      labelConfig: '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices></View>',
    });
    const pid = project.json.id;
    const texts = ['same review', 'same   review', 'a different one', '请联系 13800138000 或 john.doe@example.com'];
    expect((await server.api('POST', `/api/projects/${pid}/tasks`, texts.map((text) => ({ data: { text } })))).status).toBe(201);
    const ids = (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks`)).json.items.map((x) => x.id);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await login(page, server.url, undefined, `/projects/${pid}`);
    await page.getByTestId('tab-cleaning').click();

    const dupes = page.getByTestId('duplicates-panel');
    await dupes.getByTestId('dup-run').click();
    await expect.poll(() => dupes.getByTestId('job-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    await expect.poll(() => dupes.locator('[data-kind="exact"]').count()).toBe(1);
    await dupes.getByTestId(`keep-${ids[0]}`).click();
    await expect.poll(() => dupes.getByTestId('keep-result').textContent()).toContain(`Kept task ${ids[0]}; 1 task deleted`);
    const left = (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks`)).json.items.map((x) => x.id);
    expect(left).toEqual([ids[0], ids[2], ids[3]]);

    const pii = page.getByTestId('pii-panel');
    await pii.getByTestId('pii-scan').click();
    await expect.poll(() => pii.getByTestId('pii-count-mobile').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await pii.getByTestId('pii-count-email').textContent()).toBe('1');
    const examples = await pii.getByTestId('pii-examples').textContent();
    expect(examples).toContain('138****8000');
    expect(examples).not.toContain('13800138000');

    await pii.getByTestId('pii-mask').selectOption('label');
    await pii.getByTestId('pii-redact').click();
    await expect.poll(() => pii.getByTestId('pii-redact-result').textContent(), { timeout: 15_000 }).toContain('1 of 3 tasks redacted');
    const task = await server.api<{ data: { text: string } }>('GET', `/api/tasks/${ids[3]}`);
    expect(task.json.data.text).toBe('请联系 [PHONE] 或 [EMAIL]');
    await ctx.close();
  });
});
