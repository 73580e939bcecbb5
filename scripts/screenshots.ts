// Takes screenshots of the main screens in English and Chinese into docs/screenshots/ (run after
// `npm run build`): node --import tsx scripts/screenshots.ts
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { login, launchBrowser, newContext } from '../e2e/helpers/browser.js';
import { startE2eServer } from '../e2e/helpers/e2e-server.js';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');

/** A street-like test picture drawn with SVG and encoded as PNG (no files, no network). */
async function streetImage(): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="600">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb3d9"/><stop offset="1" stop-color="#dfe9f3"/></linearGradient></defs>
    <rect width="960" height="330" fill="url(#sky)"/><rect y="330" width="960" height="270" fill="#59626b"/>
    <polygon points="420,330 540,330 900,600 60,600" fill="#6f7983"/>
    <rect x="474" y="350" width="10" height="40" fill="#f1f1f1"/><rect x="470" y="420" width="16" height="60" fill="#f1f1f1"/><rect x="464" y="520" width="24" height="80" fill="#f1f1f1"/>
    <rect x="120" y="290" width="210" height="100" rx="16" fill="#c0392b"/><circle cx="170" cy="392" r="22" fill="#222"/><circle cx="285" cy="392" r="22" fill="#222"/>
    <rect x="640" y="300" width="160" height="80" rx="12" fill="#2d6cdf"/><circle cx="675" cy="382" r="18" fill="#222"/><circle cx="770" cy="382" r="18" fill="#222"/>
    <rect x="590" y="250" width="26" height="80" rx="10" fill="#444"/><circle cx="603" cy="238" r="13" fill="#e0b58c"/>
    <rect x="0" y="200" width="80" height="130" fill="#9a8f86"/><rect x="860" y="170" width="100" height="160" fill="#8d8278"/></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const box = (id: string, label: string, x: number, y: number, w: number, h: number) => ({ id, type: 'rectanglelabels', from_name: 'label', to_name: 'image', original_width: 960, original_height: 600, value: { x, y, width: w, height: h, rotation: 0, rectanglelabels: [label] } });

