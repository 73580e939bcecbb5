import sharp from 'sharp';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, newContext } from './helpers/browser.js';
import { describeE2e } from './helpers/e2e-suite.js';

interface ResultItem {
  type: string;
  value: Record<string, unknown>;
}
interface TaskDetail {
  annotations: { completedBy: number; draft: boolean; result: ResultItem[] }[];
}

async function pngDataUrl(color: string): Promise<string> {
  const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: color } }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const IMAGE_CONFIG =
  '<View><Image name="image" value="$image"/>' +
  '<RectangleLabels name="box" toName="image"><Label value="Car" hotkey="1"/><Label value="Person" hotkey="2"/></RectangleLabels>' +
  '<PolygonLabels name="area" toName="image"><Label value="Road" hotkey="3"/></PolygonLabels></View>';

/** The canvas's box on the page, to aim the mouse in image-relative fractions. */
async function canvasBox(page: Page) {
  const canvas = page.getByTestId('editor-canvas');
  await canvas.waitFor();
  const box = (await canvas.boundingBox())!;
  return { at: (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy }) };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

const taskIdOnScreen = async (page: Page) => Number(await page.getByTestId('workspace').getAttribute('data-task-id'));

describeE2e('labeling: draw, hotkeys, Enter submits, next task, NER, offline', (env) => {
  it('draws a box and a polygon with the mouse, labels by hotkey, submits with Enter and gets the next task at once', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Boxes', labelConfig: IMAGE_CONFIG });
    const images = await Promise.all(['#6b7d8f', '#8f7d6b', '#7d8f6b'].map(pngDataUrl));
    await server.api('POST', `/api/projects/${project.json.id}/tasks`, images.map((image) => ({ image })));
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${project.json.id}/label`);
    const first = await taskIdOnScreen(page);
    const c = await canvasBox(page);

    await page.keyboard.press('2'); // Person
    await page.keyboard.press('r');
    await drag(page, c.at(0.3, 0.3), c.at(0.5, 0.6));
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(1);

    await page.keyboard.press('3'); // Road
    await page.keyboard.press('p');
    for (const [x, y] of [[0.1, 0.8], [0.4, 0.7], [0.6, 0.95]] as const) {
      const p = c.at(x, y);
      await page.mouse.click(p.x, p.y);
    }
    const close = c.at(0.1, 0.8);
    await page.mouse.click(close.x, close.y);
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(2);

    await page.keyboard.press('Enter');
    await expect.poll(() => taskIdOnScreen(page)).not.toBe(first);

    const task = await server.api<TaskDetail>('GET', `/api/tasks/${first}`);
    const mine = task.json.annotations.find((a) => !a.draft)!;
    const rect = mine.result.find((r) => r.type === 'rectanglelabels')!;
    const poly = mine.result.find((r) => r.type === 'polygonlabels')!;
    expect(rect.value.rectanglelabels).toEqual(['Person']);
    expect(rect.value.x as number).toBeGreaterThan(25);
    expect(rect.value.x as number).toBeLessThan(35);
    expect(rect.value.width as number).toBeGreaterThan(15);
    expect(rect.value.width as number).toBeLessThan(25);
    expect(poly.value.polygonlabels).toEqual(['Road']);
    expect(poly.value.points).toHaveLength(3);
    await ctx.close();
  });

  it('marks an NER span by selecting text with the mouse', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', {
      title: 'NER',
      labelConfig: '<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER" hotkey="1"/><Label value="LOC" hotkey="2"/></Labels></View>',
    });
    await server.api('POST', `/api/projects/${project.json.id}/tasks`, [{ text: 'Alice moved to Berlin last year.' }]);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${project.json.id}/label`);
    const taskId = await taskIdOnScreen(page);
    await page.keyboard.press('2');
    // select "Berlin" by dragging over it
    const text = page.getByTestId('text-text');
    await text.waitFor();
    const range = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="text-text"]')!;
      const node = el.querySelector('span')!.firstChild as Text;
      const start = node.data.indexOf('Berlin');
      const r = document.createRange();
      r.setStart(node, start);
      r.setEnd(node, start + 1);
      const a = r.getBoundingClientRect();
      r.setStart(node, start + 5);
      r.setEnd(node, start + 6);
      const b = r.getBoundingClientRect();
      return { x1: a.left + 1, y: a.top + a.height / 2, x2: b.right - 1 };
    });
    await page.mouse.move(range.x1, range.y);
    await page.mouse.down();
    await page.mouse.move(range.x2, range.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('queue-done').count()).toBe(1);
    const task = await server.api<TaskDetail>('GET', `/api/tasks/${taskId}`);
    const span = task.json.annotations[0]!.result[0]!;
    expect(span.value).toMatchObject({ start: 15, end: 21, text: 'Berlin', labels: ['LOC'] });
    await ctx.close();
  });

  it('loses nothing when the network is cut mid-labeling: saves wait on the device and go out when it is back', async () => {
    const { server, browser } = env();
    const project = await server.api<{ id: number }>('POST', '/api/projects', { title: 'Offline', labelConfig: IMAGE_CONFIG });
    const image = await pngDataUrl('#556677');
    await server.api('POST', `/api/projects/${project.json.id}/tasks`, [{ image }, { image }]);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, server.url, undefined, `/projects/${project.json.id}/label`);
    const first = await taskIdOnScreen(page);
    const c = await canvasBox(page);

    await ctx.setOffline(true);
    await page.keyboard.press('1');
    await page.keyboard.press('r');
    await drag(page, c.at(0.2, 0.2), c.at(0.4, 0.4));
    await page.keyboard.press('r');
    await drag(page, c.at(0.6, 0.6), c.at(0.8, 0.7));
    await expect.poll(() => page.getByTestId('region-row').count()).toBe(2);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('offline-banner').count()).toBe(1);
    // kept on the device meanwhile
    const kept = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('laoshi');
          open.onsuccess = () => {
            const req = open.result.transaction('drafts').objectStore('drafts').getAll();
            req.onsuccess = () => resolve((req.result as { dirty: boolean; result: unknown[] }[]).filter((d) => d.dirty).reduce((n, d) => n + d.result.length, 0));
          };
        }),
    );
    expect(kept).toBe(2);
    expect((await server.api<TaskDetail>('GET', `/api/tasks/${first}`)).json.annotations.filter((a) => !a.draft)).toHaveLength(0);

    await ctx.setOffline(false);
    await expect.poll(() => taskIdOnScreen(page), { timeout: 15_000 }).not.toBe(first);
    const task = await server.api<TaskDetail>('GET', `/api/tasks/${first}`);
    expect(task.json.annotations).toHaveLength(1);
    expect(task.json.annotations[0]).toMatchObject({ draft: false });
    expect(task.json.annotations[0]!.result).toHaveLength(2);
    await ctx.close();
  });
});
