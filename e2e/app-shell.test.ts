import { expect, it } from 'vitest';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';

describeE2e('web app: sign in, language, projects, builder, import, deep links', (env) => {
  it('sends a signed-out visitor of a deep link to login and back to the link afterwards', async () => {
    const { server, browser } = env();
    const created = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Deep link project', labelConfig: '<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="A"/></Choices></View>' });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/projects/${created.json.id}/members`);
    await page.waitForURL(/\/login\?next=/);
    await login(page, server.url, undefined, page.url().replace(server.url, ''));
    await page.waitForURL(`${server.url}/projects/${created.json.id}/members`);
    await expect.poll(() => page.getByTestId('project-title').textContent()).toBe('Deep link project');
    // A reload keeps the session and the page (the server answers deep links with the app).
    await page.reload();
    await expect.poll(() => page.getByTestId('project-title').textContent()).toBe('Deep link project');
    await ctx.close();
  });

  it('switches the language at once and remembers it; a Chinese browser starts in Chinese', async () => {
    const { server, browser } = env();
    const ctx = await newContext(browser, 'en-US');
    const page = await ctx.newPage();
    await login(page, server.url);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Projects');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('项目');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('项目');
    await ctx.close();

    const zh = await newContext(browser, 'zh-CN');
    const zhPage = await zh.newPage();
    await zhPage.goto(`${server.url}/login`);
    await expect.poll(() => zhPage.getByRole('button', { name: '登录' }).count()).toBe(1);
    await zh.close();
  });

  it('creates a project with the builder (template, labels, hotkeys) and imports tasks with progress', async () => {
    const { server, browser } = env();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url);
    await page.getByRole('link', { name: 'New project' }).click();
    await page.locator('input[name="title"]').fill('Builder project');
    await page.getByTestId('template-ner').click();
    // add a fifth label through the visual editor
    await page.getByTestId('add-item').first().click();
    await expect.poll(() => page.getByTestId('config-valid').count()).toBe(1);
    // an invalid edit is explained and blocks creation
    const firstValue = page.getByLabel('Label', { exact: true }).first();
    await firstValue.fill('');
    await expect.poll(() => page.getByTestId('config-issues').count()).toBe(1);
    expect(await page.getByTestId('create-project').isDisabled()).toBe(true);
    await firstValue.fill('PERSON');
    await page.getByTestId('create-project').click();
    await page.waitForURL(/\/projects\/\d+$/);
    const id = Number(/\/projects\/(\d+)$/.exec(page.url())![1]);
    const project = await server.api<{ labelConfig: { controls: { labels: { value: string; hotkey?: string }[] }[] } }>('GET', `/api/projects/${id}`);
    expect(project.json.labelConfig.controls[0]!.labels.map((l) => l.value)).toEqual(['PERSON', 'ORG', 'LOC', 'DATE', 'Label 5']);

    await page.getByRole('tab', { name: 'Paste JSON' }).click();
    await page.getByTestId('import-paste').fill(JSON.stringify([{ text: '张三在上海工作。' }, { text: 'Alice works in Berlin.' }, { data: { text: '<img src=x onerror=alert(1)>' } }]));
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('3');
    await expect.poll(() => page.getByTestId('count-tasks').textContent()).toBe('3');

    // the data manager lists them as text (the HTML-looking task is shown, not run)
    await page.getByRole('link', { name: 'Data' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    expect(await page.locator('tbody').textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('tbody img').count()).toBe(0);
    await page.getByTestId('data-search').fill('berlin');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await ctx.close();
  });

  it('converts pasted Label Studio XML in the builder, and names the bad tag with its line', async () => {
    const { server, browser } = env();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, '/projects/new');
    await page.getByRole('tab', { name: 'Label Studio XML' }).click();
    await page.getByTestId('xml-input').fill('<View>\n  <Image name="img" value="$image"/>\n  <Bogus name="x"/>\n</View>');
    await page.getByTestId('xml-convert').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Bogus.*line 3|line 3.*Bogus/i);
    await page.getByTestId('xml-input').fill('<View><Image name="img" value="$image"/><PolygonLabels name="seg" toName="img"><Label value="Road"/></PolygonLabels></View>');
    await page.getByTestId('xml-convert').click();
    await expect.poll(() => page.getByTestId('config-valid').count()).toBe(1);
    expect(await page.getByTestId('builder-control').count()).toBe(1);
    await ctx.close();
  });

  it('creates an API token that works and is shown once', async () => {
    const { server, browser } = env();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, '/tokens');
    await page.getByLabel('Token name').fill('script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent())!;
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await page.reload();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await ctx.close();
  });
});
