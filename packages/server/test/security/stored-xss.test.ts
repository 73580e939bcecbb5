import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeMedia } from '../../src/modules/media/media-service.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';
import { download, unzip } from '../modules/export-fixtures.js';
import { multipart } from '../modules/media-fixtures.js';
import { buildHostileWorld, MARK, XSS, XSS_LABEL, type HostileWorld } from './hostile-fixtures.js';
import { concretePath, label, operations } from './route-table.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** Query strings some GET routes need to answer 200 rather than 400. */
const QUERIES: Record<string, string> = { '/api/projects/{id}/export': 'format=csv' };
/** Types a browser renders as a document, where planted markup or script would run. */
const ACTIVE = /html|xml|svg|javascript|ecmascript/i;

/** True when the response is a download (Content-Disposition: attachment), which a browser never renders. */
const isAttachment = (res: LightMyRequestResponse) => /^attachment;/.test(String(res.headers['content-disposition'] ?? ''));

describeEachDialect('stored XSS: user data never comes back as a page that runs it', (dialect) => {
  let t: TestApp;
  let world: HostileWorld;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    world = await buildHostileWorld(t);
  });
  afterAll(async () => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${world.owner.token}`, accept: BROWSER_ACCEPT, ...headers } });

  it('stores markup in task text, label names, titles and file names verbatim, and returns it only inside JSON', async () => {
    const task = await get(`/api/tasks/${world.ids.tasks}`);
    expect(task.headers['content-type']).toMatch(/^application\/json/);
    expect(task.json().data.text).toBe(XSS);
    expect(task.json().annotations[0].result[0].value.rectanglelabels).toEqual([XSS_LABEL]);
    const project = await get(`/api/projects/${world.ids.projects}`);
    expect(project.json().title).toBe(XSS);
    expect(JSON.stringify(project.json().labelConfig)).toContain(JSON.stringify(XSS_LABEL).slice(1, -1));
    const media = await get(`/api/media/${world.ids.media}/info`);
    expect(media.json().fileName).toBe(`${XSS}.png`);
    for (const res of [task, project, media]) expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers every GET route of the route table with JSON, a safe media type or an attachment — never a document — even when a browser asks for HTML', async () => {
    const gets = operations(t.app).filter((op) => op.method === 'get');
    expect(gets.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let answered = 0;
    for (const op of gets) {
      const query = QUERIES[op.path];
      const res = await get(`${concretePath(op.path, world.ids)}${query ? `?${query}` : ''}`);
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode >= 500) failures.push(`${label(op)} → ${res.statusCode}`);
      if (res.statusCode < 300) answered++;
      const json = /^application\/json/.test(type);
      const stream = /^text\/event-stream/.test(type);
      const safeMedia = /^(image\/(png|jpeg|gif|webp)|video\/|audio\/)/.test(type);
      if (ACTIVE.test(type) && !isAttachment(res)) failures.push(`${label(op)} → ${type} inline`);
      if (!json && !stream && !safeMedia && !isAttachment(res) && res.body.length > 0) failures.push(`${label(op)} → ${type || 'no type'}, not an attachment`);
      if (res.headers['x-content-type-options'] !== 'nosniff') failures.push(`${label(op)} → no nosniff`);
      const csp = String(res.headers['content-security-policy'] ?? '');
      if (!/default-src '(self|none)'/.test(csp) || /script-src[^;]*unsafe-/.test(csp)) failures.push(`${label(op)} → CSP "${csp}"`);
    }
    expect(failures).toEqual([]);
    // Most routes really answered with the hostile data, so the check above saw it.
    expect(answered).toBeGreaterThan(gets.length * 0.7);
  });

  it('enforces the Content-Security-Policy (not report-only) on the app and on API answers alike', async () => {
    for (const url of ['/', '/projects/1/tasks/2', `/api/projects/${world.ids.projects}`, '/api/nothing-here']) {
      const res = await get(url);
      expect(res.headers['content-security-policy-report-only']).toBeUndefined();
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*|data:)/);
    }
  });

  it('ships a web page whose scripts all come from files, so the policy needs no unsafe-inline', () => {
    const require = createRequire(import.meta.url);
    const pkg = path.dirname(require.resolve('@laoshi/web/package.json'));
    const built = path.join(pkg, 'dist', 'index.html');
    const html = fs.readFileSync(fs.existsSync(built) ? built : path.join(pkg, 'public', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('reflects markup from the URL or the body only inside JSON error answers', async () => {
    const route = await get(`/api/${encodeURIComponent(XSS)}`);
    expect(route.statusCode).toBe(404);
    expect(route.headers['content-type']).toMatch(/^application\/json/);
    const field = await t.call(world.owner, 'POST', '/api/projects', { title: 'x', labelConfig: '<View/>', [XSS]: 1 }, { accept: BROWSER_ACCEPT });
    expect(field.statusCode).toBe(400);
    expect(field.headers['content-type']).toMatch(/^application\/json/);
    const config = await t.call(world.owner, 'POST', '/api/projects', { title: 'x', labelConfig: `<View><${MARK} onload="alert(1)"/></View>` }, { accept: BROWSER_ACCEPT });
    expect(config.statusCode).toBe(400);
    expect(config.headers['content-type']).toMatch(/^application\/json/);
  });

  it('serves uploads by their sniffed type: markup and XML in disguise are attachments, script never has a script type', async () => {
    const disguised = [
      { filename: 'photo.png', content: `<html><body><script>alert('${MARK}')</script></body></html>`, type: 'image/png' },
      { filename: 'app.js', content: `alert('${MARK}')`, type: 'text/javascript' },
      { filename: 'feed.xml', content: `<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert('${MARK}')</x:script>`, type: 'application/xml' },
      { filename: 'page.xhtml', content: `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert('${MARK}')</script></html>`, type: 'application/xhtml+xml' },
      { filename: 'doc.pdf', content: '%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF', type: 'application/pdf' },
    ];
    const { payload, headers } = multipart(disguised);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${world.ids.projects}/media`, payload, headers: { ...headers, authorization: `Bearer ${world.owner.token}` } });
    expect(res.statusCode, res.body).toBe(201);
    for (const media of res.json().items as { url: string; fileName: string; kind: string }[]) {
      expect(media.kind, media.fileName).toBe('other');
      const file = await get(media.url);
      // A <script src> of our own origin passes script-src 'self': nosniff stops it only if the type is not a script type.
      expect(file.headers['content-type'], media.fileName).not.toMatch(/javascript|ecmascript|html|svg/i);
      expect(isAttachment(file), media.fileName).toBe(true);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
      expect(file.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('keeps a hostile file name inside the Content-Disposition header: no quote, line break or header of its own', async () => {
    const name = `evil"; filename="x.html\r\nSet-Cookie: stolen=1\r\n\r\n<script>${MARK}</script>.txt`;
    const media = await storeMedia(t.ctx, { organizationId: world.owner.organizationId, projectId: world.ids.projects!, createdBy: world.owner.id, fileName: name, body: Readable.from([Buffer.from('plain text')]) });
    const file = await get(`/api/media/${media.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['set-cookie']).toBeUndefined();
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''[^\s";]+$/);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe(name);
  });

  it('exports label names and task text escaped for their format, as attachments', async () => {
    const res = await get(`/api/dataset-versions/${world.ids['dataset-versions']}/download`);
    expect(res.statusCode).toBe(200);
    expect(isAttachment(res)).toBe(true);
    const files = await unzip(await download(t, world.owner, world.ids['dataset-versions']!));
    const xml = [...files].filter(([name]) => name.endsWith('.xml')).map(([, body]) => body.toString('utf8')).join('\n');
    expect(xml).toContain('<name>&lt;img src=x onerror=alert(');
    expect(xml).not.toContain(XSS_LABEL);
    const csv = await get(`/api/projects/${world.ids.projects}/export?format=csv`);
    expect(isAttachment(csv)).toBe(true);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain(MARK);
  });
});