/** A ticket-triage project whose two models' stored predictions are evaluated against the accepted labels, sliced by region; returns the two run ids. */
async function seedEvaluations(server: Awaited<ReturnType<typeof startE2eServer>>): Promise<{ pid: number; runs: number[] }> {
  const project = await server.api<{ id: number }>('POST', '/api/projects', {
    title: 'Ticket triage · 工单分类',
    labelConfig: '<View><Text name="text" value="$text"/><Choices name="topic" toName="text"><Choice value="billing"/><Choice value="delivery"/><Choice value="account"/></Choices></View>',
  });
  const pid = project.json.id;
  const topics = ['billing', 'delivery', 'account'];
  const regions = ['north', 'south', 'east', 'west'];
  const noise = (i: number, salt: number) => ((Math.imul(i + 1, 2654435761) ^ Math.imul(salt, 40503)) >>> 0) / 2 ** 32;
  const choice = (label: string) => [{ id: 't', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: [label] } }];
  // Model A is weaker, and much weaker in the west (a fairness gap); model B is better everywhere.
  const predict = (i: number, truth: number, skill: number, salt: number) => {
    const right = noise(i, salt) < skill;
    return { model_version: salt === 1 ? 'triage-a' : 'triage-b', score: right ? 0.55 + 0.45 * noise(i, salt + 7) : 0.35 + 0.4 * noise(i, salt + 9), result: choice(topics[right ? truth : (truth + 1 + Math.floor(noise(i, salt + 3) * 2)) % 3]!) };
  };
  const tasks = Array.from({ length: 80 }, (_, i) => {
    const truth = Math.floor(noise(i, 5) * 3);
    const region = regions[i % 4]!;
    return { data: { text: `ticket ${i}`, region }, annotations: [{ result: choice(topics[truth]!) }], predictions: [predict(i, truth, region === 'west' ? 0.45 : 0.78, 1), predict(i, truth, 0.9, 2)] };
  });
  await server.api('POST', `/api/projects/${pid}/tasks`, tasks);
  for (const { id } of (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks?limit=100`)).json.items) {
    const ann = (await server.api<{ annotations: { id: number; version: number }[] }>('GET', `/api/tasks/${id}`)).json.annotations[0]!;
    await server.api('POST', `/api/annotations/${ann.id}/review`, { action: 'accept', version: ann.version });
  }
  const runs: number[] = [];
  for (const [name, modelVersion] of [['Triage A', 'triage-a'], ['Triage B', 'triage-b']]) {
    const run = await server.api<{ id: number }>('POST', `/api/projects/${pid}/evaluations`, { name, source: { kind: 'predictions', modelVersion }, reference: 'accepted', fromName: 'topic', sliceBy: 'region', minSupport: 5 });
    runs.push(run.json.id);
  }
  for (const id of runs) {
    for (let i = 0; i < 100 && (await server.api<{ status: string }>('GET', `/api/evaluations/${id}`)).json.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 200));
  }
  return { pid, runs };
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startE2eServer();
  const browser = await launchBrowser();
  try {
    const image = await streetImage();
    const imageProject = await server.api<{ id: number }>('POST', '/api/projects', {
      title: 'Street scenes · 街景',
      description: 'Box every car, pedestrian and the road surface.',
      labelConfig: '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car" background="#e5484d"/><Label value="Pedestrian" background="#30a46c"/><Label value="Road" background="#3e63dd"/></RectangleLabels></View>',
    });
    const pid = imageProject.json.id;
    await server.api('POST', `/api/projects/${pid}/tasks`, [
      { data: { image }, annotations: [{ result: [box('a', 'Car', 12.5, 48, 22, 17), box('b', 'Car', 66.5, 50, 17, 14), box('c', 'Pedestrian', 61, 38, 3.5, 17)] }] },
      ...Array.from({ length: 11 }, () => ({ data: { image } })),
    ]);
    const firstTask = (await server.api<{ items: { id: number }[] }>('GET', `/api/projects/${pid}/tasks?limit=1`)).json.items[0]!.id;
    const firstAnnotation = (await server.api<{ annotations: { id: number }[] }>('GET', `/api/tasks/${firstTask}`)).json.annotations[0]!.id;
    await server.api('POST', `/api/projects/${pid}/exports`, { format: 'coco' });
    const nerProject = await server.api<{ id: number }>('POST', '/api/projects', {
      title: 'News entities · 新闻实体',
      labelConfig: '<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/><Label value="LOC"/></Labels></View>',
    });
    await server.api('POST', `/api/projects/${nerProject.json.id}/tasks`, [{ text: '王小明于2024年3月在北京加入了阿里巴巴。Alice moved from Shanghai to Berlin to work for Siemens.' }]);

    const evaluations = await seedEvaluations(server);

    for (const lang of ['en', 'zh-CN'] as const) {
      const ctx = await newContext(browser, lang === 'en' ? 'en-US' : 'zh-CN');
      const page = await ctx.newPage();
      const shot = async (name: string) => {
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(OUT, `${lang}-${name}.png`) });
      };
      await page.goto(`${server.url}/login`);
      await shot('login');
      await login(page, server.url);
      await shot('projects');
      await page.goto(`${server.url}/projects/${pid}`);
      await shot('project-overview');
      await page.goto(`${server.url}/projects/${pid}/data`);
      await shot('data-manager');
      await page.goto(`${server.url}/projects/new`);
      await shot('config-builder');
      // the first task, with its three boxes, opened by its shareable URL
      await page.goto(`${server.url}/projects/${pid}/tasks/${firstTask}?annotation=${firstAnnotation}`);
      await page.waitForSelector('[data-testid="workspace"]');
      await page.getByTestId('region-row').first().click();
      await shot('editor-image');
      await page.goto(`${server.url}/projects/${pid}/exports`);
      await shot('exports');
      await page.goto(`${server.url}/projects/${nerProject.json.id}/label`);
      await page.waitForSelector('[data-testid="workspace"]');
      await shot('editor-text');
      await page.goto(`${server.url}/tokens`);
      await shot('tokens');
      await page.goto(`${server.url}/projects/${evaluations.pid}/evaluations/${evaluations.runs[0]}`);
      await page.waitForSelector('[data-testid="report-view"]');
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(OUT, `${lang}-evaluation-report.png`), fullPage: true });
      await page.goto(`${server.url}/projects/${evaluations.pid}/evaluations/compare?a=${evaluations.runs[0]}&b=${evaluations.runs[1]}`);
      await page.waitForSelector('[data-testid="compare-pr-chart"]');
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(OUT, `${lang}-evaluation-compare.png`), fullPage: true });
      await ctx.close();
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
